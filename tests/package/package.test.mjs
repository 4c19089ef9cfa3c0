// The npm package (pkg/) where users build: TypeScript types compile
// without casts, Node loads it as ESM and CommonJS with synchronous calls,
// and an esbuild bundle of it runs in Chromium. Needs pkg/ built
// (./scripts/test builds it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, copyFileSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

// Resolve `listing-precheck` by name, through its package.json exports.
mkdirSync(path.join(here, 'node_modules'), { recursive: true });
try { symlinkSync(path.join(root, 'pkg'), path.join(here, 'node_modules/listing-precheck'), 'dir'); } catch (e) { if (e.code !== 'EEXIST') throw e; }

const LISTING = { name: 'Acme', description: 'A hardened image.', delivery_format: 'container', category: ['Software Infrastructure', 'Operating Systems'] };

test('TypeScript: a consumer compiles with tsc --noEmit (strict, no casts)', () => {
  const tsc = spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', path.join(here, 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

test('TypeScript: a wrong use of the types fails to compile', () => {
  const bad = path.join(here, 'bad.ts');
  writeFileSync(bad, "import { check } from 'listing-precheck';\nconst n: number = check({}).findings[0].citation.clause;\nexport { n };\n");
  try {
    const config = JSON.parse(readFileSync(path.join(here, 'tsconfig.json'), 'utf8'));
    config.files = ['bad.ts'];
    writeFileSync(path.join(here, 'tsconfig.bad.json'), JSON.stringify(config));
    const tsc = spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', path.join(here, 'tsconfig.bad.json')], { encoding: 'utf8' });
    assert.notEqual(tsc.status, 0, 'tsc accepted a string assigned to a number');
    assert.match(tsc.stdout, /not assignable to type 'number'/);
  } finally {
    rmSync(bad, { force: true });
    rmSync(path.join(here, 'tsconfig.bad.json'), { force: true });
  }
});

test('Node ESM: import by name, synchronous calls, no init, never throws', async () => {
  const pkg = await import('listing-precheck');
  const report = pkg.check(LISTING);
  assert.equal(report.findings[0].rule, 'delivery-format/unsupported');
  assert.equal(pkg.check('{oops').findings[0].rule, 'input/not-json');
  assert.equal(pkg.check(undefined).findings[0].rule, 'input/not-json');
  assert.match(pkg.version().ruleset, /^policy-2023-01-13/);
  assert.ok(pkg.rules().some((r) => r.id === 'signal/malware'));
  assert.equal(pkg.contractingEntity({ residence_country: 'DE' }).entity.id, 'europe');
});

test('Node CommonJS: require by name', () => {
  const require = createRequire(path.join(here, 'package.test.mjs'));
  const pkg = require('listing-precheck');
  assert.equal(pkg.check(LISTING).verdict, 'fail');
  assert.equal(pkg.scan('k e y l o g g e r').signals[0].class, 'malware');
});

test('package.json: exports, types, files and the ruleset version', () => {
  const meta = JSON.parse(readFileSync(path.join(root, 'pkg/package.json'), 'utf8'));
  assert.equal(meta.name, 'listing-precheck');
  assert.ok(meta.license && meta.repository && meta.description && meta.keywords.length);
  assert.equal(meta.exports['.'].types, './listing_precheck.d.ts');
  assert.equal(meta.exports['./attach'].default, './attach.js');
  assert.match(meta.listingPrecheck.ruleset, /^policy-/);
});

test('esbuild: a bundle importing the package runs in Chromium', async () => {
  const out = path.join(root, 'target/esbuild');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const build = spawnSync(path.join(root, 'node_modules/.bin/esbuild'), [
    path.join(here, 'bundle-entry.js'), '--bundle', '--format=esm', '--platform=browser',
    `--outfile=${path.join(out, 'bundle.js')}`,
  ], { encoding: 'utf8', cwd: here });
  assert.equal(build.status, 0, build.stderr);
  copyFileSync(path.join(root, 'pkg/listing_precheck_bg.wasm'), path.join(out, 'listing_precheck_bg.wasm'));
  writeFileSync(path.join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bundle</title><script type="module" src="bundle.js"></script>');
  const server = await serve(out, 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForSelector('body[data-result]', { state: 'attached' });
    const result = JSON.parse(await page.getAttribute('body', 'data-result'));
    assert.equal(result.rule, 'delivery-format/unsupported');
    assert.match(result.ruleset, /^policy-/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
});
