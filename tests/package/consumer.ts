// A TypeScript consumer of the package: compiles with `tsc --noEmit`
// (tests/package/package.test.mjs) without casts, so the .d.ts types are
// real types, not `any`.
import init, { check, scan, contractingEntity, categories, rules, version } from 'listing-precheck';
import type { Report, Finding, ContractAnswer, Listing } from 'listing-precheck';
import { attach } from 'listing-precheck/attach';

export async function demo(form: HTMLFormElement): Promise<string> {
  await init();
  const listing: Listing = {
    name: 'Acme Hardened Ubuntu',
    description: 'A hardened image.',
    delivery_format: 'image',
    category: ['Software Infrastructure', 'Operating Systems'],
  };
  const report: Report = check(listing);
  const first: Finding | undefined = report.findings[0];
  const clause: string = check(listing).findings[0].citation.clause;
  const severity: 'error' | 'warning' | 'info' = report.findings[0].severity;
  const withOptions: Report = check(listing, { as_of: '2026-01-01', disabled: [{ rule: 'url/insecure', reason: 'mirror' }] });
  const spans: number[] = scan('k3yl0gger').signals.map((s) => s.span.start);
  const answer: ContractAnswer = contractingEntity({ residence_country: 'DE' });
  const entity: string = answer.type === 'success' ? answer.entity.name : answer.errors[0].message;
  const top: string = categories().categories[0].name;
  const ids: string[] = rules().map((r) => r.id);
  const ruleset: string = version().ruleset;
  const attachment = attach(form, { mapping: { '/name': 'name' }, onReport: (r) => r.verdict });
  attachment.detach();
  return [first?.rule, clause, severity, withOptions.verdict, spans.length, entity, top, ids[0], ruleset].join();
}
