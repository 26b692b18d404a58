import {
  DEFAULT_POLICY,
  EARLIER_RELEASE_RULE,
  explainKeyDates,
  lostContactTimers,
  planDeadline,
  planSupervision,
} from '@ttg/policy';
import { CONTRACT_INPUT, CONTRACT_OUTPUT } from './fixtures';

/** What the workflow asks of the law: supervision ends, lost contact, due dates bounded by release, one day earlier. */
describe('planSupervision from the sentence facts', () => {
  const threeYears = { sentenceType: 'DETERMINATE' as const, sentenceLengthMonths: 36, licenceExpiryDate: '2029-02-05', sentenceExpiryDate: '2029-02-05' };

  it('ends on the licence expiry date, with no checkpoint after it', () => {
    const p = planSupervision({ releasedOn: '2027-08-06', monthsAlreadyRecorded: [], facts: threeYears }, DEFAULT_POLICY);
    expect(p.endsOn).toBe('2029-02-05');
    expect(p.endsAt).toBe('2029-02-05T00:00:00Z');
    const short = planSupervision({ releasedOn: '2027-08-06', monthsAlreadyRecorded: [], facts: { ...threeYears, licenceExpiryDate: '2027-12-01' } }, DEFAULT_POLICY);
    expect(short.checkpoints.map((c) => c.months)).toEqual([3]);
  });

  it('a licence with no fixed end has no end date and no closure instant', () => {
    const p = planSupervision({ releasedOn: '2027-08-06', monthsAlreadyRecorded: [], facts: { sentenceType: 'INDETERMINATE' } }, DEFAULT_POLICY);
    expect(p).toMatchObject({ endsOn: null, endsAt: null });
    expect(p.checkpoints.map((c) => c.months)).toEqual([3, 6, 12]);
  });

  it('on re-release the end date stays where it was, whatever the days in custody', () => {
    const p = planSupervision({ releasedOn: '2028-03-01', monthsAlreadyRecorded: [3], facts: threeYears, keepEndsOn: '2029-02-05', remainingDays: 10 }, DEFAULT_POLICY);
    expect(p.endsOn).toBe('2029-02-05');
  });

  it('lost contact is flagged at the end of the 10th working day, not at its start', () => {
    // 10 working days after Thursday 2026-08-20 is Friday 2026-09-04 (after the Monday 31 August bank holiday).
    expect(lostContactTimers('2026-08-20', DEFAULT_POLICY, true)).toEqual({ flagAt: '2026-09-04T23:00:00Z', escalateAt: '2026-09-11T23:00:00Z' });
    expect(lostContactTimers('2026-08-20', DEFAULT_POLICY)).toEqual({ flagAt: '2026-09-03T23:00:00Z', escalateAt: '2026-09-10T23:00:00Z' });
  });
});

describe('planDeadline bounded by the release date', () => {
  const plan = (basis: Parameters<typeof planDeadline>[0], now: string) => planDeadline(basis, CONTRACT_OUTPUT, now, DEFAULT_POLICY);

  it('a date on a non-working day moves to the working day before it', () => {
    expect(plan({ kind: 'DATE', on: '2026-04-04' }, '2026-01-06T10:00:00Z').dueDate).toBe('2026-04-02'); // Saturday, Good Friday before it
  });

  it('a date after the release date is due on the release date while release is ahead', () => {
    expect(plan({ kind: 'DATE', on: '2026-09-30' }, '2026-06-01T10:00:00Z').dueDate).toBe('2026-08-06');
    expect(plan({ kind: 'DATE', on: '2026-09-30' }, '2026-09-01T10:00:00Z').dueDate).toBe('2026-09-30'); // released already
  });

  it('a compressed allocation the day before release is never due after it', () => {
    const d = plan({ kind: 'COM_ALLOCATION', handoverDate: '2026-03-01' }, '2026-08-05T22:00:00Z');
    expect(d).toMatchObject({ dueDate: '2026-08-06', compressed: true, reminderAt: null });
  });

  it('no reminder for a custody screening whose reminder day has passed', () => {
    expect(plan({ kind: 'INSTANT', at: '2026-01-05T15:00:00Z' }, '2026-01-07T10:00:00Z').reminderAt).toBeNull();
  });
});

describe('one eligible working day earlier, on request', () => {
  it('moves the release date and every date counted from it, while the law gives the same release date', () => {
    const { keyDates, explanations } = explainKeyDates(CONTRACT_INPUT, DEFAULT_POLICY, { from: '2026-08-06' });
    expect(keyDates.releaseDate).toBe('2026-08-05');
    expect(keyDates.firstAppointmentDue).toBe('2026-08-06');
    expect(explanations.releaseDate.rule).toBe(EARLIER_RELEASE_RULE);
    const lapsed = explainKeyDates(CONTRACT_INPUT, DEFAULT_POLICY, { from: '2026-07-01' });
    expect(lapsed.keyDates.releaseDate).toBe('2026-08-06');
    expect(lapsed.explanations.releaseDate.rule).not.toBe(EARLIER_RELEASE_RULE);
  });
});
