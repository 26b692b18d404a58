import {
  CalendarOutOfRangeError,
  computeKeyDates,
  DEFAULT_POLICY,
  explainKeyDates,
  loadPolicyVersion,
  PolicyValidationError,
  type TimelineInput,
} from '@ttg/policy';
import { CONTRACT_INPUT, CONTRACT_OUTPUT, policyWith } from './fixtures';

describe('computeKeyDates', () => {
  it('gives exactly the contract example output, in the contract order', () => {
    const out = computeKeyDates(CONTRACT_INPUT);
    expect(out).toEqual(CONTRACT_OUTPUT);
    expect(Object.keys(out)).toEqual(Object.keys(CONTRACT_OUTPUT));
    expect(JSON.stringify(out)).toBe(JSON.stringify(CONTRACT_OUTPUT));
  });

  it('gives the same output for the contract input with the optional fields left out', () => {
    const { automaticReleaseDate: _a, paroleEligibilityDate: _p, earlyAllocation: _e, ...minimal } = CONTRACT_INPUT;
    expect(computeKeyDates(minimal)).toEqual(CONTRACT_OUTPUT);
  });

  it('reports the policy version it used', () => {
    const policy = loadPolicyVersion(policyWith('test-version-2', () => undefined));
    expect(computeKeyDates(CONTRACT_INPUT, policy).policyVersion).toBe('test-version-2');
  });

  it('uses the figures of the policy version it is given', () => {
    const policy = loadPolicyVersion(policyWith('test-dtr-28', (d) => {
      d.figures.dutyToReferDaysBeforeRelease = 28;
      d.figures.custodyScreeningHours = 48;
    }));
    const out = computeKeyDates(CONTRACT_INPUT, policy);
    expect(out.dutyToReferDue).toBe('2026-07-09');
    expect(out.custodyScreeningDueAt).toBe('2026-01-07T15:00:00Z');
  });

  it('a rule 5 case: handover date, prison responsible until then', () => {
    const out = computeKeyDates({ ...CONTRACT_INPUT, receptionAt: '2025-03-01T10:00:00Z', sentenceStartDate: '2025-03-01', sentenceLengthMonths: 30, conditionalReleaseDate: '2026-06-10' });
    expect(out).toEqual({
      policyVersion: DEFAULT_POLICY.id,
      earliestReleaseDate: '2026-06-10',
      releaseDate: '2026-06-10', // Wednesday
      custodyScreeningDueAt: '2025-03-04T10:00:00Z',
      dutyToReferDue: '2026-04-15',
      preReleaseReviewOpens: '2026-03-18',
      preReleaseReviewDue: '2026-04-15',
      handoverDate: '2025-09-26',
      comResponsibleFromStart: false,
      firstAppointmentDue: '2026-06-11',
      supervisionEndDate: '2027-06-10',
      victimContactEligible: true,
    });
  });

  it('an indeterminate sentence: release on the parole eligibility date, step 1 only, handover ERD − 12 months', () => {
    const out = computeKeyDates({
      receptionAt: '2016-02-01T11:00:00Z',
      sentenceStartDate: '2016-02-01',
      sentenceType: 'INDETERMINATE',
      sentenceLengthMonths: 120,
      paroleEligibilityDate: '2026-12-26',
      offenceCategory: 'SEXUAL',
    });
    expect(out.earliestReleaseDate).toBe('2026-12-26');
    expect(out.releaseDate).toBe('2026-12-24'); // the day-of-release rule does not apply
    expect(out.handoverDate).toBe('2025-12-26');
    expect(out.firstAppointmentDue).toBe('2026-12-29');
    expect(out.supervisionEndDate).toBeNull(); // a life or IPP licence has no fixed end
    expect(out.dutyToReferDue).toBe('2026-10-29');
    expect(out.victimContactEligible).toBe(true);
  });

  it('a determinate sentence with parole eligibility: release directed by the Parole Board keeps a Friday', () => {
    const out = computeKeyDates({ ...CONTRACT_INPUT, sentenceLengthMonths: 48, sentenceStartDate: '2024-01-05', receptionAt: '2024-01-05T09:00:00Z', paroleEligibilityDate: '2026-08-07', conditionalReleaseDate: '2027-01-05' });
    expect(out.releaseDate).toBe('2026-08-07');
    expect(out.handoverDate).toBe('2025-08-07'); // rule 4
  });

  it('home detention curfew keeps a Friday release', () => {
    expect(computeKeyDates({ ...CONTRACT_INPUT, homeDetentionCurfew: true }).releaseDate).toBe('2026-08-07');
  });

  it('a Saturday release stays for a term of 5 days or less', () => {
    const out = computeKeyDates({ ...CONTRACT_INPUT, sentenceStartDate: '2026-08-03', receptionAt: '2026-08-03T12:00:00Z', sentenceLengthMonths: 0, sentenceLengthDays: 5, conditionalReleaseDate: '2026-08-08' });
    expect(out.releaseDate).toBe('2026-08-08');
    expect(out.firstAppointmentDue).toBe('2026-08-10');
  });

  it('the earlier of the automatic and conditional release dates', () => {
    expect(computeKeyDates({ ...CONTRACT_INPUT, automaticReleaseDate: '2026-08-05' })).toMatchObject({ earliestReleaseDate: '2026-08-05', releaseDate: '2026-08-05' });
  });

  it('moves calendar-day due dates back to a working day, but not the window opening', () => {
    // Release Monday 2026-06-29: − 56 days = 2026-05-04 (early May bank holiday) → Friday 2026-05-01;
    // − 84 days = 2026-04-06 (Easter Monday), a window opening, stays.
    const out = computeKeyDates({ ...CONTRACT_INPUT, receptionAt: '2025-01-06T10:00:00Z', sentenceStartDate: '2025-01-06', conditionalReleaseDate: '2026-06-29' });
    expect(out.releaseDate).toBe('2026-06-29');
    expect(out.dutyToReferDue).toBe('2026-05-01');
    expect(out.preReleaseReviewDue).toBe('2026-05-01');
    expect(out.preReleaseReviewOpens).toBe('2026-04-06'); // Easter Monday: a window opening is not moved
  });

  describe('victim contact eligibility', () => {
    it.each([
      ['VIOLENT', 12, true],
      ['VIOLENT', 11, false],
      ['SEXUAL', 12, true],
      ['SEXUAL', 13, true],
      ['OTHER', 120, false],
    ] as const)('%s offence, %i months → %s', (offenceCategory, sentenceLengthMonths, eligible) => {
      expect(computeKeyDates({ ...CONTRACT_INPUT, offenceCategory, sentenceLengthMonths }).victimContactEligible).toBe(eligible);
    });
  });

  describe('custody screening: 72 hours of clock time after reception', () => {
    it('counts clock hours across the clocks going forward', () => {
      expect(computeKeyDates({ ...CONTRACT_INPUT, receptionAt: '2026-03-27T23:30:00Z', sentenceStartDate: '2026-03-27' }).custodyScreeningDueAt).toBe('2026-03-30T23:30:00Z');
    });
    it('normalises a reception time with an offset to UTC', () => {
      expect(computeKeyDates({ ...CONTRACT_INPUT, receptionAt: '2026-01-05T16:00:00+01:00' }).custodyScreeningDueAt).toBe('2026-01-08T15:00:00Z');
    });
  });

  describe('compression: a due date before reception', () => {
    const short: TimelineInput = {
      receptionAt: '2026-07-01T09:00:00Z',
      sentenceStartDate: '2026-07-01',
      sentenceType: 'DETERMINATE',
      sentenceLengthMonths: 3,
      conditionalReleaseDate: '2026-08-14',
      offenceCategory: 'OTHER',
    };

    it('is set to the next working day after reception and flagged', () => {
      const { keyDates, compressed, explanations } = explainKeyDates(short);
      expect(keyDates).toEqual({
        policyVersion: DEFAULT_POLICY.id,
        earliestReleaseDate: '2026-08-14',
        releaseDate: '2026-08-13',
        custodyScreeningDueAt: '2026-07-04T09:00:00Z',
        dutyToReferDue: '2026-07-02',
        preReleaseReviewOpens: '2026-05-21',
        preReleaseReviewDue: '2026-07-02',
        handoverDate: null,
        comResponsibleFromStart: true,
        firstAppointmentDue: '2026-08-14',
        supervisionEndDate: '2027-08-13',
        victimContactEligible: false,
      });
      expect(compressed).toEqual(['dutyToReferDue', 'preReleaseReviewDue']);
      expect(explanations.dutyToReferDue.text).toBe(
        'The duty to refer to the local housing authority is due 56 days before the release date 2026-08-13: 2026-06-18. That is before reception on 2026-07-01, so it is compressed to the next working day after reception, 2026-07-02.',
      );
    });

    it('the day before, on and after the boundary: due on the reception date is not compressed', () => {
      // Release Thursday 2026-08-27 − 56 days = Thursday 2026-07-02.
      const at = (reception: string) => explainKeyDates({ ...short, receptionAt: `${reception}T09:00:00Z`, sentenceStartDate: reception, conditionalReleaseDate: '2026-08-27' });
      expect(at('2026-07-01')).toMatchObject({ keyDates: { dutyToReferDue: '2026-07-02' }, compressed: [] });
      expect(at('2026-07-02')).toMatchObject({ keyDates: { dutyToReferDue: '2026-07-02' }, compressed: [] });
      expect(at('2026-07-03')).toMatchObject({ keyDates: { dutyToReferDue: '2026-07-06' }, compressed: ['dutyToReferDue', 'preReleaseReviewDue'] });
    });

    it('uses the London date of reception', () => {
      // 23:30 UTC on 1 July is 00:30 on 2 July in London.
      expect(explainKeyDates({ ...short, receptionAt: '2026-07-01T23:30:00Z', conditionalReleaseDate: '2026-08-27' }).compressed).toEqual([]);
    });
  });

  it('refuses an invalid input, naming the field', () => {
    expect(() => computeKeyDates({ ...CONTRACT_INPUT, conditionalReleaseDate: '2025-12-31' })).toThrow(
      new PolicyValidationError('conditionalReleaseDate', 'must not be before sentenceStartDate (2026-01-05)'),
    );
  });

  it('refuses to guess beyond the holiday calendar', () => {
    expect(() => computeKeyDates({ ...CONTRACT_INPUT, conditionalReleaseDate: '2036-03-07' })).toThrow(CalendarOutOfRangeError);
  });
});

describe('explainKeyDates', () => {
  it('has the same key dates as computeKeyDates and one explanation per key date', () => {
    const explained = explainKeyDates(CONTRACT_INPUT);
    expect(explained.keyDates).toEqual(CONTRACT_OUTPUT);
    expect(Object.keys(explained.explanations).sort()).toEqual(Object.keys(CONTRACT_OUTPUT).sort());
    expect(explained.compressed).toEqual([]);
  });

  it('explains the contract example in plain English', () => {
    const { explanations } = explainKeyDates(CONTRACT_INPUT);
    expect(explanations.earliestReleaseDate).toEqual({
      rule: 'ERD_FROM_CONDITIONAL_RELEASE_DATE',
      text: 'The earliest release date is the conditional release date (the earlier of the automatic and conditional release dates, unadjusted), 2026-08-07.',
    });
    expect(explanations.releaseDate.rule).toBe('RELEASE_DAY_OF_RELEASE_RULE');
    expect(explanations.releaseDate.text).toBe(
      'The release date Friday 2026-08-07 is a working day. Friday 2026-08-07 is followed by a non-working day, so under the Offenders (Day of Release from Detention) Act 2023 the person is released on the preceding working day not itself followed by a non-working day, Thursday 2026-08-06.',
    );
    expect(explanations.handoverDate.rule).toBe('HANDOVER_RULE_3_COM_RESPONSIBLE_FROM_START');
    expect(explanations.comResponsibleFromStart.rule).toBe('HANDOVER_RULE_3_COM_RESPONSIBLE_FROM_START');
    expect(explanations.dutyToReferDue.text).toBe('The duty to refer to the local housing authority is due 56 days before the release date 2026-08-06: 2026-06-11.');
    expect(explanations.victimContactEligible.text).toBe(
      'The victim contact scheme applies to violent or sexual offences with a sentence of 12 months or more: this is a violent offence with a sentence of 14 months, so it applies.',
    );
    expect(explanations.policyVersion.text).toBe(`Policy version ${DEFAULT_POLICY.id}, in force from the start.`);
  });

  it('names the offence category of the victim contact rule in words, not by its code', () => {
    const text = explainKeyDates({ ...CONTRACT_INPUT, offenceCategory: 'OTHER' }).explanations.victimContactEligible.text;
    expect(text).toContain('applies to violent or sexual offences');
    expect(text).toContain('this is an offence of another kind with');
    expect(text).not.toMatch(/\b(OTHER|VIOLENT|SEXUAL)\b/);
  });
});
