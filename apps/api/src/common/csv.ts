import { stringify } from 'csv-stringify/sync';

/** CSV export of flat rows; cells a spreadsheet would run as formulas are defused. */
export function toCsv(rows: Record<string, string | number | boolean | null>[]): string {
  if (rows.length === 0) return '';
  const defuse = (v: string | number | boolean | null) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return stringify(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, defuse(v)]))), {
    header: true,
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
}
