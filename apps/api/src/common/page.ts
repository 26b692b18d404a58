import type { DataSource } from 'typeorm';

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

/** The SQL tail that picks one page (numbers only, never user text). */
export function limitOffset(p: PageRequest): string {
  return `LIMIT ${Math.trunc(p.pageSize)} OFFSET ${Math.trunc((p.page - 1) * p.pageSize)}`;
}

/**
 * A page of rows and the total, from a query and its count (`SELECT count(*)::int AS n ...`),
 * both with the same parameters, run side by side.
 */
export async function queryPage<T>(ds: DataSource, select: string, count: string, params: unknown[], p: PageRequest): Promise<Page<T>> {
  const [items, counted] = await Promise.all([ds.query(`${select} ${limitOffset(p)}`, params) as Promise<T[]>, ds.query(count, params) as Promise<{ n: number }[]>]);
  return { items, total: counted[0].n, page: p.page, pageSize: p.pageSize };
}
