import { type Deadline, startOfDayInstant } from './deadline-plan';
import { firstAppointmentDue, lostContactDates, outcomeCheckpoints, taskReminderAndEscalation } from './deadlines';
import { addCalendarDays, addMonths, endOfDayInstant } from './dates';
import type { PolicyVersion } from './policy-version';
import type { IsoDate, IsoInstant } from './types';

/** The instants lost contact is flagged and then escalated, counted from the last successful contact. */
export interface LostContactTimers {
  flagAt: IsoInstant;
  escalateAt: IsoInstant;
}

/** Community supervision from a release: its end, the first appointment, outcome checkpoints and lost-contact timers. */
export interface SupervisionPlan {
  endsOn: IsoDate;
  endsAt: IsoInstant;
  firstAppointment: Deadline;
  checkpoints: { months: number; opensAt: IsoInstant }[];
  lostContact: LostContactTimers;
}

export interface SupervisionRequest {
  releasedOn: IsoDate;
  /** On re-release after recall: the supervision days left when it paused (else the policy's full term). */
  remainingDays?: number;
  /** Checkpoints already recorded are not opened again. */
  monthsAlreadyRecorded: number[];
}

export function lostContactTimers(lastSuccessfulContactOn: IsoDate, policy: PolicyVersion): LostContactTimers {
  const lost = lostContactDates(lastSuccessfulContactOn, policy);
  return { flagAt: startOfDayInstant(lost.flagOn), escalateAt: startOfDayInstant(lost.escalateOn) };
}

export function planSupervision(req: SupervisionRequest, policy: PolicyVersion): SupervisionPlan {
  const endsOn = req.remainingDays === undefined ? addMonths(req.releasedOn, policy.figures.supervisionMonths) : addCalendarDays(req.releasedOn, req.remainingDays);
  const firstDue = firstAppointmentDue(req.releasedOn, policy);
  const { escalateOn } = taskReminderAndEscalation(firstDue, policy);
  const checkpoints = outcomeCheckpoints(req.releasedOn, policy)
    .filter((c) => !req.monthsAlreadyRecorded.includes(c.months) && c.due <= endsOn)
    .map((c) => ({ months: c.months, opensAt: startOfDayInstant(c.due) }));
  return {
    endsOn,
    endsAt: startOfDayInstant(endsOn),
    firstAppointment: { dueDate: firstDue, dueAt: endOfDayInstant(firstDue), reminderAt: null, escalateAt: startOfDayInstant(escalateOn), compressed: false },
    checkpoints,
    lostContact: lostContactTimers(req.releasedOn, policy),
  };
}
