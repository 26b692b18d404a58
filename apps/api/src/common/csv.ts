import { stringify } from 'csv-stringify/sync';

/** A UTF-8 byte order mark: spreadsheet programs then read names with accents as written. */
const BOM = '\uFEFF';

/** CSV export of flat rows, after a byte order mark; cells a spreadsheet would run as formulas are defused. */
export function toCsv(rows: Record<string, string | number | boolean | null>[]): string {
  if (rows.length === 0) return BOM;
  const defuse = (v: string | number | boolean | null) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return BOM + stringify(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, defuse(v)]))), {
    header: true,
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
}
