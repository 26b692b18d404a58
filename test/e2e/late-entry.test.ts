import { newCaseBody, today } from './case-bodies';
import { Stack } from './stack';

/**
 * Work recorded on a later day than it was done: the completion says the day (doneOn), refused
 * in the future or before the reception with a 400 naming doneOn and nothing written, and the
 * history keeps it beside the moment it was recorded.
 */
jest.setTimeout(180_000);

let s: Stack;
let token: string;
beforeAll(async () => {
  s = await Stack.start();
  token = await s.token('prison.staff');
});
afterAll(async () => s?.stop());

describe('a task completed on a later day', () => {
  it('takes the day it was done, not in the future and not before reception, and keeps it in the history', async () => {
    // Received 30 days ago (recorded now).
    const created = await s.request('POST', '/api/v1/cases', {
      token,
      body: newCaseBody('L', { familyName: 'Lateentry', receptionAt: new Date(Date.now() - 30 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), sentenceStartDate: today(-30) }),
    });
    expect(created.status).toBe(201);
    const screening = created.body.tasks.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING');
    const needs = { ACCOMMODATION: false, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
    const complete = (doneOn: unknown) => s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token, body: { outcome: { needs }, doneOn } });

    for (const [doneOn, reason] of [
      [today(1), 'cannot be in the future'],
      [today(-31), 'cannot be before the person was received into custody'],
      ['2026-02-30', 'must be a real calendar date'],
      ['last week', 'must be a date YYYY-MM-DD'],
    ] as const) {
      const refused = await complete(doneOn);
      expect({ doneOn, status: refused.status, fields: [...new Set(refused.body.problems?.map((p: { field: string }) => p.field))] }).toEqual({ doneOn, status: 400, fields: ['doneOn'] });
      expect(JSON.stringify(refused.body.problems)).toContain(reason);
    }
    expect((await s.request('GET', `/api/v1/tasks/${screening.id}`, { token })).body.status).toBe('OPEN');

    const done = await complete(today(-28));
    expect(done.status).toBe(200);
    expect((await complete(today(-28))).status).toBe(409); // a second completion of the same task
    const history = await s.request('GET', `/api/v1/cases/${created.body.id}/history`, { token });
    const completed = (history.body.items as { action: string; details: { doneOn?: string } | null; at: string }[]).find((e) => e.action === 'TASK_COMPLETED');
    expect(completed?.details).toEqual({ doneOn: today(-28) });
    expect(completed?.at.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
  });
});
