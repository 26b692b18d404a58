import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { COUNT_CAP, decodeCursor, listPage, type ListSql } from '../../../apps/api/src/common/page';
import { testDatabaseUrl } from '../../support/database';

/**
 * The paging helper on a real PostgreSQL: a table of 1,250 rows, some without a date. Keyset
 * pages walk it in the same order as offset pages (rows without a date last both ways); a
 * bounded count stops at COUNT_CAP and says so; a known total is used as given.
 */
let client: Client;
const ds = { query: async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows } as unknown as DataSource;
const ROWS = 1_250;

beforeAll(async () => {
  client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query(`CREATE TEMP TABLE paged (id uuid PRIMARY KEY, day date, label text NOT NULL)`);
  // Every 7th row has no date; the days repeat (ties broken by id).
  await client.query(
    `INSERT INTO paged SELECT md5(i::text)::uuid, CASE WHEN i % 7 = 0 THEN NULL ELSE date '2026-01-01' + (i % 40) END, 'row ' || (i % 13) FROM generate_series(1, ${ROWS}) i`,
  );
});
afterAll(async () => client?.end());

const sql = (desc: boolean, where = 'TRUE'): ListSql => ({ columns: 'p.id, p.day::text AS day', from: 'paged p', where, params: [], sort: { expr: 'p.day', type: 'date', desc, id: 'p.id', idType: 'uuid', nullable: true } });

async function walk(q: ListSql, pageSize: number): Promise<{ id: string; day: string | null }[]> {
  const rows: { id: string; day: string | null }[] = [];
  let after = undefined as ReturnType<typeof decodeCursor> | undefined;
  for (;;) {
    const page = await listPage<{ id: string; day: string | null }>(ds, q, { page: 1, pageSize, after: after ?? undefined }, 'bounded');
    rows.push(...page.items);
    if (!page.next) return rows;
    after = decodeCursor(page.next);
  }
}

describe('listPage', () => {
  it.each([false, true])('keyset pages (desc %s) give every row once, in the offset order, those without a date last', async (desc) => {
    const offset = (await client.query(`SELECT id, day::text AS day FROM paged ORDER BY day ${desc ? 'DESC' : 'ASC'} NULLS LAST, id ${desc ? 'DESC' : 'ASC'}`)).rows;
    const keyset = await walk(sql(desc), 97);
    expect(keyset).toEqual(offset);
    expect(keyset.slice(-Math.floor(ROWS / 7)).every((r) => r.day === null)).toBe(true);
  });

  it('an offset page and the keyset page after the one before it hold the same rows', async () => {
    const second = await listPage(ds, sql(false), { page: 2, pageSize: 50 });
    const first = await listPage(ds, sql(false), { page: 1, pageSize: 50 });
    const afterFirst = await listPage(ds, sql(false), { page: 1, pageSize: 50, after: decodeCursor(first.next ?? '') ?? undefined });
    expect(afterFirst.items).toEqual(second.items);
  });

  it('counts exactly by default, no further than COUNT_CAP when bounded, and takes a known total as given', async () => {
    expect(await listPage(ds, sql(false), { page: 1, pageSize: 10 })).toMatchObject({ total: ROWS });
    const bounded = await listPage(ds, sql(false), { page: 1, pageSize: 10 }, 'bounded');
    expect(bounded).toMatchObject({ total: COUNT_CAP, totalAtLeast: true });
    const few = await listPage(ds, sql(false, `p.label = 'row 3'`), { page: 1, pageSize: 10 }, 'bounded');
    expect(few.total).toBe((await client.query(`SELECT count(*)::int AS n FROM paged WHERE label = 'row 3'`)).rows[0].n);
    expect(few.totalAtLeast).toBeUndefined();
    expect(await listPage(ds, sql(false), { page: 1, pageSize: 10 }, 42)).toMatchObject({ total: 42 });
  });

  it('the last page has no next cursor', async () => {
    const last = await listPage(ds, sql(false), { page: Math.ceil(ROWS / 100), pageSize: 100 });
    expect(last.items).toHaveLength(ROWS % 100);
    expect(last.next).toBeUndefined();
  });
});
