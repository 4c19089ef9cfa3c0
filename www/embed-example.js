// The host's code: initialise the checker once, attach it to the form with
// a mapping from listing fields to the form's controls, and keep its own
// submit handler (which only runs when the checker lets the submit through).
import init from './pkg/listing_precheck.js';
import { attach } from './pkg/attach.js';

await init();
const form = document.getElementById('host-form');
attach(form, {
  mapping: {
    '/name': 'name',
    '/description': 'description',
    '/delivery_format': 'delivery_format',
    '/category': ['category', 'subcategory'],
    '/image/os': 'os',
    '/image/architecture': 'arch',
    '/saas/url': 'saas_url',
    '/keywords': 'keywords',
  },
  onReport: (report) => { document.body.dataset.verdict = report.verdict; },
});
form.addEventListener('submit', (event) => {
  event.preventDefault(); // a real host would send the listing here
  document.getElementById('submitted').hidden = false;
});
document.body.dataset.ready = 'true';
