import {
  DEFAULT_POLICY,
  deriveEffectiveReleaseDate,
  earliestReleaseDate,
  effectiveReleaseDate,
  explainEffectiveReleaseDate,
  loadPolicyVersion,
  PolicyValidationError,
  type ReleaseFacts,
} from '@ttg/policy';
import { policyWith } from './fixtures';

/** A determinate sentence that started long before release: both steps apply. */
const determinate: ReleaseFacts = { sentenceType: 'DETERMINATE', sentenceStartDate: '2020-01-06' };

describe('earliest release date', () => {
  it('is the parole eligibility date where there is one, even when another date is earlier', () => {
    expect(earliestReleaseDate({ paroleEligibilityDate: '2027-01-10', conditionalReleaseDate: '2026-08-07' })).toEqual({ date: '2027-01-10', source: 'PAROLE_ELIGIBILITY_DATE' });
  });
  it('is otherwise the earlier of the automatic and conditional release dates', () => {
    expect(earliestReleaseDate({ automaticReleaseDate: '2026-08-10', conditionalReleaseDate: '2026-08-07' })).toEqual({ date: '2026-08-07', source: 'CONDITIONAL_RELEASE_DATE' });
    expect(earliestReleaseDate({ automaticReleaseDate: '2026-08-06', conditionalReleaseDate: '2026-08-07' })).toEqual({ date: '2026-08-06', source: 'AUTOMATIC_RELEASE_DATE' });
    expect(earliestReleaseDate({ automaticReleaseDate: '2026-08-06', conditionalReleaseDate: null })).toEqual({ date: '2026-08-06', source: 'AUTOMATIC_RELEASE_DATE' });
  });
  it('refuses sentence facts with no release date at all', () => {
    expect(() => earliestReleaseDate({})).toThrow(PolicyValidationError);
  });
});

describe('effective release date, step 1 (statute: back to the preceding working day)', () => {
  const noDayOfReleaseRule: ReleaseFacts = { ...determinate, homeDetentionCurfew: true };
  it.each([
    ['2026-08-05', '2026-08-05'], // Wednesday: unchanged
    ['2026-08-08', '2026-08-07'], // Saturday
    ['2026-08-09', '2026-08-07'], // Sunday
    ['2026-12-25', '2026-12-24'], // Christmas
    ['2026-12-28', '2026-12-24'], // Boxing Day substitute
    ['2022-12-27', '2022-12-23'], // Christmas substitute
    ['2027-12-28', '2027-12-24'],
    ['2022-06-03', '2022-06-01'], // Platinum Jubilee (and 06-02)
    ['2022-09-19', '2022-09-16'], // State funeral
    ['2023-05-08', '2023-05-05'], // Coronation
    ['2026-04-06', '2026-04-02'], // Easter Monday, Good Friday before it
  ])('%s → %s', (date, expected) => {
    expect(effectiveReleaseDate(date, noDayOfReleaseRule)).toBe(expected);
  });

  it('keeps a Saturday release for a term of 5 days or less, but not 6', () => {
    const short = { ...determinate, sentenceStartDate: '2026-08-03' };
    expect(effectiveReleaseDate('2026-08-08', { ...short, termDays: 4 })).toBe('2026-08-08');
    expect(effectiveReleaseDate('2026-08-08', { ...short, termDays: 5 })).toBe('2026-08-08');
    expect(effectiveReleaseDate('2026-08-08', { ...short, termDays: 6 })).toBe('2026-08-07');
    expect(effectiveReleaseDate('2026-08-08', short)).toBe('2026-08-07');
  });

  it('moves a Sunday release even for a short term', () => {
    expect(effectiveReleaseDate('2026-08-09', { ...determinate, sentenceStartDate: '2026-08-06', termDays: 3 })).toBe('2026-08-07');
  });
});

describe('effective release date, step 2 (no release before a non-working day)', () => {
  it('example: Saturday 2026-12-26 → Thursday 24th → Wednesday 23rd', () => {
    expect(deriveEffectiveReleaseDate('2026-12-26', determinate)).toEqual({
      releaseDate: '2026-12-26',
      statute: 'MOVED_TO_PRECEDING_WORKING_DAY',
      afterStatute: '2026-12-24',
      dayOfRelease: 'APPLIED',
      effective: '2026-12-23',
    });
  });

  it.each([
    ['2026-08-07', '2026-08-06'], // Friday → Thursday
    ['2026-08-06', '2026-08-06'], // Thursday: not before a non-working day
    ['2026-04-02', '2026-04-01'], // Thursday before Good Friday
    ['2026-04-06', '2026-04-01'], // Easter Monday → Thursday → Wednesday
    ['2026-05-22', '2026-05-21'], // Friday before the spring bank holiday
    ['2026-05-25', '2026-05-21'], // the spring bank holiday itself
    ['2027-12-25', '2027-12-23'], // Saturday → Friday 24th → Thursday
    ['2027-12-27', '2027-12-23'],
    ['2026-12-31', '2026-12-30'], // Thursday before New Year's Day
    ['2026-12-24', '2026-12-23'],
  ])('%s → %s', (date, expected) => {
    expect(effectiveReleaseDate(date, determinate)).toBe(expected);
  });

  it('applies to release dates from 2023-11-30 only', () => {
    expect(effectiveReleaseDate('2023-11-24', determinate)).toBe('2023-11-24'); // Friday before the rule started
    expect(effectiveReleaseDate('2023-12-01', determinate)).toBe('2023-11-30'); // first Friday under the rule
    expect(effectiveReleaseDate('2022-06-03', determinate)).toBe('2022-06-01'); // step 1 only, although 06-01 precedes a holiday
    expect(effectiveReleaseDate('2022-12-27', determinate)).toBe('2022-12-23');
  });

  it('starts on the policy date: the day before, on and after the start date', () => {
    const from = (date: string) => loadPolicyVersion(policyWith(`dor-${date}`, (d) => {
      (d.figures.releaseDay as Record<string, unknown>).dayOfReleaseRuleFrom = date;
    }));
    expect(effectiveReleaseDate('2026-08-07', determinate, from('2026-08-06'))).toBe('2026-08-06');
    expect(effectiveReleaseDate('2026-08-07', determinate, from('2026-08-07'))).toBe('2026-08-06');
    expect(effectiveReleaseDate('2026-08-07', determinate, from('2026-08-08'))).toBe('2026-08-07');
  });

  it('needs at least 28 days served from the sentence date to release', () => {
    expect(effectiveReleaseDate('2026-08-07', { ...determinate, sentenceStartDate: '2026-07-11' })).toBe('2026-08-07'); // 27 days
    expect(effectiveReleaseDate('2026-08-07', { ...determinate, sentenceStartDate: '2026-07-10' })).toBe('2026-08-06'); // 28 days
    expect(effectiveReleaseDate('2026-08-07', { ...determinate, sentenceStartDate: '2026-07-09' })).toBe('2026-08-06'); // 29 days
    expect(deriveEffectiveReleaseDate('2026-08-07', { ...determinate, sentenceStartDate: '2026-07-11' }).dayOfRelease).toBe('TOO_FEW_DAYS_SERVED');
  });

  it.each([
    [{ ...determinate, sentenceType: 'INDETERMINATE' as const }, 'INDETERMINATE_SENTENCE'],
    [{ ...determinate, paroleDirected: true }, 'PAROLE_DIRECTED'],
    [{ ...determinate, homeDetentionCurfew: true }, 'HOME_DETENTION_CURFEW'],
  ])('does not apply: %o (%s), though step 1 still does', (facts, reason) => {
    expect(deriveEffectiveReleaseDate('2026-12-26', facts)).toMatchObject({ afterStatute: '2026-12-24', dayOfRelease: reason, effective: '2026-12-24' });
  });

  it('never moves a release to a day that is itself followed by a non-working day', () => {
    // Good Friday → step 1: Thursday 04-02, followed by Good Friday → step 2: Wednesday 04-01.
    expect(effectiveReleaseDate('2026-04-03', determinate)).toBe('2026-04-01');
  });
});

describe('explaining the release date', () => {
  it('names both steps in plain English', () => {
    const e = explainEffectiveReleaseDate(deriveEffectiveReleaseDate('2026-12-26', determinate), DEFAULT_POLICY);
    expect(e.rule).toBe('RELEASE_DAY_OF_RELEASE_RULE');
    expect(e.text).toBe(
      'The release date Saturday 2026-12-26 is not a working day, so by statute (Criminal Justice Act 1961 s.23) release moves back to the preceding working day, Thursday 2026-12-24. ' +
        'Thursday 2026-12-24 is followed by a non-working day, so under the Offenders (Day of Release from Detention) Act 2023 the person is released on the preceding working day not itself followed by a non-working day, Wednesday 2026-12-23.',
    );
  });

  it('says why the day-of-release rule was not applied', () => {
    const e = explainEffectiveReleaseDate(deriveEffectiveReleaseDate('2026-08-07', { ...determinate, paroleDirected: true }));
    expect(e.rule).toBe('RELEASE_ON_RELEASE_DATE');
    expect(e.text).toContain('not applied: it does not apply to release directed by the Parole Board');
  });

  it('has a rule for a Saturday kept for a short term', () => {
    const e = explainEffectiveReleaseDate(deriveEffectiveReleaseDate('2026-08-08', { ...determinate, sentenceStartDate: '2026-08-04', termDays: 4 }));
    expect(e.rule).toBe('RELEASE_SATURDAY_KEPT_SHORT_TERM');
  });
});
