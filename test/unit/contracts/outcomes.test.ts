import { outcomeSchemas, parseOutcome, PATHWAYS, TASK_TYPES } from '@ttg/contracts';

const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: true, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };

describe('task outcomes', () => {
  it('has a schema for every task type', () => {
    expect(Object.keys(outcomeSchemas).sort()).toEqual([...TASK_TYPES].sort());
  });

  it('accepts a complete custody screening and fills defaults', () => {
    expect(parseOutcome('CUSTODY_SCREENING', { needs })).toEqual({ ok: true, value: { needs, immediateNeeds: [], riskCategories: [], riskFlags: [] } });
  });

  it('names every bad field, including unknown ones', () => {
    const r = parseOutcome('CUSTODY_SCREENING', { needs: { ...needs, HEALTH: 'no' }, colour: 'red' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(expect.arrayContaining([
      { field: 'outcome.needs.HEALTH', reason: 'Expected boolean, received string' },
      { field: 'outcome', reason: 'unknown field(s): colour' },
    ]));
  });

  it('needs an address unless there is no accommodation', () => {
    expect(parseOutcome('SECURE_ADDRESS', { accommodation: 'NONE' }).ok).toBe(true);
    const r = parseOutcome('SECURE_ADDRESS', { accommodation: 'SETTLED' });
    expect(r).toEqual({ ok: false, problems: [{ field: 'outcome.address', reason: 'is required unless accommodation is NONE' }] });
  });

  it('needs a reason to send a handover back', () => {
    expect(parseOutcome('HANDOVER_ACCEPTANCE', { decision: 'ACCEPTED' }).ok).toBe(true);
    expect(parseOutcome('HANDOVER_ACCEPTANCE', { decision: 'SENT_BACK' })).toEqual({ ok: false, problems: [{ field: 'outcome.reason', reason: 'is required when the handover is sent back' }] });
  });

  it('rejects impossible dates', () => {
    const r = parseOutcome('RELEASE_OUTCOMES', { releasedOn: '2026-02-30', accommodation: 'SETTLED', workOrTraining: 'NONE', bankAccount: true, id: true, debts: 'NO_DEBTS' });
    expect(r).toEqual({ ok: false, problems: [{ field: 'outcome.releasedOn', reason: 'must be a real calendar date' }] });
  });
});

describe('the resettlement plan cannot call a need done', () => {
  const plan = (accommodation: string) => ({ pathways: Object.fromEntries(PATHWAYS.map((p) => [p, { status: p === 'ACCOMMODATION' ? accommodation : 'SUPPORT_NOT_REQUIRED' }])) });

  it('refuses "done" in a new plan, naming the pathway, and takes the statuses a plan records', () => {
    expect(parseOutcome('RESETTLEMENT_PLAN', plan('DONE'))).toEqual({ ok: false, problems: [expect.objectContaining({ field: 'outcome.pathways.ACCOMMODATION.status' })] });
    for (const status of ['NOT_STARTED', 'IN_PROGRESS', 'SUPPORT_REQUIRED', 'SUPPORT_NOT_REQUIRED', 'SUPPORT_DECLINED']) expect(parseOutcome('RESETTLEMENT_PLAN', plan(status)).ok).toBe(true);
  });

  it('reads a plan a history already holds as it was accepted, "done" included (replay)', () => {
    expect(parseOutcome('RESETTLEMENT_PLAN', plan('DONE'), true)).toEqual({ ok: true, value: plan('DONE') });
    expect(parseOutcome('RESETTLEMENT_PLAN', plan('FINISHED'), true).ok).toBe(false);
  });
});
