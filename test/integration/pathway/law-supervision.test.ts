import { PathwayHarness, recordHistoryIfAsked } from './harness';
import { COM, MANAGER, PRISON } from '../../support/pathway-fixtures';
import type { SentenceFacts } from '@ttg/contracts';

/**
 * Supervision as the law has it: a 3-year sentence supervised to its licence expiry date, a recall
 * and re-release that leave the end dates where they were, time unlawfully at large moving them,
 * and a life licence with no fixed end that stays open until its termination is recorded.
 */
jest.setTimeout(180_000);

// Received Monday 2030-01-07; conditional release Wednesday 2031-07-09; licence expiry Thursday 2033-01-06.
const threeYears: SentenceFacts = {
  receptionAt: '2030-01-07T09:00:00Z',
  sentenceStartDate: '2030-01-07',
  sentenceType: 'DETERMINATE',
  sentenceLengthMonths: 36,
  conditionalReleaseDate: '2031-07-09',
  licenceExpiryDate: '2033-01-06',
  sentenceExpiryDate: '2033-01-06',
  offenceCategory: 'OTHER',
};
// A life sentence: released at its tariff date, no length and no fixed end.
const life: SentenceFacts = {
  receptionAt: '2030-01-07T09:00:00Z',
  sentenceStartDate: '2030-01-07',
  sentenceType: 'INDETERMINATE',
  tariffDate: '2031-07-09',
  offenceCategory: 'OTHER',
};
const RELEASE = '2031-07-09';

describe('supervision from the law', () => {
  let h: PathwayHarness;
  let plain: string;
  let recalled: string;
  let lifer: string;

  const release = async (caseId: string): Promise<void> => {
    const rt = await h.until('release task', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'RELEASE_OUTCOMES')).then(() => h.task(caseId, 'RELEASE_OUTCOMES'));
    await h.complete(caseId, rt.id, { releasedOn: RELEASE, accommodation: 'SETTLED', workOrTraining: 'NONE', bankAccount: true, id: true, debts: 'NO_DEBTS' });
  };
  const supervision = async (caseId: string) => (await h.state(caseId)).supervision!;
  const closureTasks = async (caseId: string) => (await h.tasks(caseId)).filter((t) => t.type === 'CLOSURE');

  beforeAll(async () => {
    h = await PathwayHarness.start();
    await h.skipTo('2030-01-07T09:00:00Z');
    plain = await h.startCase(threeYears);
    recalled = await h.startCase(threeYears);
    lifer = await h.startCase(life);
    await h.skipTo(`${RELEASE}T08:00:00Z`);
    for (const caseId of [plain, recalled, lifer]) await release(caseId);
  });
  afterAll(async () => h?.stop());

  it('a 3-year sentence is supervised to its licence expiry date; a life licence has no end date', async () => {
    for (const caseId of [plain, recalled]) {
      expect(await supervision(caseId)).toMatchObject({ releasedOn: RELEASE, endsOn: '2033-01-06' });
      expect((await h.caseRow(caseId)).key_dates).toMatchObject({ supervisionEndDate: '2033-01-06' });
      expect((await h.state(caseId)).scheduled.find((s) => s.key === 'supervision-end')?.opensAt).toBe('2033-01-06T00:00:00Z');
    }
    const sup = await supervision(lifer);
    expect(sup.endsOn).toBeNull();
    expect((await h.state(lifer)).scheduled.some((s) => s.type === 'CLOSURE')).toBe(false);
    // Lost contact is flagged at the end of the 10th working day after release (Wednesday 2031-07-23).
    expect(sup.lostContactFlagAt).toBe('2031-07-23T23:00:00Z');
  });

  it('a recall and re-release leave the end dates where they were', async () => {
    await h.skipTo('2031-08-01T10:00:00Z');
    await h.update(recalled, 'recordBreach', { action: 'BREACH_ACTION', reason: 'Missed three appointments', actor: COM });
    await h.update(recalled, 'recall', { recalledAt: '2031-08-01T10:00:00Z', reason: 'Breach of licence conditions', actor: COM });
    expect((await supervision(recalled)).remainingDaysAtPause).toBeNull();
    // Neither asks anyone to act: the case's history records them, and no one is notified.
    expect((await h.audit(recalled)).map((a) => a.action)).toEqual(expect.arrayContaining(['BREACH_ACTION', 'RECALLED']));
    expect((await h.notifications(recalled)).filter((n) => /Breach action taken|Recalled to custody/.test(n.message))).toEqual([]);
    // Contact re-established after contact was lost: recorded, cleared, not sent.
    expect((await supervision(lifer)).lostContact).toBe(true);
    await h.update(lifer, 'recordContact', { contactId: `${lifer}-c1`, date: '2031-08-01', kind: 'OFFICE', outcome: 'ATTENDED', actor: COM });
    expect((await h.audit(lifer)).some((a) => a.action === 'LOST_CONTACT_CLEARED')).toBe(true);
    expect((await h.notifications(lifer)).filter((n) => n.message.startsWith('Contact re-established'))).toEqual([]);
    await h.skipTo('2031-10-01T10:00:00Z');
    await h.update(recalled, 'reRelease', { releasedOn: '2031-10-01', actor: PRISON });
    const sup = await supervision(recalled);
    expect(sup).toMatchObject({ releasedOn: '2031-10-01', endsOn: '2033-01-06', paused: false, recalls: 1 });
    expect((await h.state(recalled)).scheduled.find((s) => s.key === 'supervision-end')?.opensAt).toBe('2033-01-06T00:00:00Z');
  });

  it('time unlawfully at large, recorded by the COM, moves every end date by that many days', async () => {
    await expect(h.update(recalled, 'recordUnlawfullyAtLarge', { days: 14, reason: 'Absconded', actor: PRISON })).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
    await expect(h.update(recalled, 'recordUnlawfullyAtLarge', { days: 0, reason: 'Absconded', actor: COM })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', message: expect.stringContaining('days') } });
    await h.update(recalled, 'recordUnlawfullyAtLarge', { days: 14, reason: 'Absconded for two weeks before arrest', actor: COM });
    const state = await h.state(recalled);
    expect(state.supervision).toMatchObject({ endsOn: '2033-01-20', unlawfullyAtLargeDays: 14 });
    expect(state.sentence).toMatchObject({ licenceExpiryDate: '2033-01-20', sentenceExpiryDate: '2033-01-20' });
    expect(state.keyDates.supervisionEndDate).toBe('2033-01-20');
    expect(state.scheduled.find((s) => s.key === 'supervision-end')?.opensAt).toBe('2033-01-20T00:00:00Z');
    const audit = (await h.audit(recalled)).find((a) => a.action === 'UNLAWFULLY_AT_LARGE_RECORDED');
    expect(audit?.details).toEqual({ days: 14, reason: 'Absconded for two weeks before arrest' });
  });

  it('supervision ends on the licence expiry date (moved by time at large), with no supervision timers after it', async () => {
    await h.skipTo('2033-01-05T23:59:00Z');
    expect(await closureTasks(plain)).toHaveLength(0);
    await h.skipTo('2033-01-06T00:00:01Z');
    await h.until('closure of the 3-year case', () => closureTasks(plain), (ts) => ts.length === 1);
    const ended = await supervision(plain);
    expect(ended).toMatchObject({ endReached: true, lostContactFlagAt: null, lostContactEscalateAt: null });
    expect((await h.state(plain)).scheduled).toEqual([]);
    expect(await closureTasks(recalled)).toHaveLength(0);
    await h.skipTo('2033-01-20T00:00:01Z');
    const [closure] = await h.until('closure after time at large', () => closureTasks(recalled), (ts) => ts.length === 1);
    await h.complete(recalled, closure.id, { summary: 'Supervised to the licence expiry date, moved by 14 days at large' }, COM);
    expect((await h.caseRow(recalled)).stage).toBe('CLOSED');
    await recordHistoryIfAsked(h, recalled, 'sentence-law-v1');
  });

  it('a life licence stays open until its termination is recorded by a COM or manager', async () => {
    expect(await closureTasks(lifer)).toHaveLength(0);
    expect((await h.caseRow(lifer)).stage).toBe('SUPERVISION');
    await expect(h.update(plain, 'terminateLicence', { terminatedOn: '2033-01-20', reason: 'Licence ended', actor: MANAGER })).rejects.toMatchObject({ cause: { type: 'INVALID_STATE' } });
    await expect(h.update(lifer, 'terminateLicence', { terminatedOn: '2033-01-20', reason: 'Licence ended', actor: PRISON })).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
    await h.update(lifer, 'terminateLicence', { terminatedOn: '2033-01-20', reason: 'Parole Board terminated the licence', actor: MANAGER });
    const state = await h.state(lifer);
    expect(state.supervision).toMatchObject({ endReached: true, licenceTerminatedOn: '2033-01-20', lostContactFlagAt: null });
    const closure = await h.task(lifer, 'CLOSURE');
    expect(closure.due_date > '2033-01-20').toBe(true);
    expect((await h.audit(lifer)).map((a) => a.action)).toEqual(expect.arrayContaining(['LICENCE_TERMINATED', 'SUPERVISION_ENDED']));
  });
});
