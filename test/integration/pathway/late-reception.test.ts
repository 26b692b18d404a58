import { recordHistoryIfAsked, usePathwayHarness } from './harness';
import { ALL_NEEDS, PRISON, TWO_YEAR_SENTENCE } from '../../support/pathway-fixtures';

/**
 * A reception recorded weeks after the person arrived (a caseload brought onto ttg, an entry
 * made late): the steps opened at reception keep the deadlines they had then, so what is already
 * late shows as late at once and escalates on its own date, instead of starting a fresh clock.
 */
jest.setTimeout(120_000);

describe('a reception recorded late', () => {
  // Received Monday 2030-01-07 (handover Friday 2030-04-26), recorded Wednesday 2030-05-08.
  const h = usePathwayHarness('2030-05-08T10:00:00Z');

  it('has its COM allocation overdue from the day it was (28 April) and escalated on 10 May, the manager told each time', async () => {
    const caseId = await h.startCase(TWO_YEAR_SENTENCE);
    let allocation = await h.until('the allocation overdue', () => h.task(caseId, 'COM_ALLOCATION'), (t) => t.overdue);
    expect(allocation).toMatchObject({ due_date: '2030-04-26', overdue: true, escalated: false, compressed: false });
    expect(new Date(allocation.due_at).toISOString()).toBe('2030-04-27T23:00:00.000Z');
    const screening = await h.task(caseId, 'CUSTODY_SCREENING');
    expect(screening).toMatchObject({ overdue: true, compressed: false });
    const overdue = (await h.notifications(caseId)).filter((n) => n.kind === 'OVERDUE' && n.task_id === allocation.id);
    expect(overdue.length).toBeGreaterThan(0);
    // No reminder for what was already due before it was recorded.
    expect((await h.notifications(caseId)).filter((n) => n.kind === 'REMINDER')).toEqual([]);

    await h.skipTo('2030-05-09T22:59:00Z');
    expect((await h.task(caseId, 'COM_ALLOCATION')).escalated).toBe(false);
    await h.skipTo('2030-05-09T23:00:01Z'); // the start of 10 May in London
    allocation = await h.until('the allocation escalated', () => h.task(caseId, 'COM_ALLOCATION'), (t) => t.escalated);
    const escalations = (await h.notifications(caseId)).filter((n) => n.kind === 'ESCALATION' && n.task_id === allocation.id);
    expect(escalations.map((n) => n.audience)).toContain('MANAGER');
    expect(escalations.every((n) => new Date(n.created_at).toISOString() === '2030-05-09T23:00:00.000Z')).toBe(true);

    // The screening, done in January and recorded now: its day kept in the history (recorded as late-reception-v1).
    const screening2 = await h.task(caseId, 'CUSTODY_SCREENING');
    await h.update(caseId, 'completeTask', { taskId: screening2.id, outcome: { needs: ALL_NEEDS }, actor: PRISON, doneOn: '2030-01-08' });
    const [completed] = await h.ds.query(`SELECT details FROM audit_events WHERE case_id = $1 AND action = 'TASK_COMPLETED'`, [caseId]);
    expect(completed.details).toEqual({ doneOn: '2030-01-08' });
    await recordHistoryIfAsked(h, caseId, 'late-reception-v1');
  });
});
