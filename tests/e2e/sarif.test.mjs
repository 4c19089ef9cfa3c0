// The CLI's SARIF output validates against the official SARIF 2.1.0 schema
// (vendored in tests/sarif/), for clean, failing, malformed and justified
// listings alike. Needs the CLI built (./scripts/test builds it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** A validator for the SARIF schema, with its uri/date-time formats checked. */
function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'target/debug/listing-precheck');
const schema = JSON.parse(readFileSync(path.join(root, 'tests/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));

test('SARIF output is valid SARIF 2.1.0 for every fixture at once', () => {
  const dir = path.join(root, 'tests/fixtures');
  const files = readdirSync(dir).filter((f) => f.endsWith('.listing.json')).map((f) => path.join(dir, f));
  const run = spawnSync(cli, ['check', '--format', 'sarif', ...files], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  const log = JSON.parse(run.stdout);
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  const results = log.runs[0].results;
  assert.ok(results.length > 50, `only ${results.length} results`);
  // Every result names a rule of the catalogue, at its index.
  const rules = log.runs[0].tool.driver.rules;
  for (const r of results) assert.equal(rules[r.ruleIndex].id, r.ruleId);
  // A justified finding is a suppressed result.
  assert.ok(results.some((r) => r.suppressions?.[0]?.justification));
});

test('SARIF output of JSON Lines (with a broken line) is valid and located by line', () => {
  const input = [
    '{"id": "a", "name": "A", "description": "Ships a keylogger"}',
    '{oops',
  ].join('\n');
  const run = spawnSync(cli, ['check', '--format', 'sarif', '--jsonl', '-'], { input, encoding: 'utf8' });
  const log = JSON.parse(run.stdout);
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  const lines = new Set(log.runs[0].results.map((r) => r.locations[0].physicalLocation.region.startLine));
  assert.deepEqual([...lines].sort(), [1, 2]);
});
