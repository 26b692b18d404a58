import {
  comAllocationBasis,
  computeKeyDates,
  dueBeforeReleaseDate,
  loadPolicyVersion,
  victimContactReferralDue,
} from '@ttg/policy';
import { CONTRACT_INPUT, policyWith } from './fixtures';

describe('victimContactReferralDue: 20 working days after the sentence date', () => {
  it.each([
    ['2026-01-05', '2026-02-02'],
    ['2026-12-21', '2027-01-21'], // Christmas, the Boxing Day substitute and New Year skipped
  ])('sentenced %s → referral due %s', (sentenced, due) => {
    expect(victimContactReferralDue(sentenced)).toBe(due);
  });

  it('takes the figure from the policy version; a version stored before it existed takes 20', () => {
    const ten = loadPolicyVersion(policyWith('ten', (d) => ((d.figures.victimContact as Record<string, unknown>).referralWorkingDays = 10)));
    expect(victimContactReferralDue('2026-01-05', ten)).toBe('2026-01-19');
    const old = loadPolicyVersion(policyWith('old', (d) => delete (d.figures.victimContact as Record<string, unknown>).referralWorkingDays));
    expect(old.figures.victimContact.referralWorkingDays).toBe(20);
  });

  it('refuses a figure that is not a positive whole number', () => {
    expect(() => loadPolicyVersion(policyWith('bad', (d) => ((d.figures.victimContact as Record<string, unknown>).referralWorkingDays = 0)))).toThrow(
      'figures.victimContact.referralWorkingDays: expected a positive integer',
    );
  });
});

describe('comAllocationBasis', () => {
  it('COM responsible from the start: allocated when the resettlement plan is due', () => {
    const k = computeKeyDates(CONTRACT_INPUT);
    expect(comAllocationBasis(k, '2026-01-15')).toEqual({ needed: true, basis: 'RESETTLEMENT_PLAN_DUE', on: '2026-01-15' });
    expect(comAllocationBasis(k, null)).toEqual({ needed: true, basis: 'RESETTLEMENT_PLAN_DUE', on: null });
  });

  it('a handover date: allocation counted from it', () => {
    const k = computeKeyDates({ ...CONTRACT_INPUT, sentenceStartDate: '2025-03-01', receptionAt: '2025-03-01T10:00:00Z', conditionalReleaseDate: '2026-06-10', sentenceLengthMonths: 30 });
    expect(k.handoverDate).toBe('2025-09-26');
    expect(comAllocationBasis(k, '2025-03-10')).toEqual({ needed: true, basis: 'HANDOVER_DATE', on: '2025-09-26' });
  });

  it('no known release date: the case stays with the prison, no allocation', () => {
    expect(comAllocationBasis({ earliestReleaseDate: null, handoverDate: null, comResponsibleFromStart: false }, '2026-01-15')).toEqual({ needed: false, reason: 'NO_KNOWN_RELEASE_DATE' });
  });
});

describe('dueBeforeReleaseDate: on a working day, compressed when before the step opens, never after release', () => {
  it.each([
    ['a working day, in time', '2026-06-11', '2026-01-05', '2026-08-06', { due: '2026-06-11', compressed: false, capped: false }],
    ['a Sunday moves back to Friday', '2026-06-14', '2026-01-05', '2026-08-06', { due: '2026-06-12', compressed: false, capped: false }],
    ['before the step opens: the next working day after it', '2026-06-11', '2026-07-03', '2026-08-06', { due: '2026-07-06', compressed: true, capped: false }],
    ['the step opens on the release date: capped at release', '2026-06-11', '2026-08-06', '2026-08-06', { due: '2026-08-06', compressed: true, capped: true }],
    ['the step opens the day before a Friday release: the next working day is release itself', '2026-06-11', '2026-08-06', '2026-08-07', { due: '2026-08-07', compressed: true, capped: false }],
  ])('%s', (_name, raw, opens, release, expected) => {
    expect(dueBeforeReleaseDate(raw, opens, release)).toEqual(expected);
  });
});
