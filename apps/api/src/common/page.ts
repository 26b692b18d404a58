import type { DataSource } from 'typeorm';
import { z } from 'zod';

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
