import { archiveClosedCases, ARCHIVED_TABLES } from '@ttg/persistence/archive';
import { checkCounters } from '@ttg/persistence/counter-check';
import { CaseRepository } from '../../../apps/api/src/cases/case.repository';
import type { Principal } from '../../../apps/api/src/auth/principal';
import { TaskRepository } from '../../../apps/api/src/tasks/task.repository';
import { TWO_YEAR_SENTENCE_STATED } from '../../support/pathway-fixtures';
import { usePathwayHarness } from './harness';

/**
 * Archiving on a real PostgreSQL, with cases the workflow projected: a case closed before the
 * retention keeps its row while its tasks, history, contacts and notifications move to the
 * archive tables; the case page's reads still find them, the working tables and the inbox no
 * longer hold them, the counters agree, and a case closed more recently is left alone.
 */
jest.setTimeout(120_000);

const h = usePathwayHarness();
const ADMIN: Principal = { id: 'u-admin', username: 'admin', displayName: 'Alex Admin', role: 'ADMIN', prisonCode: null, teamCode: null, regionCode: null };
const count = async (table: string, caseId: string) => ((await h.ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [caseId])) as { n: number }[])[0].n;

/** Closes a projected case in the read model as its closure does (the workflow's closure is tested in the whole-pathway test). */
async function closedOn(caseId: string, closedAt: string): Promise<void> {
  await h.ds.query(`UPDATE cases SET stage = 'CLOSED', active = false, closed_at = $2 WHERE id = $1`, [caseId, closedAt]);
  await h.ds.query(`UPDATE tasks SET status = 'CANCELLED' WHERE case_id = $1 AND status IN ('OPEN', 'IN_PROGRESS')`, [caseId]);
  await h.ds.query(`INSERT INTO contacts (id, case_id, date, kind, outcome, notes, recorded_by, recorded_at) VALUES ($1 || '-c1', $1::uuid, '2030-01-07', 'OFFICE', 'ATTENDED', NULL, 'u-com-officer', now())`, [caseId]);
}

it('each archive table has its live table’s columns, in order (a migration that adds one to either adds it to both)', async () => {
  const columns = (table: string) => h.ds.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [table]);
  for (const table of ARCHIVED_TABLES) expect([table, await columns(`${table}_archive`)]).toEqual([table, await columns(table)]);
});

it('moves a long-closed case’s rows to the archive, where its pages still read them, and leaves a recently closed case', async () => {
  const old = await h.startCase(TWO_YEAR_SENTENCE_STATED);
  const recent = await h.startCase(TWO_YEAR_SENTENCE_STATED);
  // A week on, the custody screening is overdue: the prison is told (a notification to archive), and one officer has read it.
  await h.skipTo('2030-01-14T09:00:00Z');
  for (let i = 0; i < 100 && (await count('notifications', old)) === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
  await h.ds.query(`INSERT INTO notification_reads (notification_id, user_id) SELECT id, 'u-prison-staff' FROM notifications WHERE case_id = $1`, [old]);
  await closedOn(old, '2000-06-01T10:00:00Z');
  await closedOn(recent, '2001-06-01T10:00:00Z');
  const tasks = new TaskRepository(h.ds);
  const cases = new CaseRepository(h.ds);
  const before = { tasks: await tasks.byCase(old), history: await cases.history(old, { page: 1, pageSize: 100 }), contacts: await cases.contacts(old) };
  const live = Object.fromEntries(await Promise.all(ARCHIVED_TABLES.map(async (t) => [t, await count(t, old)] as const)));
  expect(live.tasks).toBeGreaterThan(0);
  expect(live.audit_events).toBeGreaterThan(0);
  expect(live.notifications).toBeGreaterThan(0);
  expect(live.contacts).toBe(1);

  // The closures above were written straight to the rows: the counters are mended to them first.
  await checkCounters(h.ds, { mend: true });
  // Dates before any other test's (the tier shares one database): only this file's cases qualify.
  const report = await archiveClosedCases(h.ds, { closedBefore: new Date('2001-01-01T00:00:00Z'), batchSize: 1 });
  expect(report).toMatchObject({ ran: true, cases: 1, rows: live });

  for (const table of ARCHIVED_TABLES) {
    expect([table, await count(table, old), await count(`${table}_archive`, old)]).toEqual([table, 0, live[table]]);
    expect([table, await count(`${table}_archive`, recent)]).toEqual([table, 0]);
  }
  expect(await count('tasks', recent)).toBeGreaterThan(0);
  const reads: unknown[] = await h.ds.query(`SELECT 1 FROM notification_reads r JOIN notifications_archive n ON n.id = r.notification_id WHERE n.case_id = $1`, [old]);
  expect(reads).toEqual([]);
  const [row]: { archived: boolean; prison_number: string }[] = await h.ds.query(`SELECT archived_at IS NOT NULL AS archived, prison_number FROM cases WHERE id = $1`, [old]);
  expect(row.archived).toBe(true);

  // The case page, its history and a task's page read the archive as they read the live tables.
  expect(await tasks.byCase(old)).toEqual(before.tasks);
  expect(await cases.history(old, { page: 1, pageSize: 100 })).toEqual(before.history);
  expect(await cases.contacts(old)).toEqual(before.contacts);
  expect((await tasks.findInScope(before.tasks[0].id as string, ADMIN, '2030-01-07'))?.id).toBe(before.tasks[0].id);
  // The counters count no closed case's rows, so they still agree with the rows after the move.
  const check = await checkCounters(h.ds, { mend: false });
  expect(Object.values(check.drifted).reduce((a, b) => a + b, 0)).toBe(0);

  // A repeat finds nothing more to archive.
  expect(await archiveClosedCases(h.ds, { closedBefore: new Date('2001-01-01T00:00:00Z') })).toMatchObject({ ran: true, cases: 0 });
});
