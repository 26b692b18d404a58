import type { DeadlineBasis } from '@ttg/contracts';
import {
  DEFAULT_POLICY,
  keyDateOf,
  loadPolicyVersion,
  lostContactTimers,
  planDeadline,
  planSupervision,
  policyDateOfReception,
  selectPolicy,
  startOfDayInstant,
  type KeyDates,
} from '@ttg/policy';
import { CONTRACT_OUTPUT, policyWith } from './fixtures';

const keyDates: KeyDates = CONTRACT_OUTPUT;
const plan = (basis: DeadlineBasis, now: string) => planDeadline(basis, keyDates, now, DEFAULT_POLICY);

describe('planDeadline', () => {
  it('custody screening: 72 hours after reception, reminder and escalation around the working day it falls on', () => {
    expect(plan({ kind: 'INSTANT', at: '2026-01-05T15:00:00Z' }, '2026-01-05T15:00:00Z')).toEqual({
      dueDate: '2026-01-08',
      dueAt: '2026-01-08T15:00:00Z',
      reminderAt: '2026-01-06T00:00:00Z',
      escalateAt: '2026-01-15T00:00:00Z',
      compressed: false,
    });
  });

  it('working days from a Friday before a bank holiday skip the weekend and the holiday (Monday 25 May 2026)', () => {
    expect(plan({ kind: 'WORKING_DAYS', from: '2026-05-22', taskType: 'RISK_SCREENING' }, '2026-05-22T10:00:00Z')).toEqual({
      dueDate: '2026-06-01',
      dueAt: '2026-06-01T23:00:00Z',
      reminderAt: '2026-05-27T23:00:00Z',
      escalateAt: '2026-06-07T23:00:00Z',
      compressed: false,
    });
  });

  it('a key date already past when the task opens is compressed to the next working day, with no reminder', () => {
    expect(plan({ kind: 'KEY_DATE', keyDate: 'dutyToReferDue' }, '2026-06-15T09:00:00Z')).toEqual({
      dueDate: '2026-06-16',
      dueAt: '2026-06-16T23:00:00Z',
      reminderAt: null,
      escalateAt: '2026-06-22T23:00:00Z',
      compressed: true,
    });
  });

  it('COM allocation opened after its reminder date: due on the handover date, overdue 2 days later, no reminder', () => {
    expect(plan({ kind: 'COM_ALLOCATION', handoverDate: '2026-09-25' }, '2026-08-10T12:00:00Z')).toEqual({
      dueDate: '2026-09-25',
      dueAt: '2026-09-26T23:00:00Z',
      reminderAt: null,
      escalateAt: '2026-10-08T23:00:00Z',
      compressed: false,
    });
  });

  it('COM allocation opened early keeps its reminder 56 days before handover', () => {
    expect(plan({ kind: 'COM_ALLOCATION', handoverDate: '2026-09-25' }, '2026-01-05T15:00:00Z').reminderAt).toBe('2026-07-30T23:00:00Z');
  });

  it('a task type the policy has no working-day figure for is refused, naming it', () => {
    expect(() => plan({ kind: 'WORKING_DAYS', from: '2026-05-22', taskType: 'DUTY_TO_REFER' }, '2026-05-22T10:00:00Z')).toThrow(
      'figures.taskWorkingDays.DUTY_TO_REFER: policy ew-default-2023-11-30 has no working-day figure for DUTY_TO_REFER',
    );
  });

  it('handoverOrReview is the pre-release review when there is no handover date', () => {
    expect(keyDateOf('handoverOrReview', keyDates)).toBe('2026-06-11');
    expect(keyDateOf('handoverOrReview', { ...keyDates, handoverDate: '2026-03-02' })).toBe('2026-03-02');
  });
});

describe('start of day and policy selection use the Europe/London date', () => {
  it('a date-only window opens at London midnight (BST and GMT)', () => {
    expect(startOfDayInstant('2026-07-01')).toBe('2026-06-30T23:00:00Z');
    expect(startOfDayInstant('2026-01-31')).toBe('2026-01-31T00:00:00Z');
  });

  it('a reception at 23:30 UTC on 30 June (00:30 in London) takes the version in force on 1 July', () => {
    const july = loadPolicyVersion(policyWith('from-july-2026', (doc) => {
      doc.effectiveFrom = '2026-07-01';
    }));
    expect(policyDateOfReception('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(selectPolicy([DEFAULT_POLICY, july], policyDateOfReception('2026-06-30T23:30:00Z')).id).toBe('from-july-2026');
    expect(selectPolicy([DEFAULT_POLICY, july], policyDateOfReception('2026-06-30T22:30:00Z')).id).toBe(DEFAULT_POLICY.id);
    expect(policyDateOfReception('2026-01-31T23:30:00Z')).toBe('2026-01-31');
  });
});

describe('planSupervision', () => {
  it('from a release: 12 months, first appointment next working day, checkpoints moved off weekends, lost-contact timers', () => {
    expect(planSupervision({ releasedOn: '2026-08-06', monthsAlreadyRecorded: [] }, DEFAULT_POLICY)).toEqual({
      endsOn: '2027-08-06',
      endsAt: '2027-08-05T23:00:00Z',
      firstAppointment: { dueDate: '2026-08-07', dueAt: '2026-08-07T23:00:00Z', reminderAt: null, escalateAt: '2026-08-13T23:00:00Z', compressed: false },
      checkpoints: [
        { months: 3, opensAt: '2026-11-06T00:00:00Z' },
        { months: 6, opensAt: '2027-02-05T00:00:00Z' },
        { months: 12, opensAt: '2027-08-05T23:00:00Z' },
      ],
      // Work or training at 6 weeks: Thursday 2026-09-17, 00:00 London (BST).
      weekCheckpoints: [{ weeks: 6, opensAt: '2026-09-16T23:00:00Z' }],
      lostContact: { flagAt: '2026-08-19T23:00:00Z', escalateAt: '2026-08-26T23:00:00Z' },
    });
  });

  it('on re-release: only the days left, and only checkpoints not yet recorded that fall within them', () => {
    const p = planSupervision({ releasedOn: '2026-08-06', remainingDays: 100, monthsAlreadyRecorded: [6] }, DEFAULT_POLICY);
    expect(p.endsOn).toBe('2026-11-14');
    expect(p.checkpoints).toEqual([{ months: 3, opensAt: '2026-11-06T00:00:00Z' }]);
  });

  it('lost contact: flagged 10 working days after the last contact, escalated 5 working days later (over the August bank holiday)', () => {
    expect(lostContactTimers('2026-08-20', DEFAULT_POLICY)).toEqual({ flagAt: '2026-09-03T23:00:00Z', escalateAt: '2026-09-10T23:00:00Z' });
  });
});
