import { computeKeyDates, explainKeyDates, isWorkingDay, precedingEligibleWorkingDay, type TimelineInput } from '@ttg/policy';
import { CONTRACT_INPUT, CONTRACT_OUTPUT, LIFE_SENTENCE as LIFE } from './fixtures';

describe('earliest release date of an indeterminate sentence: the tariff date, else the parole eligibility date', () => {
  it('the tariff date wins over a parole eligibility date; handover rule 2 runs from it', () => {
    const { keyDates, explanations } = explainKeyDates({ ...LIFE, tariffDate: '2027-03-10', paroleEligibilityDate: '2027-06-10' });
    expect(keyDates).toMatchObject({ earliestReleaseDate: '2027-03-10', releaseDate: '2027-03-10', handoverDate: '2026-03-10', comResponsibleFromStart: false, supervisionEndDate: null });
    expect(explanations.earliestReleaseDate).toEqual({
      rule: 'ERD_FROM_TARIFF_DATE',
      text: 'The earliest release date is the tariff date (an indeterminate sentence: the end of its minimum term), 2027-03-10.',
    });
    expect(explanations.handoverDate.rule).toBe('HANDOVER_RULE_2_INDETERMINATE');
  });

  it('no tariff date: the parole eligibility date', () => {
    expect(computeKeyDates({ ...LIFE, paroleEligibilityDate: '2027-06-10' })).toMatchObject({ earliestReleaseDate: '2027-06-10', handoverDate: '2026-06-10' });
  });

  it.each([
    // Sunday 31 January 2027: statute step only (no day-of-release rule for an indeterminate sentence) → Friday 29th.
    ['2027-01-31', '2026-01-31', '2027-01-29'],
    // 29 February: ERD − 12 months is clamped to the end of February.
    ['2028-02-29', '2027-02-28', '2028-02-29'],
    // 31 March − 12 months is 31 March; 2028-03-31 is a Friday and is kept.
    ['2028-03-31', '2027-03-31', '2028-03-31'],
  ])('tariff date %s → handover %s, release %s', (tariffDate, handoverDate, releaseDate) => {
    expect(computeKeyDates({ ...LIFE, tariffDate })).toMatchObject({ earliestReleaseDate: tariffDate, handoverDate, releaseDate });
  });

  it('early allocation still comes first: ERD − 15 months from the tariff date, clamped', () => {
    expect(computeKeyDates({ ...LIFE, tariffDate: '2028-05-31', earlyAllocation: true }).handoverDate).toBe('2027-02-28');
  });
});

describe('home detention curfew', () => {
  const hdc = (hdcApprovedDate: string, more: Partial<TimelineInput> = {}) => computeKeyDates({ ...CONTRACT_INPUT, hdcEligibilityDate: '2026-05-01', hdcApprovedDate, ...more });

  it('release on the HDC approved date, a Friday kept (no day-of-release rule), deadlines counted from it', () => {
    expect(hdc('2026-06-12')).toMatchObject({
      earliestReleaseDate: '2026-08-07', // the handover still runs from the unadjusted ERD
      releaseDate: '2026-06-12',
      dutyToReferDue: '2026-04-17',
      preReleaseReviewOpens: '2026-03-20',
      firstAppointmentDue: '2026-06-15',
      supervisionEndDate: '2027-06-12',
    });
  });

  it.each([
    ['2026-06-13', '2026-06-12'], // Saturday → Friday (statute), and that Friday is kept
    ['2026-05-25', '2026-05-22'], // spring bank holiday Monday → Friday
    ['2026-05-26', '2026-05-26'], // Tuesday after the bank holiday: already a working day
  ])('HDC approved %s → released %s (statute step only)', (approved, released) => {
    expect(hdc(approved).releaseDate).toBe(released);
  });

  it('explains the HDC release', () => {
    const { explanations } = explainKeyDates({ ...CONTRACT_INPUT, hdcApprovedDate: '2026-06-13' });
    expect(explanations.releaseDate.rule).toBe('RELEASE_ON_HDC_APPROVED_DATE');
    expect(explanations.releaseDate.text).toBe(
      'Home detention curfew is approved from 2026-06-13: the person is released on that date, with the statute step only. The release date Saturday 2026-06-13 is not a working day, so by statute (Criminal Justice Act 1961 s.23) release moves back to the preceding working day, Friday 2026-06-12. Friday 2026-06-12 is followed by a non-working day, but the day-of-release rule is not applied: it does not apply to release on home detention curfew.',
    );
  });

  it('HDC approved, then refused or revoked (the date removed): release goes back to the conditional release date, both steps', () => {
    expect(hdc('2026-06-12').releaseDate).toBe('2026-06-12');
    expect(computeKeyDates({ ...CONTRACT_INPUT, hdcEligibilityDate: '2026-05-01', hdcApprovedDate: null })).toEqual(CONTRACT_OUTPUT);
  });

  it('the old homeDetentionCurfew flag still keeps a Friday release from the CRD, and with an approved date it is the approved date', () => {
    expect(computeKeyDates({ ...CONTRACT_INPUT, homeDetentionCurfew: true }).releaseDate).toBe('2026-08-07');
    expect(computeKeyDates({ ...CONTRACT_INPUT, homeDetentionCurfew: false }).releaseDate).toBe('2026-08-06');
    expect(hdc('2026-06-12', { homeDetentionCurfew: true }).releaseDate).toBe('2026-06-12');
  });
});

describe('precedingEligibleWorkingDay: one more eligible working day earlier (the COM\'s request)', () => {
  it.each([
    ['2026-08-06', '2026-08-05'], // Thursday → Wednesday
    ['2026-12-23', '2026-12-22'], // the domain example's effective date → Tuesday
    ['2026-04-07', '2026-04-01'], // Tuesday after Easter: Monday is a holiday, Thursday 2nd is before Good Friday → Wednesday 1st
    ['2026-08-10', '2026-08-06'], // Monday: Friday is before the weekend → Thursday
  ])('%s → %s', (effective, earlier) => {
    const day = precedingEligibleWorkingDay(effective);
    expect(day).toBe(earlier);
    expect(isWorkingDay(day)).toBe(true);
  });
});
