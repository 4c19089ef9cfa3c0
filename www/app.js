// listing-precheck host page: a form and a JSON editor kept in sync, checked
// live by the WebAssembly core, in English or Simplified Chinese. The draft
// is autosaved in this browser (localStorage) and nothing leaves the page.
// All user text is rendered with textContent, never as markup.
import init, {
  check, categories, version, contractingEntity, checkMarkdown, personalDataKinds, rules,
} from './pkg/listing_precheck.js';
import { STRINGS } from './i18n.js';

const $ = (id) => document.getElementById(id);
const form = $('listing-form');
const jsonBox = $('listing-json');
const DRAFT_KEY = 'listing-precheck:draft:v1';
const LANG_KEY = 'listing-precheck:lang';

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

const state = {
  lang: 'en',
  tree: { categories: [] },
  kinds: [],
  extras: {}, // fields the form has no control for, kept from imported JSON
  justifications: [],
  answers: {}, // contract questions answered on the page
  listing: {},
  input: {}, // what was last checked: the listing, or the JSON text when it does not parse
  report: null,
  timings: [], // check + render time of each update, in ms (read by the e2e test)
  questions: {}, // contract question text by answer field, kept once answered
  summaryZh: {}, // Chinese rule summaries by rule id, from the core
};
window.__precheck = state;

// ---- language ----------------------------------------------------------------

const t = (key) => STRINGS[state.lang]?.[key] ?? STRINGS.en[key];

function applyLanguage(lang) {
  state.lang = STRINGS[lang] ? lang : 'en';
  document.documentElement.lang = state.lang === 'zh' ? 'zh-Hans' : 'en';
  $('lang').value = state.lang;
  $('version').textContent = t('version')(version());
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const s = t(el.dataset.i18n);
    if (typeof s === 'string') el.textContent = s;
  }
  for (const tpl of document.querySelectorAll('template')) {
    for (const el of tpl.content.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  }
  relabelTrademarks();
  const [cat, sub] = [$('f-category').value, $('f-subcategory').value];
  fillCategory(cat);
  fillSubcategory(cat, sub);
  try { localStorage.setItem(LANG_KEY, state.lang); } catch { /* storage may be off */ }
  if (state.report) {
    render(state.report, state.listing);
    renderContract(contractFor(state.report, state.listing));
  }
}

// ---- form <-> listing --------------------------------------------------------

const controls = () => [...form.querySelectorAll('[data-path]')];
// Section pointers go to their first control.
const ALIASES = { '/image': '/image/os', '/saas': '/saas/url', '/category': '/category/0', '/personal_data': '/personal_data/collected', '/vendor': '/vendor/country' };

// The control with the longest data-path that is the finding's path or a prefix of it.
function controlFor(path) {
  const target = ALIASES[path] ?? path;
  let best = null;
  for (const c of controls()) {
    const p = c.dataset.path;
    if ((target === p || target.startsWith(p + '/')) && (!best || p.length > best.dataset.path.length)) best = c;
  }
  return best;
}

function setKey(obj, dotted, value) {
  const parts = dotted.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) o = o[p] ??= {};
  o[parts.at(-1)] = value;
}

function getKey(obj, dotted) {
  return dotted.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
}

const SIMPLE = () => [...form.querySelectorAll('input[name], textarea[name]')];

function formToListing() {
  const listing = structuredClone(state.extras);
  for (const c of SIMPLE()) {
    const v = c.value;
    if (c.name === 'keywords') {
      const list = v.split(',').map((s) => s.trim()).filter(Boolean);
      if (list.length) listing.keywords = list;
    } else if (c.dataset.type === 'number') {
      if (v.trim() !== '' && Number.isFinite(Number(v))) setKey(listing, c.name, Number(v));
    } else if (v.trim() !== '') {
      setKey(listing, c.name, v);
    }
  }
  const cat = [$('f-category').value, $('f-subcategory').value].filter(Boolean);
  if (cat.length) listing.category = cat;
  const collected = [...form.querySelectorAll('#collected-options input:checked')].map((b) => b.value);
  if (collected.length) setKey(listing, 'personal_data.collected', collected);
  const marks = [...form.querySelectorAll('#trademark-rows .trademark')].map((row) => {
    const entry = {};
    for (const input of row.querySelectorAll('input[data-key]')) if (input.value.trim()) entry[input.dataset.key] = input.value;
    return entry;
  }).filter((e) => Object.keys(e).length);
  if (marks.length) listing.trademarks = marks;
  if (state.justifications.length) listing.justifications = structuredClone(state.justifications);
  return listing;
}

const KNOWN = new Set(['name', 'short_description', 'description', 'keywords', 'delivery_format', 'category', 'vendor', 'urls', 'image', 'saas',
  'personal_data', 'trademarks', 'justifications', 'last_purchase_date', 'last_updated', 'negative_feedback_ratio']);

function listingToForm(listing) {
  state.extras = Object.fromEntries(Object.entries(listing).filter(([k]) => !KNOWN.has(k)));
  for (const c of SIMPLE()) {
    const v = getKey(listing, c.name);
    if (c.name === 'keywords') c.value = Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : '';
    else if (c.dataset.type === 'number') c.value = typeof v === 'number' ? String(v) : '';
    else c.value = typeof v === 'string' ? v : '';
  }
  const [cat = '', sub = ''] = Array.isArray(listing.category) ? listing.category.map(String) : [];
  fillCategory(cat);
  fillSubcategory(cat, sub);
  const collected = Array.isArray(listing.personal_data?.collected) ? listing.personal_data.collected.filter((x) => typeof x === 'string') : [];
  fillKinds(collected);
  const marks = Array.isArray(listing.trademarks) ? listing.trademarks.filter((m) => m && typeof m === 'object') : [];
  $('trademark-rows').replaceChildren();
  for (const m of marks) addTrademark(m);
  state.justifications = Array.isArray(listing.justifications) ? listing.justifications.filter((j) => j && typeof j === 'object') : [];
  showConditionalFields();
}

function option(value, label) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label ?? value;
  return o;
}

function fillCategory(selected) {
  const sel = $('f-category');
  sel.replaceChildren(option('', t('choose')), ...state.tree.categories.map((c) => option(c.name)));
  if (selected && !state.tree.categories.some((c) => c.name === selected)) sel.append(option(selected, `${selected} (${t('notInPolicy')})`));
  sel.value = selected;
}

function fillSubcategory(cat, selected) {
  const sel = $('f-subcategory');
  const subs = state.tree.categories.find((c) => c.name === cat)?.subcategories ?? [];
  sel.replaceChildren(option('', t('choose')), ...subs.map((s) => option(s.name, s.reading ? `${s.name} (${t('uncertainReading')})` : s.name)));
  if (selected && !subs.some((s) => s.name === selected)) sel.append(option(selected, `${selected} (${t('notUnderCategory')})`));
  sel.value = selected;
}

// One checkbox per kind of personal data the core knows; kinds it does not
// know (from imported JSON) get a checkbox too, so nothing is lost.
function fillKinds(checked) {
  const kinds = [...state.kinds, ...checked.filter((k) => !state.kinds.includes(k))];
  $('collected-options').replaceChildren(...kinds.map((kind, i) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = kind;
    box.id = `f-collected-${i}`;
    box.checked = checked.includes(kind);
    label.append(box, ` ${kind.replace(/_/g, ' ')}`);
    return label;
  }));
}

function relabelTrademarks() {
  [...document.querySelectorAll('#trademark-rows .trademark')].forEach((row, i) => {
    row.querySelector('legend').textContent = `${t('mark')} ${i + 1}`;
    for (const input of row.querySelectorAll('input[data-key]')) {
      input.id = `f-tm-${i}-${input.dataset.key}`;
      input.dataset.path = `/trademarks/${i}/${input.dataset.key}`;
      input.closest('.field').dataset.field = input.dataset.path;
      input.previousElementSibling.htmlFor = input.id;
    }
  });
}

function addTrademark(entry = {}) {
  const row = $('trademark-row').content.firstElementChild.cloneNode(true);
  for (const input of row.querySelectorAll('input[data-key]')) {
    const v = entry[input.dataset.key];
    input.value = typeof v === 'string' ? v : '';
  }
  $('trademark-rows').append(row);
  relabelTrademarks();
  return row;
}

// Image fields for image listings, the SaaS URL for SaaS ones; both while the
// format is unset or unknown, and any field that holds a value.
function showConditionalFields() {
  const format = $('f-delivery').value.trim().toLowerCase();
  for (const field of form.querySelectorAll('[data-shown-for]')) {
    const input = field.querySelector('input');
    const relevant = !['image', 'saas'].includes(format) || field.dataset.shownFor === format || input.value.trim() !== '';
    field.hidden = !relevant;
  }
}

// ---- rendering -------------------------------------------------------------

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

function item(tag, text, cls) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function button(text, onClick, cls) {
  const b = item('button', text, cls);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

let justifyCounter = 0;

// A warning can be justified: the reason is stored in listing.justifications.
function justification(f) {
  const box = document.createElement('div');
  box.className = 'justify';
  if (f.justified) {
    box.append(item('p', `${t('justified')}${f.justified}`, 'justified'));
    const own = state.justifications.findIndex((j) => j.rule === f.rule && j.path === f.path);
    if (own >= 0) box.append(button(t('removeJustification'), () => { state.justifications.splice(own, 1); schedule('form'); }));
    return box;
  }
  if (f.severity !== 'warning') return null;
  const open = button(t('justify'), () => {
    open.hidden = true;
    const id = `justify-${++justifyCounter}`;
    const label = item('label', t('justifyLabel'));
    label.htmlFor = id;
    const input = document.createElement('input');
    input.id = id;
    const save = button(t('saveJustification'), () => {
      if (!input.value.trim()) return;
      state.justifications.push({ rule: f.rule, path: f.path, reason: input.value.trim() });
      schedule('form');
    });
    box.append(label, input, save);
    input.focus();
  });
  box.append(open);
  return box;
}

function findingItem(f, listing) {
  const li = document.createElement('li');
  li.className = `finding ${f.severity}${f.justified ? ' justified' : ''}`;
  const head = document.createElement('p');
  head.append(item('span', t(f.severity) ?? f.severity, 'sev'));
  const zh = state.lang === 'zh' && state.summaryZh[f.rule];
  if (zh) {
    head.append(item('span', zh, 'message'), item('span', ` (${f.rule})`, 'rule'));
    li.append(head, item('p', f.message, 'detail'));
  } else {
    head.append(item('span', f.message, 'message'), item('span', ` (${f.rule})`, 'rule'));
    li.append(head);
  }
  const value = pointerValue(listing, f.path);
  if (f.span && typeof value === 'string') li.append(excerpt(value, f.span));
  if (f.help) li.append(item('p', `${t('howToFix')}${f.help}`, 'help'));
  const details = document.createElement('details');
  details.append(item('summary', `${f.citation.document} — ${f.citation.clause}`), item('blockquote', f.citation.quote));
  li.append(details);
  const j = justification(f);
  if (j) li.append(j);
  return li;
}

function listFor(control) {
  const field = control.closest('.field');
  let ul = field.querySelector(':scope > ul.findings');
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
  for (const c of controls()) {
    c.removeAttribute('aria-invalid');
    c.removeAttribute('aria-describedby');
  }
  for (const f of report.findings) {
    const control = f.path ? controlFor(f.path) : null;
    const ul = control ? listFor(control) : $('general-findings');
    ul.append(findingItem(f, listing));
    if (control) {
      control.closest('.field').hidden = false;
      control.setAttribute('aria-describedby', ul.id);
      if (f.severity === 'error' && !f.justified && control.tagName !== 'FIELDSET') control.setAttribute('aria-invalid', 'true');
    }
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) if (!f.justified) counts[f.severity] += 1;
  const verdict = $('verdict');
  verdict.className = `verdict ${report.verdict}`;
  verdict.textContent = t(report.verdict)(counts);
  $('as-of').textContent = report.ruleset?.as_of ? `${t('asOf')}: ${report.ruleset.as_of} · ${report.ruleset.version}` : '';
  renderConsequences(report.consequences);
}

// What the policy attaches to submitting a failing listing (report.consequences).
function renderConsequences(consequences) {
  const box = $('consequences');
  box.hidden = !consequences;
  if (!consequences) return;
  $('consequences-summary').textContent = consequences.summary;
  $('consequences-actions').replaceChildren(...consequences.actions.map((a) => item('li', a)));
  $('consequences-sources').textContent = `${t('sources')}${consequences.citations.map((c) => `${c.document} (${c.version}), ${c.clause}`).join('; ')}`;
}

// ---- contract card ----------------------------------------------------------

// The contract from the report, re-resolved with the answers the vendor gave
// to its open questions.
function contractFor(report, listing) {
  if (!report.contract || !Object.keys(state.answers).length) return report.contract;
  const answer = contractingEntity({
    residence_country: listing.vendor?.country ?? '',
    billing_country: listing.vendor?.billing_country,
    uses_marketplace: true,
    as_of: report.ruleset?.as_of,
    ...state.answers,
  });
  return answer.type === 'success' ? answer : report.contract;
}

function question(a) {
  const group = document.createElement('fieldset');
  group.className = 'question';
  group.append(item('legend', a.question));
  for (const [value, key] of [['true', 'yes'], ['false', 'no'], ['', 'unknown']]) {
    const label = document.createElement('label');
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = `answer-${a.answer_field}`;
    radio.value = value;
    const current = state.answers[a.answer_field];
    radio.checked = value === '' ? current === undefined : String(current) === value;
    radio.addEventListener('change', () => {
      if (value === '') delete state.answers[a.answer_field];
      else state.answers[a.answer_field] = value === 'true';
      renderContract(contractFor(state.report, state.listing));
      autosave();
    });
    label.append(radio, ` ${t(key)}`);
    group.append(label);
  }
  return group;
}

function renderContract(contract) {
  $('contract-card').hidden = !contract;
  $('contract-empty').hidden = !!contract;
  if (!contract) return;
  const tm = contract.terms;
  $('contract-entity').textContent = contract.entity.name + (contract.entity.registered_office ? ` (${contract.entity.registered_office})` : '');
  $('contract-law').textContent = t('law_line')(tm);
  $('contract-notice').textContent = tm.notice_address;
  const mark = t('applies');
  $('contract-addenda').replaceChildren(...contract.addenda.map((a) => {
    const li = item('li', '', `addendum ${a.applies}`);
    li.dataset.addendum = a.id;
    li.append(item('strong', `${a.name}: ${mark[a.applies]}. `), a.condition);
    return li;
  }));
  const asked = Object.keys(state.answers);
  const open = contract.ambiguities;
  const questions = $('contract-questions');
  const answered = asked.map((field) => ({ answer_field: field, question: questionText(field) })).filter((a) => a.question && !open.some((o) => o.answer_field === a.answer_field));
  questions.replaceChildren(...(open.length || answered.length ? [item('h3', t('openPoints'))] : []),
    ...open.map((a) => {
      const box = item('div', '', 'ambiguity');
      box.append(item('p', `${a.what} ${a.reading}`));
      if (a.question && a.answer_field) {
        state.questions[a.answer_field] = a.question;
        box.append(question(a));
      }
      return box;
    }),
    ...answered.map((a) => question(a)));
  $('contract-trace').replaceChildren(...contract.trace.map((s) => item('li', `${s.decision} [${s.citation.clause}]`)));
}
const questionText = (field) => state.questions[field];

// ---- exports ---------------------------------------------------------------

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileStem = () => (state.listing.name || 'listing').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'listing';

// ---- wiring ----------------------------------------------------------------

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function update(source) {
  const started = performance.now();
  let listing;
  let input;
  if (source === 'json') {
    try {
      listing = JSON.parse(jsonBox.value);
      input = listing;
      if (listing && typeof listing === 'object' && !Array.isArray(listing)) listingToForm(listing);
    } catch {
      listing = {};
      input = jsonBox.value; // the core reports where the syntax breaks
    }
  } else {
    listing = formToListing();
    jsonBox.value = JSON.stringify(listing, null, 2);
    input = listing;
  }
  showConditionalFields();
  const report = check(input, { as_of: today() });
  state.input = input;
  state.listing = listing && typeof listing === 'object' ? listing : {};
  state.report = report;
  render(report, state.listing);
  renderContract(contractFor(report, state.listing));
  state.timings.push(performance.now() - started);
  autosave();
}

// Coalesces bursts of input into one check per animation frame. The edited
// view is copied into the other one at once, so an edit of the form and one
// of the JSON box in the same frame both survive; the latest edit decides
// which view the pending check reads.
let pending = null;
function schedule(source) {
  syncFrom(source);
  if (pending) {
    pending.source = source;
    return;
  }
  pending = { source };
  requestAnimationFrame(() => {
    const { source: s } = pending;
    pending = null;
    update(s);
  });
}

// Copies the form into the JSON box, or valid JSON into the form (a JSON
// syntax error leaves the form as it is until the JSON parses).
function syncFrom(source) {
  if (source === 'form') {
    jsonBox.value = JSON.stringify(formToListing(), null, 2);
    return;
  }
  try {
    const listing = JSON.parse(jsonBox.value);
    if (listing && typeof listing === 'object' && !Array.isArray(listing)) listingToForm(listing);
  } catch { /* reported by the check */ }
}

let saveTimer = null;
function autosave() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ json: jsonBox.value, answers: state.answers }));
    } catch { /* storage full or disabled: the page still works */ }
  }, 250);
}

function restore() {
  try {
    const saved = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null');
    if (saved && typeof saved.json === 'string') {
      state.answers = saved.answers && typeof saved.answers === 'object' ? saved.answers : {};
      jsonBox.value = saved.json;
      return true;
    }
  } catch { /* a corrupt draft is ignored */ }
  return false;
}

function load(listing) {
  listingToForm(listing);
  update('form');
}

async function main() {
  await init();
  state.tree = categories();
  state.kinds = personalDataKinds();
  state.summaryZh = Object.fromEntries(rules().map((r) => [r.id, r.summary_zh]));
  let lang = 'en';
  try { lang = localStorage.getItem(LANG_KEY) ?? (navigator.language?.startsWith('zh') ? 'zh' : 'en'); } catch { /* default */ }
  applyLanguage(lang);
  $('lang').addEventListener('change', (e) => applyLanguage(e.target.value));
  form.addEventListener('input', (e) => {
    if (e.target.closest('.findings')) return; // a justification being typed
    if (e.target.id === 'f-category') fillSubcategory(e.target.value, '');
    schedule('form');
  });
  form.addEventListener('change', (e) => {
    if (e.target.closest('.findings')) return;
    if (e.target.tagName === 'SELECT' || e.target.type === 'checkbox') schedule('form');
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('click', (e) => {
    if (e.target.classList.contains('remove-trademark')) {
      e.target.closest('.trademark').remove();
      relabelTrademarks();
      schedule('form');
    }
  });
  // addTrademark numbers the rows itself.
  $('add-trademark').addEventListener('click', () => addTrademark().querySelector('input').focus());
  jsonBox.addEventListener('input', () => schedule('json'));
  $('import-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    jsonBox.value = await file.text();
    update('json');
    $('status').textContent = '';
  });
  $('export-listing').addEventListener('click', () => download(`${fileStem()}.listing.json`, `${JSON.stringify(state.listing, null, 2)}\n`, 'application/json'));
  $('export-report-json').addEventListener('click', () => download(`${fileStem()}.report.json`, `${JSON.stringify(state.report, null, 2)}\n`, 'application/json'));
  $('export-report-md').addEventListener('click', () => download(`${fileStem()}.report.md`, checkMarkdown(state.input, { as_of: today() }, fileStem()), 'text/markdown'));
  $('print').addEventListener('click', () => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    window.print();
  });
  $('load-sample').addEventListener('click', () => load(SAMPLE));
  $('start-over').addEventListener('click', () => {
    try { localStorage.removeItem(DRAFT_KEY); } catch { /* nothing saved */ }
    state.answers = {};
    state.justifications = [];
    load({});
    $('status').textContent = '';
  });
  if (restore()) {
    update('json');
    $('status').textContent = t('restored');
  } else {
    load(SAMPLE);
  }
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  $('version').textContent = `The checker could not start: ${e?.message ?? e}`;
});
