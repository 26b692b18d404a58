import { computeKeyDates, parseTimelineInput, PolicyValidationError, type TimelineInput, type ValidationIssue } from '@ttg/policy';
import { CONTRACT_INPUT, CONTRACT_OUTPUT, LIFE_SENTENCE } from './fixtures';

function problems(raw: unknown): ValidationIssue[] {
  try {
    parseTimelineInput(raw);
  } catch (err) {
    if (err instanceof PolicyValidationError) return err.issues;
    throw err;
  }
  throw new Error('expected a PolicyValidationError');
}

/** The contract example with every sentence fact of the law, consistent: 14 months, CRD Friday 2026-08-07. */
const WITH_FACTS: TimelineInput = {
  ...CONTRACT_INPUT,
  sentenceExpiryDate: '2027-03-04',
  licenceExpiryDate: '2027-03-04',
  topUpSupervisionExpiryDate: '2027-08-07',
  hdcEligibilityDate: '2026-06-07',
  hdcApprovedDate: null,
  tariffDate: null,
};

const INDETERMINATE: TimelineInput = { ...LIFE_SENTENCE, tariffDate: '2027-01-29' };

describe('the contract example is unchanged by the new facts', () => {
  it('gives exactly the contract output with every new fact null', () => {
    const allNull = { ...CONTRACT_INPUT, sentenceExpiryDate: null, licenceExpiryDate: null, topUpSupervisionExpiryDate: null, hdcEligibilityDate: null, hdcApprovedDate: null, tariffDate: null };
    expect(computeKeyDates(allNull)).toEqual(CONTRACT_OUTPUT);
  });

  it('accepts the six dates when they agree, and keeps them', () => {
    expect(parseTimelineInput(WITH_FACTS)).toEqual(WITH_FACTS);
  });
});

describe('sentence facts that contradict each other: a problem naming the field and the rule', () => {
  it.each<[string, Partial<TimelineInput>, ValidationIssue[]]>([
    ['licence expiry before release', { licenceExpiryDate: '2026-08-06' }, [{ field: 'licenceExpiryDate', reason: 'must be on or after the conditional release date (2026-08-07)' }]],
    ['licence expiry after sentence expiry', { licenceExpiryDate: '2027-03-05' }, [{ field: 'licenceExpiryDate', reason: 'must be on or before the sentence expiry date (2027-03-04)' }]],
    ['HDC approved after the conditional release date', { hdcApprovedDate: '2026-08-08' }, [{ field: 'hdcApprovedDate', reason: 'must be on or before the conditional release date (2026-08-07)' }]],
    ['HDC approved before the HDC eligibility date', { hdcApprovedDate: '2026-06-06' }, [{ field: 'hdcApprovedDate', reason: 'must be on or after the HDC eligibility date (2026-06-07)' }]],
    ['HDC eligibility after the conditional release date', { hdcEligibilityDate: '2026-08-08' }, [{ field: 'hdcEligibilityDate', reason: 'must be on or before the conditional release date (2026-08-07)' }]],
    ['top-up expiry before licence expiry', { topUpSupervisionExpiryDate: '2027-03-03' }, [{ field: 'topUpSupervisionExpiryDate', reason: 'must be on or after the licence expiry date (2027-03-04)' }]],
    ['a tariff date on a determinate sentence', { tariffDate: '2030-01-01' }, [{ field: 'tariffDate', reason: 'applies only to an INDETERMINATE sentence' }]],
    [
      'top-up supervision on a sentence of 2 years or more',
      { sentenceLengthMonths: 24 },
      [{ field: 'topUpSupervisionExpiryDate', reason: 'applies only to a sentence under 24 months (top-up supervision)' }],
    ],
    [
      'HDC approved but the flag says no HDC',
      { hdcApprovedDate: '2026-06-10', homeDetentionCurfew: false },
      [{ field: 'homeDetentionCurfew', reason: 'must not be false when an HDC approved date is given (leave the HDC approved date out if HDC was refused or revoked)' }],
    ],
  ])('%s', (_name, change, expected) => {
    expect(problems({ ...WITH_FACTS, ...change })).toEqual(expected);
  });

  it('sentence expiry before sentence start: every date it contradicts, in the order of the fields', () => {
    expect(problems({ ...CONTRACT_INPUT, sentenceExpiryDate: '2026-01-04' })).toEqual([
      { field: 'conditionalReleaseDate', reason: 'must be on or before the sentence expiry date (2026-01-04)' },
      { field: 'sentenceExpiryDate', reason: 'must be on or after the sentence start date (2026-01-05)' },
    ]);
  });

  it('the boundary dates themselves are accepted: licence expiry on the release date, HDC approved on the CRD and on the HDCED', () => {
    expect(() => parseTimelineInput({ ...CONTRACT_INPUT, licenceExpiryDate: '2026-08-07', sentenceExpiryDate: '2026-08-07' })).not.toThrow();
    expect(() => parseTimelineInput({ ...WITH_FACTS, hdcApprovedDate: '2026-08-07' })).not.toThrow();
    expect(() => parseTimelineInput({ ...WITH_FACTS, hdcApprovedDate: '2026-06-07' })).not.toThrow();
    expect(() => parseTimelineInput({ ...WITH_FACTS, topUpSupervisionExpiryDate: '2027-03-04' })).not.toThrow();
  });

  it('determinate-only facts on an indeterminate sentence are refused', () => {
    expect(problems({ ...INDETERMINATE, licenceExpiryDate: '2030-01-01', hdcApprovedDate: '2026-06-10' })).toEqual([
      { field: 'licenceExpiryDate', reason: 'applies only to a DETERMINATE sentence' },
      { field: 'hdcApprovedDate', reason: 'applies only to a DETERMINATE sentence' },
    ]);
  });

  it('a tariff date before the sentence start is refused', () => {
    expect(problems({ ...INDETERMINATE, tariffDate: '2016-01-31' })).toEqual([{ field: 'tariffDate', reason: 'must be on or after the sentence start date (2016-02-01)' }]);
  });

  it('a malformed fact names the field', () => {
    expect(problems({ ...CONTRACT_INPUT, licenceExpiryDate: '2027-02-30' })).toEqual([{ field: 'licenceExpiryDate', reason: 'must be a real calendar date YYYY-MM-DD' }]);
  });
});

describe('the sentence length', () => {
  it('an indeterminate sentence needs none, and a tariff date is enough', () => {
    expect(parseTimelineInput(INDETERMINATE)).toEqual(INDETERMINATE);
  });

  it('a determinate sentence still needs one', () => {
    const { sentenceLengthMonths: _, ...noLength } = CONTRACT_INPUT;
    expect(problems(noLength)).toEqual([{ field: 'sentenceLengthMonths', reason: 'is required for a DETERMINATE sentence' }]);
  });

  it('an indeterminate sentence without a tariff or parole eligibility date is still refused', () => {
    expect(problems({ ...INDETERMINATE, tariffDate: null })).toEqual([{ field: 'paroleEligibilityDate', reason: 'is required for an INDETERMINATE sentence' }]);
  });

  it('an indeterminate sentence counts as 12 months or more for the victim contact scheme', () => {
    expect(computeKeyDates({ ...INDETERMINATE, offenceCategory: 'VIOLENT' }).victimContactEligible).toBe(true);
    expect(computeKeyDates({ ...INDETERMINATE, offenceCategory: 'OTHER' }).victimContactEligible).toBe(false);
  });
});
