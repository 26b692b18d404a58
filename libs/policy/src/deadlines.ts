import { addWorkingDays, nextWorkingDay, onOrBeforeWorkingDay } from './calendar';
import { addCalendarDays, addMonths, londonDateOf } from './dates';
import { DEFAULT_POLICY, type PolicyVersion } from './policy-version';
import { type IsoDate, type IsoInstant } from './types';

/**
 * Deadlines the workflow engine asks for. Calendar-day or month *due* dates that land on a
 * non-working day move to the preceding working day; dates that open a window, the handover
 * date and the supervision end date are never moved.
 */

/** A due date counted in calendar days or months: moved back to a working day, never later. */
export const dueOnWorkingDay = onOrBeforeWorkingDay;

/** Resettlement plan: N working days after the London date the custody screening was completed. */
export function resettlementPlanDue(screeningCompletedAt: IsoInstant, policy: PolicyVersion = DEFAULT_POLICY): IsoDate {
  return addWorkingDays(londonDateOf(screeningCompletedAt), policy.figures.taskWorkingDays.RESETTLEMENT_PLAN);
}

export interface ComAllocationDates {
  /** Reminder to both sides, N days before handover (moved back to a working day). */
  reminder: IsoDate;
  /** Allocation is due on the handover date (moved back to a working day). */
  due: IsoDate;
  /** Overdue from handover + N days. */
  overdueFrom: IsoDate;
  /** Escalated to the manager on handover + N days. */
  escalateOn: IsoDate;
}

export function comAllocationDates(handoverDate: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): ComAllocationDates {
  const f = policy.figures;
  return {
    reminder: onOrBeforeWorkingDay(addCalendarDays(handoverDate, -f.handover.reminderDaysBefore)),
    due: onOrBeforeWorkingDay(handoverDate),
    overdueFrom: addCalendarDays(handoverDate, f.comAllocation.overdueAfterDays),
    escalateOn: addCalendarDays(handoverDate, f.comAllocation.escalateAfterDays),
  };
}

/** First community appointment: by the next working day after release. */
export function firstAppointmentDue(actualReleaseDate: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): IsoDate {
  return addWorkingDays(actualReleaseDate, policy.figures.taskWorkingDays.FIRST_APPOINTMENT);
}

/** Lost contact: flagged N working days after the last successful contact, escalated M working days later. */
export function lostContactDates(lastSuccessfulContactDate: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): { flagOn: IsoDate; escalateOn: IsoDate } {
  const f = policy.figures.lostContact;
  const flagOn = addWorkingDays(lastSuccessfulContactDate, f.workingDays);
  return { flagOn, escalateOn: addWorkingDays(flagOn, f.escalateAfterWorkingDays) };
}

/** Outcomes are recorded at 3, 6 and 12 months after release (due dates moved back to a working day). */
export function outcomeCheckpoints(releaseDate: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): { months: number; due: IsoDate }[] {
  return policy.figures.outcomeCheckpointMonths.map((months) => ({ months, due: onOrBeforeWorkingDay(addMonths(releaseDate, months)) }));
}

/** Supervision ends N months after release (never moved). */
export function supervisionEndDate(releaseDate: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): IsoDate {
  return addMonths(releaseDate, policy.figures.supervisionMonths);
}

/** The last day prison staff can read the case after handover (access ends the day after). */
export function prisonReadAccessEnds(handoverCompletedDate: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): IsoDate {
  return addCalendarDays(handoverCompletedDate, policy.figures.prisonReadAccessDays);
}

/** Generic task timings: a reminder N working days before the due date and escalation M working days after it. */
export function taskReminderAndEscalation(due: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): { reminderOn: IsoDate; escalateOn: IsoDate } {
  const f = policy.figures.taskReminder;
  return { reminderOn: addWorkingDays(due, -f.workingDaysBeforeDue), escalateOn: addWorkingDays(due, f.escalateWorkingDaysAfterDue) };
}

/**
 * A deadline that falls before its step can start is compressed: due the next working day
 * after the step opens, and flagged, never silently in the past.
 */
export function compressDue(due: IsoDate, stepOpensOn: IsoDate): { due: IsoDate; compressed: boolean } {
  return due < stepOpensOn ? { due: nextWorkingDay(stepOpensOn), compressed: true } : { due, compressed: false };
}
