// The host page checks a listing live: findings appear next to the field
// they point at, and the page computes the same report bytes as the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { start, ROOT } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the sample listing passes on load', async () => {
  const page = await env.page();
  assert.match(await page.textContent('#verdict'), /Pass/);
  assert.match(await page.textContent('#version'), /ruleset policy-2023-01-13/);
  assert.deepEqual(page.errors, []);
});

test('a container delivery format is an error next to the field, fixed by "image"', async () => {
  const page = await env.page();
  await page.fill('#f-delivery', 'container');
  const field = page.locator('.field[data-field="/delivery_format"]');
  const finding = field.locator('.finding.error');
  await finding.waitFor();
  assert.match(await finding.textContent(), /delivery-format\/unsupported/);
  assert.match(await finding.textContent(), /image format or a SaaS product/);
  assert.equal(await page.getAttribute('#f-delivery', 'aria-invalid'), 'true');
  const described = await page.getAttribute('#f-delivery', 'aria-describedby');
  assert.ok(described && (await page.locator(`#${described} .finding`).count()) === 1);
  assert.match(await page.textContent('#verdict'), /Fails: 1 error/);
  // What submitting it would lead to, from the policy, with sources.
  assert.equal(await page.isHidden('#consequences'), false);
  assert.match(await page.textContent('#consequences-actions'), /Account suspension/);
  assert.match(await page.textContent('#consequences-sources'), /Enforcement Actions/);

  await page.fill('#f-delivery', 'image');
  await page.waitForFunction(() => document.querySelector('#verdict').textContent.includes('Pass'));
  assert.equal(await field.locator('.finding').count(), 0);
  assert.equal(await page.isHidden('#consequences'), true);
  assert.equal(await page.getAttribute('#f-delivery', 'aria-invalid'), null);
  assert.deepEqual(page.errors, []);
});

test('the JSON editor and the form stay in sync, and syntax errors are located', async () => {
  const page = await env.page();
  await page.fill('#f-name', 'Renamed product');
  // Checks run once per animation frame: wait for the update.
  await page.waitForFunction(() => document.querySelector('#listing-json').value.includes('Renamed product'));
  assert.equal(JSON.parse(await page.inputValue('#listing-json')).name, 'Renamed product');
  const listing = JSON.parse(await page.inputValue('#listing-json'));
  listing.category = ['Developer Tools', 'Operating Systems'];
  await page.fill('#listing-json', JSON.stringify(listing));
  await page.locator('.field[data-field="/category/1"] .finding.error').waitFor();
  assert.equal(await page.inputValue('#f-category'), 'Developer Tools');
  await page.fill('#listing-json', '{"name": "x",');
  const general = page.locator('#general-findings .finding.error');
  await general.waitFor();
  assert.match(await general.textContent(), /not valid JSON.*line 1, column/);
});

test('an edit of the form and one of the JSON box in the same frame both survive', async () => {
  const page = await env.page();
  // Both edits land before the next animation frame, where the check runs:
  // the JSON edit must not be overwritten by the form's pending update.
  await page.evaluate(() => {
    const description = document.querySelector('#f-description');
    description.value = 'Edited in the form';
    description.dispatchEvent(new Event('input', { bubbles: true }));
    const box = document.querySelector('#listing-json');
    const listing = JSON.parse(box.value);
    listing.name = 'Edited in the JSON box';
    box.value = JSON.stringify(listing);
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const listing = JSON.parse(await page.inputValue('#listing-json'));
  assert.equal(listing.name, 'Edited in the JSON box');
  assert.equal(listing.description, 'Edited in the form');
  assert.equal(await page.inputValue('#f-name'), 'Edited in the JSON box');
  assert.equal(await page.inputValue('#f-description'), 'Edited in the form');
});

test('text is rendered as text, never as markup', async () => {
  const page = await env.page();
  await page.fill('#f-delivery', '<img src=x onerror="window.__xss=1">');
  await page.locator('.field[data-field="/delivery_format"] .finding').waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('.finding img').count(), 0);
});

test('the page computes the same report bytes as the CLI for every fixture', async () => {
  const page = await env.page();
  const cli = `${ROOT}/target/debug/listing-precheck`;
  const dir = `${ROOT}/tests/fixtures`;
  const names = readdirSync(dir).filter((f) => f.endsWith('.listing.json'));
  assert.ok(names.length >= 20);
  for (const name of names) {
    const file = `${dir}/${name}`;
    let fromCli;
    try {
      fromCli = execFileSync(cli, ['check', file], { encoding: 'utf8' });
    } catch (e) {
      assert.equal(e.status, 1, `${name}: exit code`); // listings with errors exit 1
      fromCli = e.stdout;
    }
    const text = readFileSync(file, 'utf8');
    const fromPage = await page.evaluate(async (t) => {
      const m = await import('./pkg/listing_precheck.js');
      return { bytes: m.checkJson(t), object: JSON.stringify(m.check(t)) };
    }, text);
    assert.equal(fromPage.bytes + '\n', fromCli, `${name}: checkJson vs CLI`);
    assert.equal(fromPage.object + '\n', fromCli, `${name}: JSON.stringify(check) vs CLI`);
  }
});

test('the contract card follows the vendor country (Europe, Australia, unknown)', async () => {
  const page = await env.page();
  assert.match(await page.textContent('#contract-entity'), /Alibaba\.com \(Europe\) Limited/);
  assert.match(await page.textContent('#contract-law'), /England and Wales/);
  assert.match(await page.textContent('[data-addendum="europe"]'), /Applies/);
  await page.fill('#f-vendor-billing', '');
  await page.fill('#f-vendor-country', 'Australia');
  await page.waitForFunction(() => document.querySelector('#contract-entity').textContent.includes('Singapore'));
  assert.match(await page.textContent('[data-addendum="australia"]'), /Applies/);
  assert.match(await page.textContent('#contract-questions'), /small business contract/);
  assert.match(await page.textContent('#contract-notice'), /Hong Kong/);
  await page.fill('#f-vendor-country', 'Atlantis');
  const warning = page.locator('.field[data-field="/vendor/country"] .finding.warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /contract\/unknown-country/);
  assert.equal(await page.isHidden('#contract-card'), true);
});
