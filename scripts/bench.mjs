// The Node side of scripts/bench, on the corpora benches/peers.rs wrote in
// the same run (target/bench/): wasm check() throughput on the listings,
// wasm scan() and the JS library obscenity (a dataset of the same English
// vocabulary terms, its recommended English transformers) on the same
// texts, and instantiate + first check (fresh processes). Prints JSON for
// scripts/bench.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  DataSet, RegExpMatcher, parseRawPattern, englishRecommendedTransformers,
} from 'obscenity';

const root = new URL('..', import.meta.url);
const warm = '{"name":"warm","description":"x","delivery_format":"saas","category":[]}';

/** Instantiate + first check in fresh Node processes (median of 7): the
 *  package as Node resolves it (pkg/node, the prebuilt matchers), and
 *  the browser build loaded with initSync. */
function firstCheck(code) {
  const runs = [];
  for (let i = 0; i < 7; i++) {
    runs.push(Number(execFileSync(process.execPath, ['-e', code], { cwd: fileURLToPath(root) })));
  }
  return runs.sort((a, b) => a - b)[3];
}
const firstCheckMs = firstCheck(`const t0 = performance.now();
const m = require('./pkg/node/listing_precheck.js');
m.checkJson(${JSON.stringify(warm)});
process.stdout.write(String(performance.now() - t0));`);
const webFirstCheckMs = firstCheck(`(async () => {
const t0 = performance.now();
const glue = await import('./pkg/listing_precheck.js');
glue.initSync({ module: require('fs').readFileSync('pkg/listing_precheck_bg.wasm') });
glue.checkJson(${JSON.stringify(warm)});
process.stdout.write(String(performance.now() - t0));
})();`);
const glue = await import('../pkg/listing_precheck.js');
glue.initSync({ module: readFileSync(new URL('pkg/listing_precheck_bg.wasm', root)) });

/** Runs f over items for at least ms; returns [items/s, MB/s]. */
function rate(items, ms, f) {
  const bytes = items.reduce((n, t) => n + Buffer.byteLength(t), 0);
  let rounds = 0;
  const start = performance.now();
  while (rounds < 1 || performance.now() - start < ms) {
    for (const t of items) f(t);
    rounds += 1;
  }
  const s = (performance.now() - start) / 1000;
  return [(items.length * rounds) / s, (bytes * rounds) / s / 1e6];
}

const listings = readFileSync(new URL('target/bench/listings.jsonl', root), 'utf8')
  .split('\n').filter(Boolean).slice(0, 20000);
const texts = JSON.parse(readFileSync(new URL('target/bench/texts.json', root), 'utf8'));

const [checkPerS] = rate(listings, 3000, (l) => glue.checkJson(l));
let wasmSignals = 0;
const [, scanMBs] = rate(texts, 3000, (t) => { wasmSignals += glue.scan(t).signals.length; });

// obscenity with the same English terms (its pattern syntax reserves []?|\).
const vocabulary = JSON.parse(readFileSync(new URL('data/signals/en.json', root), 'utf8'));
const terms = [...new Set(vocabulary.groups.flatMap((g) => g.terms))]
  .filter((t) => !/[[\]?|\\]/.test(t));
const dataset = new DataSet();
terms.forEach((t, i) => dataset.addPhrase((p) => p.setMetadata({ i }).addPattern(parseRawPattern(t))));
const tBuild = performance.now();
const matcher = new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers });
const obscenityBuildMs = performance.now() - tBuild;
let obscenityMatches = 0;
const [, obscenityMBs] = rate(texts, 3000, (t) => { obscenityMatches += matcher.getAllMatches(t).length; });

console.log(JSON.stringify({
  first_check_ms: firstCheckMs,
  web_first_check_ms: webFirstCheckMs,
  wasm_check_per_s: checkPerS,
  wasm_scan_mb_s: scanMBs,
  obscenity_mb_s: obscenityMBs,
  obscenity_terms: terms.length,
  obscenity_build_ms: obscenityBuildMs,
}));
