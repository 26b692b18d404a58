import { parseTimelineInput, PolicyValidationError, type ValidationIssue } from '@ttg/policy';
import { thrown } from '../../support/examples';
import { CONTRACT_INPUT } from './fixtures';

const failure = (raw: unknown): PolicyValidationError => thrown(PolicyValidationError, () => parseTimelineInput(raw));

const issue = (raw: unknown): ValidationIssue => {
  const e = failure(raw);
  return { field: e.field, reason: e.reason };
};

describe('parseTimelineInput', () => {
  it('accepts the contract example unchanged', () => {
    expect(parseTimelineInput(CONTRACT_INPUT)).toEqual(CONTRACT_INPUT);
  });

  it('accepts the optional extensions', () => {
    const input = { ...CONTRACT_INPUT, homeDetentionCurfew: true, sentenceLengthDays: 420 };
    expect(parseTimelineInput(input)).toEqual(input);
  });

  it('normalises receptionAt to UTC without milliseconds', () => {
    expect(parseTimelineInput({ ...CONTRACT_INPUT, receptionAt: '2026-01-05T16:00:00.000+01:00' }).receptionAt).toBe('2026-01-05T15:00:00Z');
  });

  it('gives a message naming the field', () => {
    expect(failure({ ...CONTRACT_INPUT, sentenceLengthMonths: 14.5 }).message).toBe('sentenceLengthMonths: must be a whole number from 0 to 1200');
  });

  it.each([
    [{ ...CONTRACT_INPUT, sentenceLengthMonths: -1 }, 'sentenceLengthMonths', 'must be a whole number from 0 to 1200'],
    [{ ...CONTRACT_INPUT, sentenceLengthMonths: 1201 }, 'sentenceLengthMonths', 'must be a whole number from 0 to 1200'],
    [{ ...CONTRACT_INPUT, sentenceLengthMonths: '14' }, 'sentenceLengthMonths', 'must be a whole number from 0 to 1200'],
    [{ ...CONTRACT_INPUT, sentenceType: 'LIFE' }, 'sentenceType', 'must be one of DETERMINATE, INDETERMINATE'],
    [{ ...CONTRACT_INPUT, offenceCategory: 'FRAUD' }, 'offenceCategory', 'must be one of VIOLENT, SEXUAL, OTHER'],
    [{ ...CONTRACT_INPUT, receptionAt: '2026-01-05' }, 'receptionAt', 'must be an ISO 8601 instant with a time zone, e.g. 2026-01-05T15:00:00Z'],
    [{ ...CONTRACT_INPUT, receptionAt: '2026-01-05T15:00:00' }, 'receptionAt', 'must be an ISO 8601 instant with a time zone, e.g. 2026-01-05T15:00:00Z'],
    [{ ...CONTRACT_INPUT, receptionAt: 1767625200000 }, 'receptionAt', 'must be an ISO 8601 instant, e.g. 2026-01-05T15:00:00Z'],
    [{ ...CONTRACT_INPUT, sentenceStartDate: '2026-02-29' }, 'sentenceStartDate', 'must be a real calendar date YYYY-MM-DD'],
    [{ ...CONTRACT_INPUT, conditionalReleaseDate: '2026-8-7' }, 'conditionalReleaseDate', 'must be a real calendar date YYYY-MM-DD'],
    [{ ...CONTRACT_INPUT, automaticReleaseDate: '2026-04-31' }, 'automaticReleaseDate', 'must be a real calendar date YYYY-MM-DD'],
    [{ ...CONTRACT_INPUT, earlyAllocation: 'no' }, 'earlyAllocation', 'must be true or false'],
    [{ ...CONTRACT_INPUT, sentenceLengthDays: -3 }, 'sentenceLengthDays', 'must be a whole number from 0 to 36600'],
    [{ ...CONTRACT_INPUT, prisonNumber: 'A1234BC' }, 'prisonNumber', 'is not a known field'],
    [{ ...CONTRACT_INPUT, offenceCategory: undefined }, 'offenceCategory', 'is required'],
    ['not an object', '(input)', 'must be a JSON object'],
    [null, '(input)', 'must be a JSON object'],
  ])('rejects %o: %s %s', (raw, field, reason) => {
    expect(issue(raw)).toEqual({ field, reason });
  });

  it('accepts 2024-02-29 (a leap day) and the bounds of the sentence length', () => {
    expect(parseTimelineInput({ ...CONTRACT_INPUT, sentenceStartDate: '2024-02-29', receptionAt: '2024-02-29T10:00:00Z' }).sentenceStartDate).toBe('2024-02-29');
    expect(parseTimelineInput({ ...CONTRACT_INPUT, sentenceLengthMonths: 0 }).sentenceLengthMonths).toBe(0);
    expect(parseTimelineInput({ ...CONTRACT_INPUT, sentenceLengthMonths: 1200 }).sentenceLengthMonths).toBe(1200);
  });

  describe('impossible combinations', () => {
    it.each([
      ['conditionalReleaseDate', { conditionalReleaseDate: '2026-01-04' }],
      ['automaticReleaseDate', { automaticReleaseDate: '2026-01-04' }],
      ['paroleEligibilityDate', { paroleEligibilityDate: '2026-01-04' }],
    ])('%s the day before the sentence start is refused', (field, change) => {
      expect(issue({ ...CONTRACT_INPUT, ...change })).toEqual({ field, reason: 'must not be before sentenceStartDate (2026-01-05)' });
    });

    it('a release date on the sentence start date is accepted', () => {
      expect(parseTimelineInput({ ...CONTRACT_INPUT, conditionalReleaseDate: '2026-01-05' }).conditionalReleaseDate).toBe('2026-01-05');
    });

    it('an INDETERMINATE sentence needs a parole eligibility date', () => {
      expect(issue({ ...CONTRACT_INPUT, sentenceType: 'INDETERMINATE' })).toEqual({ field: 'paroleEligibilityDate', reason: 'is required for an INDETERMINATE sentence' });
    });

    it('a DETERMINATE sentence needs a release date', () => {
      expect(issue({ ...CONTRACT_INPUT, conditionalReleaseDate: null })).toEqual({
        field: 'conditionalReleaseDate',
        reason: 'is needed for a DETERMINATE sentence, unless automaticReleaseDate or paroleEligibilityDate is given',
      });
    });
  });

  it('lists every problem in issues, the first one in the message', () => {
    const e = failure({ ...CONTRACT_INPUT, sentenceType: 'LIFE', sentenceLengthMonths: -1, colour: 'blue' });
    expect(e.issues).toEqual([
      { field: 'sentenceType', reason: 'must be one of DETERMINATE, INDETERMINATE' },
      { field: 'sentenceLengthMonths', reason: 'must be a whole number from 0 to 1200' },
      { field: 'colour', reason: 'is not a known field' },
    ]);
    expect(e.message).toBe('sentenceType: must be one of DETERMINATE, INDETERMINATE');
    expect(e.name).toBe('PolicyValidationError');
  });

  it('lists every missing field of an empty object', () => {
    expect(failure({}).issues.map((i) => i.field)).toEqual(['receptionAt', 'sentenceStartDate', 'sentenceType', 'sentenceLengthMonths', 'offenceCategory']);
  });
});
