import { decideHandover, explainHandover, type HandoverDecision, type HandoverFacts } from '@ttg/policy';

const base: HandoverFacts = {
  sentenceType: 'DETERMINATE',
  sentenceStartDate: '2025-03-01',
  earliestReleaseDate: '2026-06-10',
  hasParoleEligibilityDate: false,
  earlyAllocation: false,
};

describe('handover rules, in order', () => {
  // Each rule that sets a handover date, with the facts that differ from `base`.
  it.each<[string, Partial<HandoverFacts>, Pick<HandoverDecision, 'rule' | 'ruleNumber' | 'handoverDate'>]>([
    ['worked example (rule 5): start 2025-03-01, ERD 2026-06-10 → 2025-09-26', {}, { rule: 'DETERMINATE_STANDARD', ruleNumber: 5, handoverDate: '2025-09-26' }],
    ['rule 1: early allocation, ERD − 15 months', { earliestReleaseDate: '2027-06-10', earlyAllocation: true }, { rule: 'EARLY_ALLOCATION', ruleNumber: 1, handoverDate: '2026-03-10' }],
    [
      'rule 2: indeterminate, ERD (the parole eligibility date) − 12 months',
      { sentenceType: 'INDETERMINATE', sentenceStartDate: '2020-01-01', earliestReleaseDate: '2030-06-10', hasParoleEligibilityDate: true },
      { rule: 'INDETERMINATE', ruleNumber: 2, handoverDate: '2029-06-10' },
    ],
    [
      'rule 4: determinate with parole eligibility, ERD − 12 months',
      { sentenceStartDate: '2024-01-01', earliestReleaseDate: '2028-06-10', hasParoleEligibilityDate: true },
      { rule: 'DETERMINATE_PAROLE_ELIGIBLE', ruleNumber: 4, handoverDate: '2027-06-10' },
    ],
  ])('%s', (_name, facts, decision) => {
    expect(decideHandover({ ...base, ...facts })).toEqual({ ...decision, comResponsibleFromStart: false });
  });

  it('rule 1 comes before rule 3 (a short high-profile sentence still has a handover date)', () => {
    expect(decideHandover({ ...base, sentenceStartDate: '2026-01-05', earliestReleaseDate: '2026-08-07', earlyAllocation: true }).handoverDate).toBe('2025-05-07');
  });

  it('rule 2 applies to an indeterminate sentence however short the time to ERD', () => {
    expect(decideHandover({ ...base, sentenceType: 'INDETERMINATE', earliestReleaseDate: '2025-12-01', hasParoleEligibilityDate: true }).rule).toBe('INDETERMINATE');
  });

  describe('rule 3: determinate, sentence start + 10 months on or after ERD → COM responsible from the start', () => {
    // 2025-03-01 + 10 months = 2026-01-01
    it.each([
      ['2025-12-31', 'COM_RESPONSIBLE_FROM_START'], // start + 10 months is after ERD
      ['2026-01-01', 'COM_RESPONSIBLE_FROM_START'], // on ERD
      ['2026-01-02', 'DETERMINATE_STANDARD'], // the day after: rule 5
    ])('ERD %s → %s', (erd, rule) => {
      expect(decideHandover({ ...base, earliestReleaseDate: erd }).rule).toBe(rule);
    });

    it('has no handover date', () => {
      expect(decideHandover({ ...base, earliestReleaseDate: '2026-01-01' })).toEqual({ rule: 'COM_RESPONSIBLE_FROM_START', ruleNumber: 3, handoverDate: null, comResponsibleFromStart: true });
    });

    it('gives way to rule 5 the day after, with its own date', () => {
      expect(decideHandover({ ...base, earliestReleaseDate: '2026-01-02' }).handoverDate).toBe('2025-04-18');
    });

    it('also covers a determinate sentence with parole eligibility', () => {
      expect(decideHandover({ ...base, earliestReleaseDate: '2025-11-01', hasParoleEligibilityDate: true }).rule).toBe('COM_RESPONSIBLE_FROM_START');
    });
  });

  it.each([
    ['2024-10-31', '2024-02-15'], // − 8 months clamps to 2024-02-29 (leap year), − 14 days
    ['2025-10-31', '2025-02-14'], // − 8 months clamps to 2025-02-28
    ['2026-12-26', '2026-04-12'], // never moved off a non-working day (Sunday)
  ])('rule 5: ERD %s → %s (ERD − 8 months − 14 days, months first)', (erd, handover) => {
    expect(decideHandover({ ...base, sentenceStartDate: '2020-01-01', earliestReleaseDate: erd }).handoverDate).toBe(handover);
  });
});

describe('explaining the handover', () => {
  it('names the rule and its dates', () => {
    const decision = decideHandover(base);
    expect(explainHandover(decision, base)).toEqual({
      rule: 'HANDOVER_RULE_5_DETERMINATE_STANDARD',
      text: 'Handover rule 5 (determinate sentence): 8 months and 14 days before the earliest release date 2026-06-10, 2025-09-26. A handover date is not moved off a non-working day.',
    });
  });

  it('explains the COM-responsible-from-start case', () => {
    const facts = { ...base, earliestReleaseDate: '2026-01-01' };
    const e = explainHandover(decideHandover(facts), facts);
    expect(e.rule).toBe('HANDOVER_RULE_3_COM_RESPONSIBLE_FROM_START');
    expect(e.text).toContain('and 10 months later (2026-01-01) is on or after the earliest release date 2026-01-01, so there is no handover');
  });
});
