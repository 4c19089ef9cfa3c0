// Bundled by esbuild in tests/package/package.test.mjs and run in Chromium:
// the package works through a bundler.
import init, { check, version } from 'listing-precheck';

await init();
const report = check({ name: 'Acme', description: 'A hardened image.', delivery_format: 'container', category: ['Software Infrastructure', 'Operating Systems'] });
document.body.dataset.result = JSON.stringify({ rule: report.findings[0]?.rule, ruleset: version().ruleset });
