import type { Report, CheckOptions } from './listing_precheck.js';

/** What `attach` returns. */
export interface Attachment {
  /** Removes every listener, message, aria attribute and custom validity it added. */
  detach(): void;
  /** Checks the form now (also runs on input and on submit); returns the report. */
  check(): Report;
  /** The listing object read from the form. */
  listing(): Record<string, unknown>;
}

/** Options of `attach`. */
export interface AttachOptions {
  /**
   * Listing field (JSON Pointer: "/name", "/vendor/country", "/keywords",
   * "/category") → control name, or names for an array field
   * (`"/category": ["category", "subcategory"]`). A single control for an
   * array field is split on commas. Default: every named control, its name
   * read as a dotted path ("vendor.country").
   */
  mapping?: Record<string, string | string[]>;
  /** Called with every new report and the listing it checked. */
  onReport?: (report: Report, listing: Record<string, unknown>) => void;
  /** Milliseconds to wait after typing before checking (default 150). */
  debounce?: number;
  /** Passed to `check` (as_of, disabled rules). */
  checkOptions?: CheckOptions;
  /** Language of the validation messages: "en" (default) or "zh". */
  lang?: 'en' | 'zh';
}

/**
 * Checks `form` as the user types and blocks its submit while errors remain
 * (Constraint Validation: setCustomValidity / reportValidity, plus
 * aria-invalid and aria-describedby on the controls). Await the package's
 * default `init()` before calling it.
 */
export function attach(form: HTMLFormElement, options?: AttachOptions): Attachment;
