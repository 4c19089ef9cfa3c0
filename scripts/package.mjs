// Completes pkg/package.json after wasm-pack (part of generating pkg/, see
// scripts/lib.sh build_wasm): conditional exports for browsers/bundlers
// (ES module + async init) and Node (CommonJS build in node/, synchronous),
// the form helper `listing-precheck/attach`, the files list, and the
// ruleset version the package checks against.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../pkg/package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(path, 'utf8'));
const cargo = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const ruleset = readFileSync(new URL('../src/policy/mod.rs', import.meta.url), 'utf8')
  .match(/RULESET_VERSION: &str = "([^"]+)"/)?.[1];

pkg.description = cargo.match(/^description = "(.*)"$/m)?.[1] ?? pkg.description;
pkg.keywords = ['marketplace', 'listing', 'policy', 'lint', 'wasm', 'webassembly', 'compliance', 'content-moderation'];
pkg.files = [
  'listing_precheck_bg.wasm', 'listing_precheck.js', 'listing_precheck.d.ts', 'listing_precheck_bg.wasm.d.ts',
  'attach.js', 'attach.d.ts', 'node/', 'README.md',
];
pkg.main = 'node/listing_precheck.js';
pkg.module = 'listing_precheck.js';
pkg.types = 'listing_precheck.d.ts';
pkg.exports = {
  '.': {
    node: { types: './node/listing_precheck.d.ts', default: './node/listing_precheck.js' },
    types: './listing_precheck.d.ts',
    default: './listing_precheck.js',
  },
  './attach': { types: './attach.d.ts', default: './attach.js' },
  './listing_precheck_bg.wasm': './listing_precheck_bg.wasm',
  './package.json': './package.json',
};
pkg.sideEffects = false;
pkg.listingPrecheck = { ruleset };
writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
// The Node build is CommonJS inside a "type": "module" package.
writeFileSync(new URL('../pkg/node/package.json', import.meta.url), '{ "type": "commonjs" }\n');
console.log(`pkg/package.json: exports written (ruleset ${ruleset})`);
