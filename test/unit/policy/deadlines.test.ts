import {
  comAllocationDates,
  compressDue,
  firstAppointmentDue,
  lostContactDates,
  outcomeCheckpoints,
  prisonReadAccessEnds,
  resettlementPlanDue,
  supervisionEndDate,
  taskReminderAndEscalation,
} from '@ttg/policy';
import { examples } from '../../support/examples';

describe('resettlementPlanDue: 5 working days after the London date of the screening', () => {
  examples('screening completed %s → plan due %s', resettlementPlanDue, [
    ['2026-01-08T15:00:00Z', '2026-01-15'],
    ['2026-06-10T22:59:59Z', '2026-06-17'], // still 10 June in London
    ['2026-06-10T23:00:00Z', '2026-06-18'], // already 11 June in London (BST)
    ['2026-12-21T10:00:00Z', '2026-12-30'], // Christmas and the Boxing Day substitute skipped
    ['2026-05-29T12:00:00Z', '2026-06-05'],
  ]);
});

describe('comAllocationDates', () => {
  it('for a working-day handover: reminder 56 days before, due on the day, overdue +2, escalated +14', () => {
    expect(comAllocationDates('2025-09-26')).toEqual({ reminder: '2025-08-01', due: '2025-09-26', overdueFrom: '2025-09-28', escalateOn: '2025-10-10' });
  });

  it('moves the due date and the reminder back to a working day, and counts overdue and escalation from the handover date', () => {
    expect(comAllocationDates('2026-12-26')).toEqual({ reminder: '2026-10-30', due: '2026-12-24', overdueFrom: '2026-12-28', escalateOn: '2027-01-09' });
  });
});

describe('firstAppointmentDue: the next working day after release', () => {
  examples('released %s → due %s', firstAppointmentDue, [
    ['2026-08-06', '2026-08-07'],
    ['2026-08-07', '2026-08-10'],
    ['2026-12-23', '2026-12-24'],
    ['2026-12-24', '2026-12-29'],
    ['2026-08-08', '2026-08-10'], // a Saturday release (short term)
  ]);
});

describe('lostContactDates: flag after 10 working days, escalate 5 working days later', () => {
  it('counts working days only', () => {
    expect(lostContactDates('2026-03-02')).toEqual({ flagOn: '2026-03-16', escalateOn: '2026-03-23' });
  });
  it('skips Christmas, the substitute day and New Year', () => {
    expect(lostContactDates('2026-12-14')).toEqual({ flagOn: '2026-12-30', escalateOn: '2027-01-07' });
  });
});

describe('outcomeCheckpoints at 3, 6 and 12 months', () => {
  it('moves a checkpoint on a non-working day back to the working day before', () => {
    expect(outcomeCheckpoints('2026-08-06')).toEqual([
      { months: 3, due: '2026-11-06' },
      { months: 6, due: '2027-02-05' }, // 2027-02-06 is a Saturday
      { months: 12, due: '2027-08-06' },
    ]);
  });
  it('clamps to the end of the month', () => {
    expect(outcomeCheckpoints('2025-11-30')).toEqual([
      { months: 3, due: '2026-02-27' }, // 2026-02-28 is a Saturday
      { months: 6, due: '2026-05-29' }, // 2026-05-30 is a Saturday
      { months: 12, due: '2026-11-30' },
    ]);
  });
});

describe('supervisionEndDate: 12 months from release, never moved', () => {
  examples('%s → %s', supervisionEndDate, [
    ['2026-08-06', '2027-08-06'],
    ['2026-02-27', '2027-02-27'], // a Saturday, not moved
    ['2024-02-29', '2025-02-28'],
  ]);
});

describe('prisonReadAccessEnds: last day of read access is handover + 28 days', () => {
  examples('%s → %s', prisonReadAccessEnds, [
    ['2026-02-01', '2026-03-01'],
    ['2024-02-01', '2024-02-29'],
    ['2026-12-05', '2027-01-02'], // a Saturday, not moved
  ]);
});

describe('taskReminderAndEscalation: 2 working days before, 5 working days after', () => {
  it.each([
    ['2026-06-11', '2026-06-09', '2026-06-18'],
    ['2026-12-29', '2026-12-23', '2027-01-06'],
    ['2022-06-06', '2022-05-31', '2022-06-13'],
  ])('due %s → remind %s, escalate %s', (due, reminderOn, escalateOn) => {
    expect(taskReminderAndEscalation(due)).toEqual({ reminderOn, escalateOn });
  });
});

describe('compressDue', () => {
  it.each([
    ['2026-01-04', '2026-01-05', { due: '2026-01-06', compressed: true }], // the day before the step opens
    ['2026-01-05', '2026-01-05', { due: '2026-01-05', compressed: false }], // on the day it opens
    ['2026-01-06', '2026-01-05', { due: '2026-01-06', compressed: false }], // after
    ['2026-12-01', '2026-12-24', { due: '2026-12-29', compressed: true }], // next working day after Christmas Eve
  ])('due %s, step opens %s → %o', (due, opens, expected) => {
    expect(compressDue(due, opens)).toEqual(expected);
  });
});
