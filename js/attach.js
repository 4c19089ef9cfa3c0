// attach(form, options): checks a host's own submission form with
// listing-precheck as the user types, and uses the browser's Constraint
// Validation so the host's submit is blocked while errors remain.
// Shipped in the npm package as `listing-precheck/attach`. Call (and await)
// the package's default `init()` first.
import { check } from './listing_precheck.js';

let nextId = 0;

/**
 * Attaches the checker to a form.
 *
 * @param {HTMLFormElement} form the host's form.
 * @param {object} [options]
 * @param {Record<string, string | string[]>} [options.mapping] listing field
 *   (JSON Pointer: "/name", "/vendor/country", "/keywords", "/category") →
 *   control name, or names for an array field ("/category": ["cat", "sub"]).
 *   A single control for an array field is split on commas. Default: every
 *   named control, its name read as a dotted path ("vendor.country").
 * @param {(report: object, listing: object) => void} [options.onReport]
 *   called with every new report.
 * @param {number} [options.debounce] ms to wait after typing (default 150).
 * @param {object} [options.checkOptions] passed to check() (as_of, disabled).
 * @param {'en' | 'zh'} [options.lang] language of the validation messages.
 * @returns {{ detach(): void, check(): object, listing(): object }}
 */
export function attach(form, options = {}) {
  if (!(form instanceof HTMLFormElement)) throw new TypeError('attach(form): form must be an HTMLFormElement');
  const { onReport, debounce = 150, lang } = options;
  const checkOptions = lang ? { ...options.checkOptions, lang } : options.checkOptions;
  const mapping = options.mapping ?? defaultMapping(form);
  const touched = new Map(); // control → its original aria-describedby / aria-invalid
  const created = []; // elements this helper added
  let timer = 0;

  const summary = document.createElement('div');
  summary.setAttribute('role', 'alert');
  summary.className = 'listing-precheck-summary';
  summary.hidden = true;
  form.prepend(summary);
  created.push(summary);

  const controlsFor = (pointer) => {
    const names = mapping[pointer];
    if (names === undefined) return [];
    return (Array.isArray(names) ? names : [names])
      .map((n) => form.elements.namedItem(n))
      .filter((c) => c instanceof Element);
  };

  function listing() {
    const out = {};
    for (const [pointer, names] of Object.entries(mapping)) {
      const controls = controlsFor(pointer);
      if (controls.length === 0) continue;
      let value;
      if (Array.isArray(names)) {
        value = controls.map((c) => c.value).filter((v) => v !== '');
      } else if (isArrayField(pointer)) {
        value = controls[0].value.split(',').map((v) => v.trim()).filter(Boolean);
      } else {
        value = controls[0].value;
      }
      if (value === '' || (Array.isArray(value) && value.length === 0)) continue;
      setPath(out, pointer, value);
    }
    return out;
  }

  /** The control a finding belongs to: its field or nearest mapped parent. */
  function controlOf(path) {
    let pointer = path;
    while (pointer) {
      const controls = controlsFor(pointer);
      if (controls.length > 0) {
        const rest = path.slice(pointer.length).split('/').filter(Boolean);
        const index = Array.isArray(mapping[pointer]) && rest.length ? Number(rest[0]) : 0;
        return controls[Math.min(Number.isFinite(index) ? index : 0, controls.length - 1)];
      }
      pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    }
    return null;
  }

  function clear() {
    for (const [control, original] of touched) {
      control.setCustomValidity?.('');
      restore(control, 'aria-invalid', original.invalid);
      restore(control, 'aria-describedby', original.describedby);
      original.message.remove();
    }
    touched.clear();
    summary.replaceChildren();
    summary.hidden = true;
  }

  function messageFor(control) {
    if (!touched.has(control)) {
      const message = document.createElement('div');
      message.id = `listing-precheck-${++nextId}`;
      message.className = 'listing-precheck-message';
      control.insertAdjacentElement('afterend', message);
      touched.set(control, {
        invalid: control.getAttribute('aria-invalid'),
        describedby: control.getAttribute('aria-describedby'),
        message,
        errors: [],
      });
      const describedby = [control.getAttribute('aria-describedby'), message.id].filter(Boolean).join(' ');
      control.setAttribute('aria-describedby', describedby);
    }
    return touched.get(control).message;
  }

  function apply(report) {
    clear();
    for (const f of report.findings) {
      if (f.severity === 'info') continue;
      const blocking = f.severity === 'error' && !f.justified;
      const line = document.createElement('p');
      line.className = `listing-precheck-${f.severity}`;
      line.textContent = `${f.severity === 'error' ? 'Error' : 'Warning'}: ${f.message}${f.help ? ` ${f.help}` : ''} (${f.citation.clause})`;
      const control = controlOf(f.path);
      if (control) {
        messageFor(control).append(line);
        if (blocking) {
          const entry = touched.get(control);
          entry.errors.push(f.message);
          control.setAttribute('aria-invalid', 'true');
          control.setCustomValidity?.(entry.errors.join(' '));
        }
      } else {
        summary.append(line);
        summary.hidden = false;
      }
    }
  }

  function run() {
    clearTimeout(timer);
    const current = listing();
    const report = check(current, checkOptions);
    apply(report);
    onReport?.(report, current);
    return report;
  }

  const onInput = () => {
    clearTimeout(timer);
    timer = setTimeout(run, debounce);
  };
  const onSubmit = (event) => {
    const report = run();
    const blocking = report.findings.some((f) => f.severity === 'error' && !f.justified);
    if (blocking) {
      event.preventDefault();
      event.stopImmediatePropagation();
      form.reportValidity();
      if (!summary.hidden) summary.focus?.();
    }
  };
  // A committed change is checked at once, so a submit right after it sees
  // the new validity (the browser validates before firing submit).
  const onChange = () => run();
  form.addEventListener('input', onInput);
  form.addEventListener('change', onChange);
  // Capture phase: runs before the host's own submit handlers.
  form.addEventListener('submit', onSubmit, true);

  return {
    check: run,
    listing,
    detach() {
      clearTimeout(timer);
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onChange);
      form.removeEventListener('submit', onSubmit, true);
      clear();
      for (const el of created) el.remove();
    },
  };
}

/** Every named control, its name read as a dotted path. */
function defaultMapping(form) {
  const mapping = {};
  for (const control of form.elements) {
    if (!control.name || control.type === 'submit' || control.type === 'button') continue;
    mapping[`/${control.name.split('.').join('/')}`] = control.name;
  }
  return mapping;
}

function isArrayField(pointer) {
  return pointer === '/keywords' || pointer === '/category';
}

function setPath(target, pointer, value) {
  const keys = pointer.split('/').slice(1);
  let at = target;
  keys.slice(0, -1).forEach((k) => { at = at[k] ??= {}; });
  at[keys[keys.length - 1]] = value;
}

function restore(el, name, value) {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}
