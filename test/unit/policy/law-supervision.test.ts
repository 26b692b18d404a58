import {
  decideSupervisionEnd,
  DEFAULT_POLICY,
  explainKeyDates,
  loadPolicyVersion,
  moveByUnlawfullyAtLarge,
  PolicyValidationError,
  supervisionEnd,
  type SupervisionFacts,
  type TimelineInput,
} from '@ttg/policy';
import { CONTRACT_INPUT, LIFE_SENTENCE, policyWith } from './fixtures';

const determinate = (sentenceLengthMonths: number, more: Partial<SupervisionFacts> = {}): SupervisionFacts => ({ sentenceType: 'DETERMINATE', sentenceLengthMonths, ...more });

describe('supervision end from the law', () => {
  it.each<[string, SupervisionFacts, string | null, string]>([
    ['under 2 years: 12 months from release', determinate(23), '2027-08-06', 'UNDER_2_YEARS_MONTHS_FROM_RELEASE'],
    ['exactly 24 months is 2 years or more: the licence expiry date', determinate(24, { licenceExpiryDate: '2028-01-04', sentenceExpiryDate: '2028-01-04' }), '2028-01-04', 'LICENCE_EXPIRY'],
    ['2 years or more, no licence expiry: the sentence expiry date', determinate(24, { sentenceExpiryDate: '2028-01-05' }), '2028-01-05', 'SENTENCE_EXPIRY'],
    ['2 years or more, nothing known: an estimate of 12 months from release', determinate(24), '2027-08-06', 'ESTIMATE_MONTHS_FROM_RELEASE'],
    ['licence and top-up expiry: the later, top-up', determinate(14, { licenceExpiryDate: '2027-03-04', topUpSupervisionExpiryDate: '2027-08-07' }), '2027-08-07', 'LATER_OF_LICENCE_AND_TOP_UP_EXPIRY'],
    ['licence and top-up expiry: the later, licence', determinate(14, { licenceExpiryDate: '2027-09-01', topUpSupervisionExpiryDate: '2027-08-07' }), '2027-09-01', 'LATER_OF_LICENCE_AND_TOP_UP_EXPIRY'],
    ['top-up expiry alone', determinate(14, { topUpSupervisionExpiryDate: '2027-08-07' }), '2027-08-07', 'LATER_OF_LICENCE_AND_TOP_UP_EXPIRY'],
    ['under 2 years with a licence expiry only: 12 months from release is later', determinate(14, { licenceExpiryDate: '2027-03-04' }), '2027-08-06', 'UNDER_2_YEARS_MONTHS_FROM_RELEASE'],
    ['indeterminate: no fixed end', { sentenceType: 'INDETERMINATE' }, null, 'INDETERMINATE_NO_FIXED_END'],
  ])('%s', (_name, facts, date, rule) => {
    expect(decideSupervisionEnd(facts, '2026-08-06')).toEqual({ date, rule });
  });

  it('works from the actual release date: a later release moves the 12 months, not a licence expiry date', () => {
    expect(supervisionEnd(determinate(14), '2026-09-01')).toBe('2027-09-01');
    expect(supervisionEnd(determinate(30, { licenceExpiryDate: '2028-07-04' }), '2026-09-01')).toBe('2028-07-04');
    expect(supervisionEnd(determinate(30, { licenceExpiryDate: '2028-07-04' }), '2027-02-01')).toBe('2028-07-04'); // re-release after recall
  });

  it('12 months from 29 February is clamped to the end of February, and never moved off a weekend', () => {
    expect(supervisionEnd(determinate(6), '2028-02-29')).toBe('2029-02-28');
    expect(supervisionEnd(determinate(6), '2025-06-06')).toBe('2026-06-06'); // a Saturday, kept
  });

  it('takes the figures from the policy version', () => {
    const policy = loadPolicyVersion(policyWith('longer', (d) => (d.figures.supervisionLicenceOnlyFromMonths = 36)));
    expect(decideSupervisionEnd(determinate(30), '2026-08-06', policy).rule).toBe('UNDER_2_YEARS_MONTHS_FROM_RELEASE');
    expect(decideSupervisionEnd(determinate(30), '2026-08-06').rule).toBe('ESTIMATE_MONTHS_FROM_RELEASE');
  });

  it('a policy version stored before the figure existed takes the law\'s 24 months', () => {
    const old = loadPolicyVersion(policyWith('old', (d) => delete d.figures.supervisionLicenceOnlyFromMonths));
    expect(old.figures.supervisionLicenceOnlyFromMonths).toBe(24);
    expect(DEFAULT_POLICY.figures.supervisionLicenceOnlyFromMonths).toBe(24);
  });
});

describe('key dates name the supervision rule used', () => {
  const explained = (more: Partial<TimelineInput>) => explainKeyDates({ ...CONTRACT_INPUT, ...more });

  it('the contract example: under 2 years', () => {
    expect(explained({}).explanations.supervisionEndDate).toEqual({
      rule: 'SUPERVISION_UNDER_2_YEARS_MONTHS_FROM_RELEASE',
      text: 'A sentence under 24 months is supervised for 12 months from release on 2026-08-06 (on licence, then top-up supervision): 2027-08-06. The supervision end date is not moved off a non-working day.',
    });
  });

  it('2 years or more without a licence expiry date says it is an estimate', () => {
    const { keyDates, explanations } = explained({ sentenceLengthMonths: 24 });
    expect(keyDates.supervisionEndDate).toBe('2027-08-06');
    expect(explanations.supervisionEndDate.rule).toBe('SUPERVISION_ESTIMATE_MONTHS_FROM_RELEASE');
    expect(explanations.supervisionEndDate.text).toContain('An estimate');
  });

  it('2 years or more with a licence expiry date: that date', () => {
    const { keyDates, explanations } = explained({ sentenceLengthMonths: 24, licenceExpiryDate: '2027-12-31', sentenceExpiryDate: '2028-01-04' });
    expect(keyDates.supervisionEndDate).toBe('2027-12-31');
    expect(explanations.supervisionEndDate).toEqual({
      rule: 'SUPERVISION_LICENCE_EXPIRY',
      text: 'Supervision is on licence to the licence expiry date 2027-12-31. The supervision end date is not moved off a non-working day.',
    });
  });

  it('licence and top-up expiry dates: the later of them', () => {
    const { keyDates, explanations } = explained({ licenceExpiryDate: '2027-03-04', topUpSupervisionExpiryDate: '2027-08-07' });
    expect(keyDates.supervisionEndDate).toBe('2027-08-07');
    expect(explanations.supervisionEndDate.text).toBe(
      'Supervision ends at the later of the licence expiry date 2027-03-04 and the top-up supervision expiry date 2027-08-07: 2027-08-07. The supervision end date is not moved off a non-working day.',
    );
  });

  it('indeterminate: null, with the reason', () => {
    const { keyDates, explanations } = explainKeyDates({ ...LIFE_SENTENCE, tariffDate: '2027-03-10' });
    expect(keyDates.supervisionEndDate).toBeNull();
    expect(explanations.supervisionEndDate).toEqual({
      rule: 'SUPERVISION_INDETERMINATE_NO_FIXED_END',
      text: 'An indeterminate sentence is supervised on a life or IPP licence with no fixed end, so there is no supervision end date.',
    });
  });
});

describe('moveByUnlawfullyAtLarge', () => {
  const ends = { sentenceExpiryDate: '2027-03-04', licenceExpiryDate: '2027-03-04', topUpSupervisionExpiryDate: null, supervisionEndDate: '2027-08-06' };

  it('moves every known end date later by the days unlawfully at large; unknown dates stay unknown', () => {
    expect(moveByUnlawfullyAtLarge(ends, 30)).toEqual({ sentenceExpiryDate: '2027-04-03', licenceExpiryDate: '2027-04-03', topUpSupervisionExpiryDate: null, supervisionEndDate: '2027-09-05' });
    expect(moveByUnlawfullyAtLarge(ends, 0)).toEqual(ends);
    expect(ends.licenceExpiryDate).toBe('2027-03-04'); // the input is not changed
  });

  it.each([-1, 1.5])('refuses %p days', (days) => {
    expect(() => moveByUnlawfullyAtLarge(ends, days)).toThrow(PolicyValidationError);
  });
});
