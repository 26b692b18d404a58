import { recordHistoryIfAsked, type TaskRow, usePathwayHarness } from './harness';
import { ALL_NEEDS, COM, MANAGER, PRISON } from '../../support/pathway-fixtures';
import type { SentenceFacts } from '@ttg/contracts';

/**
 * Release dates as the law has them, before release: the handover rule decided again on every
 * change (the COM allocation created, re-based or cancelled to match), release on home detention
 * curfew and back when it is revoked, and a recorded request to release one day earlier.
 */
jest.setTimeout(180_000);

// Received Monday 2030-01-07, 18 months. CRD Wednesday 2030-10-09: within 12 months of the sentence
// start, so the COM is responsible from the start. CRD Friday 2030-12-20 (released Thursday 2030-12-19
// under the day-of-release rule): handover Saturday 2030-04-06, so the allocation is due Friday 2030-04-05.
const base: SentenceFacts = {
  receptionAt: '2030-01-07T09:00:00Z',
  sentenceStartDate: '2030-01-07',
  sentenceType: 'DETERMINATE',
  sentenceLengthMonths: 18,
  offenceCategory: 'OTHER',
};
const SHORT = '2030-10-09';
const LONG = '2030-12-20';

describe('release dates as the law has them', () => {
  const h = usePathwayHarness();

  const openAllocations = async (caseId: string): Promise<TaskRow[]> => (await h.tasks(caseId)).filter((t) => t.type === 'COM_ALLOCATION' && ['OPEN', 'IN_PROGRESS'].includes(t.status));
  const changeCrd = (caseId: string, conditionalReleaseDate: string) => h.update(caseId, 'changeReleaseDates', { conditionalReleaseDate, reason: 'Sentence recalculated', actor: PRISON });

  it('from a handover date to "COM responsible from the start" and back, before screening: exactly one COM allocation on the right working day', async () => {
    const caseId = await h.startCase({ ...base, conditionalReleaseDate: LONG });
    let open = await openAllocations(caseId);
    expect(open.map((t) => t.due_date)).toEqual(['2030-04-05']);

    await changeCrd(caseId, SHORT);
    expect(await openAllocations(caseId)).toEqual([]);
    expect((await h.caseRow(caseId)).handover_status).toBe('NOT_DUE');

    await changeCrd(caseId, LONG);
    open = await openAllocations(caseId);
    expect(open.map((t) => t.due_date)).toEqual(['2030-04-05']);
    expect((await h.caseRow(caseId)).handover_status).toBe('ALLOCATION_DUE');
    expect((await h.tasks(caseId)).filter((t) => t.type === 'COM_ALLOCATION')).toHaveLength(2); // one cancelled, one open
    await recordHistoryIfAsked(h, caseId, 'handover-follows-dates-v1');
  });

  it('from "COM responsible from the start" to a handover date before screening, and back with screening done', async () => {
    const caseId = await h.startCase({ ...base, conditionalReleaseDate: SHORT });
    expect(await openAllocations(caseId)).toEqual([]);
    await changeCrd(caseId, LONG);
    expect((await openAllocations(caseId)).map((t) => t.due_date)).toEqual(['2030-04-05']);

    await changeCrd(caseId, SHORT);
    expect(await openAllocations(caseId)).toEqual([]);
    await h.complete(caseId, (await h.task(caseId, 'CUSTODY_SCREENING')).id, { needs: ALL_NEEDS });
    const plan = await h.task(caseId, 'RESETTLEMENT_PLAN');
    const open = await openAllocations(caseId);
    expect(open.map((t) => t.due_date)).toEqual([plan.due_date]); // allocated when the resettlement plan is due
  });

  it('victim contact from the sentence: a referral on reception, the victim\'s choice and conditions recorded, liaison on a change of release date', async () => {
    const caseId = await h.startCase({ ...base, offenceCategory: 'VIOLENT', conditionalReleaseDate: '2030-12-18' });
    const referral = await h.task(caseId, 'VICTIM_CONTACT');
    expect(referral.due_date).toBe('2030-02-04'); // 20 working days after the sentence date
    await expect(h.complete(caseId, referral.id, { informedOn: '2030-01-20', victimChoice: 'MAYBE' }, COM)).rejects.toMatchObject({ cause: { type: 'INVALID_OUTCOME' } });
    await h.complete(caseId, referral.id, { informedOn: '2030-01-20', victimChoice: 'OPTED_IN' }, COM);
    const conditions = await h.task(caseId, 'VICTIM_CONTACT');
    expect(conditions.id).not.toBe(referral.id);
    expect(conditions.due_date).toBe((await h.caseRow(caseId)).key_dates.preReleaseReviewDue);
    await h.complete(caseId, conditions.id, { informedOn: '2030-02-10', requestedLicenceConditions: ['No contact with the victim', 'Exclusion zone: Leeds city centre'] }, COM);
    expect((await h.state(caseId)).victim).toEqual({ choice: 'OPTED_IN', requestedLicenceConditions: ['No contact with the victim', 'Exclusion zone: Leeds city centre'] });
    await changeCrd(caseId, '2030-12-11');
    const liaison = await h.task(caseId, 'VICTIM_CONTACT');
    expect(liaison.due_date).toBe('2030-12-11');
    expect((await h.state(caseId)).tasks.find((t) => t.id === liaison.id)?.victimStep).toBe('LIAISON');
    await recordHistoryIfAsked(h, caseId, 'victim-contact-planned-v1');
  });

  it('an approved HDC date releases on it (statute step only) with deadlines re-based; revoked, release is back at the CRD', async () => {
    const caseId = await h.startCase({ ...base, conditionalReleaseDate: '2030-12-18' });
    expect((await h.caseRow(caseId)).release_date).toBe('2030-12-18');
    // Approved from Saturday 2030-09-14: released the Friday before.
    await h.update(caseId, 'changeReleaseDates', { hdcEligibilityDate: '2030-09-01', hdcApprovedDate: '2030-09-14', reason: 'HDC approved', actor: PRISON });
    let c = await h.caseRow(caseId);
    expect(c.release_date).toBe('2030-09-13');
    expect(c.key_dates).toMatchObject({ releaseDate: '2030-09-13', preReleaseReviewDue: '2030-07-19', dutyToReferDue: '2030-07-19' });
    expect((await h.state(caseId)).scheduled.find((s) => s.key === 'release-day')?.opensAt).toBe('2030-09-12T23:00:00Z');

    await h.update(caseId, 'changeReleaseDates', { hdcApprovedDate: null, reason: 'HDC revoked', actor: PRISON });
    c = await h.caseRow(caseId);
    expect(c.release_date).toBe('2030-12-18');
    expect((await h.state(caseId)).scheduled.find((s) => s.key === 'release-day')?.opensAt).toBe('2030-12-18T00:00:00Z');

    await h.update(caseId, 'changeReleaseDates', { hdcApprovedDate: '2030-09-14', reason: 'HDC approved again', actor: PRISON });
    await h.skipTo('2030-09-13T08:00:00Z');
    const rt = await h.until('release on HDC', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'RELEASE_OUTCOMES')).then(() => h.task(caseId, 'RELEASE_OUTCOMES'));
    expect(rt.due_date).toBe('2030-09-13');
    await h.complete(caseId, rt.id, { releasedOn: '2030-09-13', accommodation: 'SETTLED', workOrTraining: 'NONE', bankAccount: true, id: true, debts: 'NO_DEBTS' });
    // Under 2 years: supervised 12 months from the actual release.
    expect((await h.state(caseId)).supervision).toMatchObject({ releasedOn: '2030-09-13', endsOn: '2031-09-13' });
  });

  it('a COM asks for release one eligible working day earlier: a recorded decision, every deadline re-based', async () => {
    const caseId = await h.startCase({ ...base, receptionAt: '2030-09-16T09:00:00Z', sentenceStartDate: '2030-09-16', conditionalReleaseDate: '2031-06-18' });
    const before = (await h.caseRow(caseId)).key_dates;
    expect(before).toMatchObject({ releaseDate: '2031-06-18', dutyToReferDue: '2031-04-23' });
    await expect(h.update(caseId, 'requestEarlierRelease', { reason: 'Approved premises bed from Tuesday', actor: PRISON })).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
    await h.update(caseId, 'requestEarlierRelease', { reason: 'Approved premises bed from Tuesday', actor: COM });
    const c = await h.caseRow(caseId);
    expect(c.release_date).toBe('2031-06-17');
    expect(c.key_dates).toMatchObject({ releaseDate: '2031-06-17', dutyToReferDue: '2031-04-22', preReleaseReviewDue: '2031-04-22', firstAppointmentDue: '2031-06-18' });
    expect((await h.state(caseId)).earlierRelease).toEqual({ from: '2031-06-18', to: '2031-06-17', reason: 'Approved premises bed from Tuesday', decidedBy: COM.userId });
    await expect(h.update(caseId, 'requestEarlierRelease', { reason: 'Again', actor: MANAGER })).rejects.toMatchObject({ cause: { type: 'INVALID_STATE' } });
    const audit = (await h.audit(caseId)).find((a) => a.action === 'EARLIER_RELEASE_DECIDED');
    expect(audit).toMatchObject({ before: { releaseDate: '2031-06-18' }, after: { releaseDate: '2031-06-17' } });
    // The decision stands through a change that leaves the law's release date, and lapses when it moves.
    await h.update(caseId, 'changeReleaseDates', { licenceExpiryDate: '2032-03-16', reason: 'Licence expiry given', actor: PRISON });
    expect((await h.caseRow(caseId)).release_date).toBe('2031-06-17');
    await changeCrd(caseId, '2031-06-25');
    expect((await h.caseRow(caseId)).release_date).toBe('2031-06-25');
    expect((await h.state(caseId)).earlierRelease).toBeNull();
    await recordHistoryIfAsked(h, caseId, 'release-dates-law-v1');
  });
});
