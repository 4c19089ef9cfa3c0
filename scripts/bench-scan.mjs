// Times the wasm build's scan() under Node on the corpus benches/scan.rs
// wrote (target/bench/scan-corpus.json), and prints it next to the native
// figures from the same run (target/bench/scan-native.txt).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { initSync, scan, check } from '../pkg/listing_precheck.js';

const root = new URL('..', import.meta.url);
const t0 = performance.now();
initSync({ module: readFileSync(new URL('pkg/listing_precheck_bg.wasm', root)) });
check({ name: 'warm', description: 'x', delivery_format: 'saas', category: [] });
const firstCheckMs = performance.now() - t0;

const texts = JSON.parse(readFileSync(new URL('target/bench/scan-corpus.json', root), 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
let rounds = 0;
let signals = 0;
const start = performance.now();
while (rounds < 3 || performance.now() - start < 3000) {
  for (const t of texts) signals += scan(t).signals.length;
  rounds += 1;
}
const seconds = (performance.now() - start) / 1000;
const wasm = (bytes * rounds) / seconds / 1e6;
const [native, bare, bareAc] = readFileSync(new URL('target/bench/scan-native.txt', root), 'utf8')
  .trim().split('\n').map(Number);
console.log(`wasm scan() under Node:        ${wasm.toFixed(1).padStart(8)} MB/s (${signals / rounds} signals per round)`);
console.log(`wasm / native scan:            ${(wasm / native).toFixed(2).padStart(8)}`);
console.log(`native scan vs bare pass:      ${(bare / native).toFixed(2).padStart(8)}x slower (daachorse, the engine's automaton)`);
console.log(`native scan vs bare pass:      ${(bareAc / native).toFixed(2).padStart(8)}x slower (aho-corasick crate)`);
console.log(`Node instantiate + first check: ${firstCheckMs.toFixed(1)} ms`);
