import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { DomainError } from './domain-error';

/** Which page of a list: 1-based page number and its size. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** One page of a list and how many there are in all, as every paged answer gives it. */
export interface Page<T> extends PageRequest {
  items: T[];
  total: number;
}

/** The last page any list serves (its offset stays a number PostgreSQL takes). */
export const MAX_PAGE = 100_000;

/** The query fields that ask for a page (`?page=2&pageSize=50`), for a list's query schema. */
export const pageQuery = (defaultSize: number, maxSize = 200) => ({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(maxSize).default(defaultSize),
});

/** The SQL tail that picks one page (numbers only, never user text). */
export function limitOffset(p: PageRequest): string {
  return `LIMIT ${Math.trunc(p.pageSize)} OFFSET ${Math.trunc((p.page - 1) * p.pageSize)}`;
}

/**
 * A page of rows and the total, from a query and its count (`SELECT count(*)::int AS n ...`),
 * both with the same parameters, run side by side. Other columns of the count's row (such as
 * an `unread` count) are returned beside the page.
 */
export async function queryPage<T, Extra extends object = object>(ds: DataSource, select: string, count: string, params: unknown[], p: PageRequest): Promise<Page<T> & Extra> {
  const [items, counted] = await Promise.all([ds.query(`${select} ${limitOffset(p)}`, params) as Promise<T[]>, ds.query(count, params) as Promise<({ n: number } & Extra)[]>]);
  const { n, ...extra } = counted[0];
  return { items, total: n, page: p.page, pageSize: p.pageSize, ...(extra as Extra) };
}

/**
 * How a long list's total is found: `exact` counts every matching row (what the API has always
 * answered); `bounded` counts no further than `COUNT_CAP` (pages say "more than 1,000" and ask
 * for a filter, which is all a person can use); a number is a total already known (the counters).
 */
export type Counting = 'exact' | 'bounded' | number;

/** How far a bounded count goes before it says "more than". */
export const COUNT_CAP = 1_000;

/** The count of the rows `from` (a FROM … WHERE …) names: all of them, or no further than COUNT_CAP + 1. */
export const countSql = (from: string, counting: 'exact' | 'bounded'): string =>
  counting === 'bounded' ? `SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${COUNT_CAP + 1}) x` : `SELECT count(*)::int AS n ${from}`;

/** A total as a list gives it: a bounded count beyond COUNT_CAP is COUNT_CAP, and says so. */
export const listTotal = (n: number, counting: Counting): { total: number; totalAtLeast?: true } =>
  counting === 'bounded' && n > COUNT_CAP ? { total: COUNT_CAP, totalAtLeast: true } : { total: n };

/** Where a keyset page starts: after the row with this sort value and id (an opaque cursor in the API). */
export interface After {
  value: string;
  id: string;
}

const NOT_A_CURSOR = 'must be the next cursor of an earlier page';

/** The `after` cursor of a list query (`?after=…` as the answer's `next` gave it). */
export const afterQuery = {
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, NOT_A_CURSOR)
    .transform((s, ctx) => {
      const after = decodeCursor(s);
      if (!after) ctx.addIssue({ code: z.ZodIssueCode.custom, message: NOT_A_CURSOR });
      return after ?? z.NEVER;
    })
    .optional(),
};


/** What a cursor's sort value looks like for each type of sort (as PostgreSQL writes it as text). */
const CURSOR_VALUE: Record<ListSql['sort']['type'], RegExp> = {
  date: /^(-?infinity|\d{4}-\d{2}-\d{2})$/,
  timestamptz: /^(-?infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?)$/,
  text: /^[\s\S]{0,200}$/,
};

export function encodeCursor(after: After): string {
  return Buffer.from(JSON.stringify([after.value, after.id])).toString('base64url');
}

export function decodeCursor(cursor: string): After | null {
  try {
    const pair: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string' && /^[\w-]{1,100}$/.test(pair[1])) return { value: pair[0], id: pair[1] };
  } catch {
    // not a cursor of ours
  }
  return null;
}

/** A long list's SQL in parts, so one helper can page it by offset or by keyset and count it as asked. */
export interface ListSql {
  /** The columns (`t.*, c.prison_number`). */
  columns: string;
  /** `FROM … JOIN …` for the rows, and (lighter, if it can be) for the count. */
  from: string;
  countFrom?: string;
  where: string;
  params: unknown[];
  /**
   * The sort: an expression, its SQL type, the direction and the unique tie-breaker column;
   * `nullable` (dates only) puts the rows without a value last either way, as `NULLS LAST` does.
   */
  sort: { expr: string; type: 'date' | 'timestamptz' | 'text'; desc: boolean; id: string; idType: 'uuid' | 'text'; nullable?: boolean };
}

/** A page of a long list, with the `next` cursor when more rows follow, and `totalAtLeast` when the total is only a lower bound. */
export interface ListPage<T> extends Page<T> {
  next?: string;
  totalAtLeast?: boolean;
}

/**
 * One page of a long list: by offset (`page`), or after a cursor (`after`, which reads only the
 * page's rows by the sort's index however deep it is); one row more than the page says whether
 * another follows (`next`). The total as `counting` asks.
 */
export async function listPage<T>(ds: DataSource, q: ListSql, p: PageRequest & { after?: After }, counting: Counting = 'exact'): Promise<ListPage<T>> {
  const params = [...q.params];
  const where = [q.where];
  const dir = q.sort.desc ? 'DESC' : 'ASC';
  // Rows without a value sort as the far end of the range (so a cursor can stand on them too).
  const key = q.sort.nullable ? `coalesce(${q.sort.expr}, '${q.sort.desc ? '-' : ''}infinity'::${q.sort.type})` : q.sort.expr;
  if (p.after) {
    if (!CURSOR_VALUE[q.sort.type].test(p.after.value)) throw new DomainError('VALIDATION_FAILED', `after: ${NOT_A_CURSOR}`, { problems: [{ field: 'after', reason: NOT_A_CURSOR }] });
    params.push(p.after.value, p.after.id);
    const [v, id] = [`$${params.length - 1}::${q.sort.type}`, `$${params.length}::${q.sort.idType}`];
    where.push(`(${key}, ${q.sort.id}) ${q.sort.desc ? '<' : '>'} (${v}, ${id})`);
  }
  const size = Math.trunc(p.pageSize);
  const offset = p.after ? 0 : Math.trunc((p.page - 1) * p.pageSize);
  const rowsSql = `SELECT ${q.columns}, (${key})::text AS "__sort" FROM ${q.from} WHERE ${where.join(' AND ')}
                   ORDER BY ${q.sort.expr} ${dir}${q.sort.nullable ? ' NULLS LAST' : ''}, ${q.sort.id} ${dir} LIMIT ${size + 1} OFFSET ${offset}`;
  const countFrom = `FROM ${q.countFrom ?? q.from} WHERE ${q.where}`;
  const [rows, n] = await Promise.all([
    ds.query(rowsSql, params) as Promise<(T & { __sort: string; id: string })[]>,
    typeof counting === 'number' ? counting : (ds.query(countSql(countFrom, counting), q.params) as Promise<{ n: number }[]>).then((r) => r[0].n),
  ]);
  const more = rows.length > size;
  const shown = rows.slice(0, size);
  const last = shown[shown.length - 1];
  const items = shown.map(({ __sort: _sort, ...row }) => row as unknown as T);
  const { total, totalAtLeast } = listTotal(n, counting);
  return {
    items,
    total,
    page: p.page,
    pageSize: p.pageSize,
    ...(more && last ? { next: encodeCursor({ value: last.__sort, id: last.id }) } : {}),
    ...(totalAtLeast ? { totalAtLeast } : {}),
  };
}
