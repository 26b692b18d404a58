import { PathwayHarness } from './harness';
import { CaseRepository } from '../../../apps/api/src/cases/case.repository';
import { TaskRepository } from '../../../apps/api/src/tasks/task.repository';
import type { Principal } from '../../../apps/api/src/auth/principal';
import { ALL_NEEDS, COM, MANAGER, PRISON, planOutcome, TWO_YEAR_SENTENCE } from '../../support/pathway-fixtures';

/**
 * The community side: the handover reminder, a handover sent back and re-sent, prison read access
 * ending on day 29, and the first appointment across a bank-holiday weekend.
 */
jest.setTimeout(120_000);

// Received Monday 2030-01-07; conditional release Friday 2031-01-10 -> handover Friday 2030-04-26.
const sentence = TWO_YEAR_SENTENCE;

const prisonStaff: Principal = { id: 'u-prison-staff', username: 'prison.staff', displayName: 'P', role: 'PRISON_STAFF', prisonCode: 'LEI', teamCode: null, regionCode: 'YH' };

describe('handover and the community side', () => {
  let h: PathwayHarness;
  let caseId: string;
  beforeAll(async () => {
    h = await PathwayHarness.start();
    await h.skipTo('2030-01-07T09:00:00Z');
    caseId = await h.startCase(sentence);
    await h.complete(caseId, (await h.task(caseId, 'CUSTODY_SCREENING')).id, { needs: ALL_NEEDS });
    await h.complete(caseId, (await h.task(caseId, 'RISK_SCREENING')).id, { roshLevel: 'LOW' });
    await h.complete(caseId, (await h.task(caseId, 'RESETTLEMENT_PLAN')).id, planOutcome([]));
  });
  afterAll(async () => h?.stop());

  it('reminds both sides 56 days before the handover, on the day and not before', async () => {
    const reminders = async () => (await h.notifications(caseId)).filter((n) => n.kind === 'REMINDER' && n.message.startsWith('Allocate a community offender manager'));
    await h.skipTo('2030-02-28T23:59:00Z'); // 2030-03-01 is handover (2030-04-26) - 56 days
    expect(await reminders()).toHaveLength(0);
    await h.skipTo('2030-03-01T00:00:01Z');
    // The manager's allocation queue, the prison team and the community team.
    const sent = await h.until('the reminder', reminders, (r) => r.length === 3);
    expect(sent.map((n) => n.audience).sort()).toEqual(['COMMUNITY', 'MANAGER', 'PRISON']);
    for (const n of sent) expect(new Date(n.created_at).toISOString()).toBe('2030-03-01T00:00:00.000Z');
    expect(sent.find((n) => n.audience === 'PRISON')?.message).toContain('2030-04-26');
  });

  it('a handover sent back reopens for the prison and is re-sent to the COM', async () => {
    await h.complete(caseId, (await h.task(caseId, 'COM_ALLOCATION')).id, { comUserId: COM.userId, teamCode: 'YH-LEEDS-N' }, MANAGER);
    expect((await h.caseRow(caseId)).handover_status).toBe('AWAITING_ACCEPTANCE');
    const first = await h.task(caseId, 'HANDOVER_ACCEPTANCE');
    expect(first.due_date).toBe('2030-04-26');
    await expect(h.complete(caseId, first.id, { decision: 'SENT_BACK' }, COM)).rejects.toMatchObject({ cause: { type: 'INVALID_OUTCOME' } });
    await h.complete(caseId, first.id, { decision: 'SENT_BACK', reason: 'No release address in the pack' }, COM);
    let c = await h.caseRow(caseId);
    expect(c.handover_status).toBe('SENT_BACK');
    expect(c.handover).toMatchObject({ sentBackReason: 'No release address in the pack' });
    const revision = await h.task(caseId, 'HANDOVER_PACK_REVISION');
    expect(revision.assignee).toBeNull(); // back in the prison team's queue
    expect((await h.notifications(caseId)).some((n) => n.audience === 'PRISON' && n.message.includes('No release address'))).toBe(true);
    await h.complete(caseId, revision.id, { changes: 'Release address added: approved premises' }, PRISON);
    c = await h.caseRow(caseId);
    expect(c.handover_status).toBe('AWAITING_ACCEPTANCE');
    const second = await h.task(caseId, 'HANDOVER_ACCEPTANCE');
    expect(second.id).not.toBe(first.id);
    expect(second.assignee).toBe(COM.userId);
    await h.complete(caseId, second.id, { decision: 'ACCEPTED' }, COM);
    c = await h.caseRow(caseId);
    expect(c.handover_status).toBe('ACCEPTED');
    expect(c.prison_access_until).toBe('2030-03-29'); // accepted 2030-03-01: read access for 28 days
  });

  it('prison staff keep read access for 28 days after handover and lose it on day 29', async () => {
    const repo = new CaseRepository(h.ds);
    expect(await repo.findInScope(caseId, prisonStaff, '2030-03-29')).not.toBeNull();
    expect(await repo.findInScope(caseId, prisonStaff, '2030-03-30')).toBeNull();
    const com: Principal = { ...prisonStaff, id: COM.userId, role: 'COM', prisonCode: null, teamCode: 'YH-LEEDS-N' };
    expect(await repo.findInScope(caseId, com, '2030-03-30')).not.toBeNull();
    // The task lists scope prison staff by the task's prison and the case's access: the same days.
    const tasks = new TaskRepository(h.ds);
    const listed = (today: string) => tasks.list(prisonStaff, today, { caseId, sort: 'dueAt', order: 'asc', page: 1, pageSize: 50 });
    const lastDay = await listed('2030-03-29');
    expect(lastDay.total).toBe((await h.tasks(caseId)).length);
    expect(lastDay.items.map((t) => t.prison_code)).toEqual(lastDay.items.map(() => 'LEI'));
    expect((await listed('2030-03-30')).total).toBe(0);
    expect((await tasks.list(com, '2030-03-30', { caseId, sort: 'dueAt', order: 'asc', page: 1, pageSize: 50 })).total).toBe(lastDay.total);
  });

  it('the first appointment after a Friday release is due on the Tuesday after a bank-holiday Monday', async () => {
    const other = await h.startCase({ ...sentence, receptionAt: '2030-03-01T10:00:00Z', sentenceStartDate: '2030-03-01', sentenceLengthMonths: 4, conditionalReleaseDate: '2030-05-03' });
    await h.complete(other, (await h.task(other, 'CUSTODY_SCREENING')).id, { needs: ALL_NEEDS });
    await h.skipTo('2030-05-02T08:00:00Z'); // effective release Thursday 2030-05-02 (no Friday release)
    const release = await h.until('release-day task', () => h.tasks(other), (ts) => ts.some((t) => t.type === 'RELEASE_OUTCOMES')).then(() => h.task(other, 'RELEASE_OUTCOMES'));
    // Released on Friday 2030-05-03 after all (a court order); Monday 2030-05-06 is the Early May bank holiday.
    await h.complete(other, release.id, { releasedOn: '2030-05-03', accommodation: 'TEMPORARY', workOrTraining: 'NONE', bankAccount: false, id: true, debts: 'UNRESOLVED' });
    expect((await h.task(other, 'FIRST_APPOINTMENT')).due_date).toBe('2030-05-07');
  });
});
