import type { TaskType } from '@ttg/contracts/domain';
import type { DeadlineBasis } from '@ttg/contracts/pathway';
import type { TaskKeyDate } from '@ttg/contracts/task-catalogue';
import { addWorkingDays, onOrBeforeWorkingDay } from './calendar';
import { comAllocationDates, compressDue, dueBeforeReleaseDate, dueOnWorkingDay, taskReminderAndEscalation } from './deadlines';
import { addCalendarDays, addHours, endOfDayInstant, londonDateOf } from './dates';
import { PolicyValidationError } from './errors';
import type { PolicyVersion } from './policy-version';
import type { IsoDate, IsoInstant, KeyDates } from './types';

/** A task's deadline: the due date, the instant it is overdue, its reminder and escalation. */
export interface Deadline {
  dueDate: IsoDate;
  dueAt: IsoInstant;
  reminderAt: IsoInstant | null;
  escalateAt: IsoInstant | null;
  compressed: boolean;
}

/** The instant a date-only window opens: the start of that day in Europe/London, in UTC. */
export const startOfDayInstant = (date: IsoDate): IsoInstant => endOfDayInstant(addCalendarDays(date, -1));

/** The date whose policy version applies to a person received at this instant: the reception's date in England and Wales. */
export const policyDateOfReception = (receptionAt: IsoInstant): IsoDate => londonDateOf(receptionAt);

/** Working days a kind of task gets from the day it opens (the policy must give the figure). */
export function workingDaysFor(type: TaskType, policy: PolicyVersion): number {
  const days = (policy.figures.taskWorkingDays as Partial<Record<TaskType, number>>)[type];
  if (days === undefined) throw new PolicyValidationError(`figures.taskWorkingDays.${type}`, `policy ${policy.id} has no working-day figure for ${type}`);
  return days;
}

/** The key date a task is due on; 'handoverOrReview' is the handover date, or the pre-release review when there is none. */
export function keyDateOf(keyDate: TaskKeyDate, k: KeyDates): IsoDate {
  const value = keyDate === 'handoverOrReview' ? (k.handoverDate ?? k.preReleaseReviewDue) : k[keyDate];
  if (!value) throw new PolicyValidationError(`keyDates.${keyDate}`, `key date ${keyDate} is not known for this case`);
  return value;
}

/**
 * A due date that falls before the day the task opens is compressed (due the next working day,
 * flagged); while the release date is still ahead, a due date is never after it (capped at the
 * release date, moved back to a working day).
 */
function boundedDue(rawDue: IsoDate, today: IsoDate, releaseDate: IsoDate | null): { due: IsoDate; compressed: boolean } {
  if (!releaseDate || releaseDate < today) return compressDue(dueOnWorkingDay(rawDue), today);
  const bounded = dueBeforeReleaseDate(rawDue, today, releaseDate);
  const lastDay = dueOnWorkingDay(releaseDate);
  return bounded.due > lastDay && lastDay >= today ? { due: lastDay, compressed: bounded.compressed } : bounded;
}

/**
 * The deadline of a task opened at `now` from what its due date is counted from. A due date on a
 * non-working day moves to the preceding working day; one that falls before the day the task
 * opens is compressed (see `boundedDue`); a reminder already in the past is not sent.
 */
export function planDeadline(basis: DeadlineBasis, keyDates: KeyDates, now: IsoInstant, policy: PolicyVersion): Deadline {
  const today = londonDateOf(now);
  if (basis.kind === 'INSTANT') {
    const dueAt = addHours(basis.at, policy.figures.custodyScreeningHours);
    const dueDate = londonDateOf(dueAt);
    const { reminderOn, escalateOn } = taskReminderAndEscalation(onOrBeforeWorkingDay(dueDate), policy);
    return { dueDate, dueAt, reminderAt: reminderOn > today ? startOfDayInstant(reminderOn) : null, escalateAt: startOfDayInstant(escalateOn), compressed: false };
  }
  if (basis.kind === 'COM_ALLOCATION') {
    const dates = comAllocationDates(basis.handoverDate, policy);
    const { due, compressed } = boundedDue(dates.due, today, keyDates.releaseDate);
    const overdueFrom = compressed ? addCalendarDays(due, policy.figures.comAllocation.overdueAfterDays) : dates.overdueFrom;
    const escalateOn = compressed ? addCalendarDays(due, policy.figures.comAllocation.escalateAfterDays) : dates.escalateOn;
    return {
      dueDate: due,
      dueAt: startOfDayInstant(overdueFrom),
      reminderAt: dates.reminder > today ? startOfDayInstant(dates.reminder) : null,
      escalateAt: startOfDayInstant(escalateOn),
      compressed,
    };
  }
  let due: IsoDate;
  let compressed: boolean;
  if (basis.kind === 'WORKING_DAYS') ({ due, compressed } = compressDue(addWorkingDays(basis.from, workingDaysFor(basis.taskType, policy)), today));
  else ({ due, compressed } = boundedDue(basis.kind === 'DATE' ? basis.on : keyDateOf(basis.keyDate, keyDates), today, keyDates.releaseDate));
  const { reminderOn, escalateOn } = taskReminderAndEscalation(due, policy);
  return {
    dueDate: due,
    dueAt: endOfDayInstant(due),
    reminderAt: reminderOn > today ? startOfDayInstant(reminderOn) : null,
    escalateAt: startOfDayInstant(escalateOn),
    compressed,
  };
}
