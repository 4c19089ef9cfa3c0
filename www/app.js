// listing-precheck host page: a form and a JSON editor kept in sync, checked
// live by the WebAssembly core. All user text is rendered with textContent.
import init, { check, categories, version } from './pkg/listing_precheck.js';

const $ = (id) => document.getElementById(id);
const form = $('listing-form');
const jsonBox = $('listing-json');

const SAMPLE = {
  name: 'Acme Hardened Image for Ubuntu 24.04',
  short_description: 'CIS-hardened Ubuntu image',
  description: 'A CIS Level 1 hardened Ubuntu 24.04 LTS image with automatic security updates.',
  keywords: ['ubuntu', 'hardened'],
  delivery_format: 'image',
  category: ['Software Infrastructure', 'Operating Systems'],
  vendor: { name: 'Acme Ltd', country: 'DE', billing_country: 'DE' },
  urls: { product: 'https://acme.example.com/ubuntu', support: 'https://acme.example.com/support' },
  image: { os: 'Ubuntu 24.04', architecture: 'x86_64' },
};

// Form controls by dotted listing key (from each control's name attribute).
const controls = [...form.querySelectorAll('[data-path]')];
// Where findings for a JSON Pointer are shown: the control with the longest
// matching data-path; section pointers go to their first control.
const ALIASES = { '/image': '/image/os', '/saas': '/saas/url', '/category': '/category/0', '/keywords': '/keywords' };
let tree = { categories: [] };
let extras = {}; // fields the form has no control for, kept from imported JSON

function controlFor(path) {
  const target = ALIASES[path] ?? path;
  let best = null;
  for (const c of controls) {
    const p = c.dataset.path;
    if ((target === p || target.startsWith(p + '/')) && (!best || p.length > best.dataset.path.length)) best = c;
  }
  return best;
}

// ---- form <-> listing ------------------------------------------------------

function setKey(obj, dotted, value) {
  const parts = dotted.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) o = o[p] ??= {};
  o[parts.at(-1)] = value;
}

function formToListing() {
  const listing = structuredClone(extras);
  for (const c of controls) {
    if (c.name === 'category' || c.name === 'subcategory') continue;
    const v = c.value;
    if (c.name === 'keywords') {
      const list = v.split(',').map((s) => s.trim()).filter(Boolean);
      if (list.length) listing.keywords = list;
    } else if (v.trim() !== '') {
      setKey(listing, c.name, v);
    }
  }
  const cat = [$('f-category').value, $('f-subcategory').value].filter(Boolean);
  if (cat.length) listing.category = cat;
  return listing;
}

function listingToForm(listing) {
  const known = new Set(['name', 'short_description', 'description', 'keywords', 'delivery_format', 'category', 'vendor', 'urls', 'image', 'saas']);
  extras = Object.fromEntries(Object.entries(listing).filter(([k]) => !known.has(k)));
  for (const c of controls) {
    if (c.name === 'category' || c.name === 'subcategory') continue;
    const v = c.name.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), listing);
    if (c.name === 'keywords') c.value = Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : '';
    else c.value = typeof v === 'string' ? v : '';
  }
  const [cat = '', sub = ''] = Array.isArray(listing.category) ? listing.category.map(String) : [];
  fillCategory(cat);
  fillSubcategory(cat, sub);
}

function option(value, label) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label ?? value;
  return o;
}

function fillCategory(selected) {
  const sel = $('f-category');
  sel.replaceChildren(option('', '— choose —'), ...tree.categories.map((c) => option(c.name)));
  if (selected && !tree.categories.some((c) => c.name === selected)) sel.append(option(selected, `${selected} (not in the policy)`));
  sel.value = selected;
}

function fillSubcategory(cat, selected) {
  const sel = $('f-subcategory');
  const subs = tree.categories.find((c) => c.name === cat)?.subcategories ?? [];
  sel.replaceChildren(option('', '— choose —'), ...subs.map((s) => option(s.name, s.reading ? `${s.name} (uncertain reading)` : s.name)));
  if (selected && !subs.some((s) => s.name === selected)) sel.append(option(selected, `${selected} (not under this category)`));
  sel.value = selected;
}

// ---- rendering -------------------------------------------------------------

const SEVERITY_LABEL = { error: '✖ Error', warning: '⚠ Warning', info: 'ℹ Note' };

function pointerValue(listing, path) {
  return path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), listing);
}

function excerpt(text, span) {
  const p = document.createElement('p');
  p.className = 'excerpt';
  const from = Math.max(0, span.start - 30);
  const to = Math.min(text.length, span.end + 30);
  const mark = document.createElement('mark');
  mark.textContent = text.slice(span.start, span.end) || '␣';
  p.append((from > 0 ? '…' : '') + text.slice(from, span.start), mark, text.slice(span.end, to) + (to < text.length ? '…' : ''));
  return p;
}

function findingItem(f, listing) {
  const li = document.createElement('li');
  li.className = `finding ${f.severity}`;
  const head = document.createElement('p');
  const sev = document.createElement('span');
  sev.className = 'sev';
  sev.textContent = SEVERITY_LABEL[f.severity] ?? f.severity;
  const msg = document.createElement('span');
  msg.className = 'message';
  msg.textContent = f.message;
  const rule = document.createElement('span');
  rule.className = 'rule';
  rule.textContent = ` (${f.rule})`;
  head.append(sev, msg, rule);
  li.append(head);
  const value = pointerValue(listing, f.path);
  if (f.span && typeof value === 'string') li.append(excerpt(value, f.span));
  if (f.help) {
    const help = document.createElement('p');
    help.className = 'help';
    help.textContent = `How to fix: ${f.help}`;
    li.append(help);
  }
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = `${f.citation.document} — ${f.citation.clause}`;
  const quote = document.createElement('blockquote');
  quote.textContent = f.citation.quote;
  details.append(summary, quote);
  li.append(details);
  return li;
}

function listFor(control) {
  const field = control.closest('.field');
  let ul = field.querySelector('ul.findings');
  if (!ul) {
    ul = document.createElement('ul');
    ul.className = 'findings';
    ul.id = `findings-${control.id}`;
    field.append(ul);
  }
  return ul;
}

function render(report, listing) {
  for (const ul of document.querySelectorAll('ul.findings')) ul.replaceChildren();
  for (const c of controls) {
    c.removeAttribute('aria-invalid');
    c.removeAttribute('aria-describedby');
  }
  for (const f of report.findings) {
    const control = f.path ? controlFor(f.path) : null;
    const ul = control ? listFor(control) : $('general-findings');
    ul.append(findingItem(f, listing));
    if (control) {
      control.setAttribute('aria-describedby', ul.id);
      if (f.severity === 'error') control.setAttribute('aria-invalid', 'true');
    }
  }
  const count = (s) => report.findings.filter((f) => f.severity === s).length;
  const verdict = $('verdict');
  verdict.className = `verdict ${report.verdict}`;
  verdict.textContent = {
    pass: `✔ Pass: no errors or warnings${count('info') ? ` (${count('info')} note(s))` : ''}.`,
    warn: `⚠ Warnings: ${count('warning')} warning(s) to review, no errors.`,
    fail: `✖ Fails: ${count('error')} error(s), ${count('warning')} warning(s). The listing would be refused as it stands.`,
  }[report.verdict];
  renderConsequences(report.consequences);
}

// What the policy attaches to submitting a failing listing (report.consequences).
function renderConsequences(consequences) {
  const box = $('consequences');
  box.hidden = !consequences;
  if (!consequences) return;
  $('consequences-summary').textContent = consequences.summary;
  $('consequences-actions').replaceChildren(...consequences.actions.map((a) => item('li', a)));
  $('consequences-sources').textContent = `Sources: ${consequences.citations.map((c) => `${c.document} (${c.version}), ${c.clause}`).join('; ')}`;
}

// ---- contract card ----------------------------------------------------------

function item(tag, text, cls) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function renderContract(contract) {
  $('contract-card').hidden = !contract;
  $('contract-empty').hidden = !!contract;
  if (!contract) return;
  const t = contract.terms;
  $('contract-entity').textContent = contract.entity.name + (contract.entity.registered_office ? ` (${contract.entity.registered_office})` : '');
  $('contract-law').textContent = `${t.governing_law}; ${t.courts_exclusive ? 'exclusive' : 'non-exclusive'} jurisdiction of ${t.courts}.`;
  $('contract-notice').textContent = t.notice_address;
  const mark = { yes: '✔ Applies', no: '✖ Does not apply', depends: '? Depends' };
  $('contract-addenda').replaceChildren(...contract.addenda.map((a) => {
    const li = item('li', '', `addendum ${a.applies}`);
    li.dataset.addendum = a.id;
    li.append(item('strong', `${a.name}: ${mark[a.applies]}. `), a.condition);
    return li;
  }));
  const open = contract.ambiguities;
  const questions = $('contract-questions');
  questions.replaceChildren(...(open.length ? [item('h3', 'Open points')] : []), ...open.map((a) => {
    const p = item('p', `${a.what} ${a.reading}`, 'ambiguity');
    if (a.question) p.append(item('em', ` ${a.question}`));
    return p;
  }));
  $('contract-trace').replaceChildren(...contract.trace.map((s) => item('li', `${s.decision} [${s.citation.clause}]`)));
}

// ---- wiring ----------------------------------------------------------------

function runFromForm() {
  const listing = formToListing();
  jsonBox.value = JSON.stringify(listing, null, 2);
  const report = check(listing);
  render(report, listing);
  renderContract(report.contract);
}

function runFromJson() {
  let parsed;
  try {
    parsed = JSON.parse(jsonBox.value);
  } catch {
    render(check(jsonBox.value), {}); // the core reports where the syntax breaks
    return;
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) listingToForm(parsed);
  const report = check(parsed);
  render(report, parsed);
  renderContract(report.contract);
}

async function main() {
  await init();
  const v = version();
  $('version').textContent = `Checker ${v.package}, ruleset ${v.ruleset}. Runs offline in your browser.`;
  tree = categories();
  form.addEventListener('input', (e) => {
    if (e.target.id === 'f-category') fillSubcategory(e.target.value, '');
    runFromForm();
  });
  form.addEventListener('change', (e) => {
    if (e.target.tagName === 'SELECT') runFromForm();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  jsonBox.addEventListener('input', runFromJson);
  listingToForm(SAMPLE);
  runFromForm();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  $('version').textContent = `The checker could not start: ${e?.message ?? e}`;
});
