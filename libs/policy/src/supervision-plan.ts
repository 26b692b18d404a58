import { type Deadline, startOfDayInstant } from './deadline-plan';
import { firstAppointmentDue, lostContactDates, outcomeCheckpoints, supervisionEnd, taskReminderAndEscalation, weekCheckpoints, type SupervisionFacts } from './deadlines';
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
  /** Null where the licence has no fixed end (an indeterminate sentence): no closure timer. */
  endsOn: IsoDate | null;
  endsAt: IsoInstant | null;
  firstAppointment: Deadline;
  checkpoints: { months: number; opensAt: IsoInstant }[];
  /** The checkpoints counted in weeks (work or training at 6 weeks). */
  weekCheckpoints: { weeks: number; opensAt: IsoInstant }[];
  lostContact: LostContactTimers;
}

export interface SupervisionRequest {
  releasedOn: IsoDate;
  /** On re-release after recall: the supervision days left when it paused (else the policy's full term). Superseded by `facts`. */
  remainingDays?: number;
  /** Checkpoints already recorded are not opened again. */
  monthsAlreadyRecorded: number[];
  weeksAlreadyRecorded?: number[];
  /** The sentence facts: the end of supervision comes from the law (`supervisionEnd`) counted from the actual release. */
  facts?: SupervisionFacts;
  /** On re-release after recall: the end date stays where it was (recall never moves it); null for no fixed end. */
  keepEndsOn?: IsoDate | null;
  /** Lost contact is flagged at the end of the last working day without contact (not at its start). */
  lostContactAtEndOfDay?: boolean;
}

/** Lost contact is flagged N working days after the last successful contact: by default at the start of that day, else at its end. */
export function lostContactTimers(lastSuccessfulContactOn: IsoDate, policy: PolicyVersion, atEndOfDay = false): LostContactTimers {
  const lost = lostContactDates(lastSuccessfulContactOn, policy);
  const at = atEndOfDay ? endOfDayInstant : startOfDayInstant;
  return { flagAt: at(lost.flagOn), escalateAt: at(lost.escalateOn) };
}

function endOfSupervision(req: SupervisionRequest, policy: PolicyVersion): IsoDate | null {
  if (req.keepEndsOn !== undefined) return req.keepEndsOn;
  if (req.facts) return supervisionEnd(req.facts, req.releasedOn, policy);
  return req.remainingDays === undefined ? addMonths(req.releasedOn, policy.figures.supervisionMonths) : addCalendarDays(req.releasedOn, req.remainingDays);
}

export function planSupervision(req: SupervisionRequest, policy: PolicyVersion): SupervisionPlan {
  const endsOn = endOfSupervision(req, policy);
  const firstDue = firstAppointmentDue(req.releasedOn, policy);
  const { escalateOn } = taskReminderAndEscalation(firstDue, policy);
  const checkpoints = outcomeCheckpoints(req.releasedOn, policy)
    .filter((c) => !req.monthsAlreadyRecorded.includes(c.months) && (endsOn === null || c.due <= endsOn))
    .map((c) => ({ months: c.months, opensAt: startOfDayInstant(c.due) }));
  const byWeeks = weekCheckpoints(req.releasedOn, policy)
    .filter((c) => !(req.weeksAlreadyRecorded ?? []).includes(c.weeks) && (endsOn === null || c.due <= endsOn))
    .map((c) => ({ weeks: c.weeks, opensAt: startOfDayInstant(c.due) }));
  return {
    endsOn,
    endsAt: endsOn === null ? null : startOfDayInstant(endsOn),
    firstAppointment: { dueDate: firstDue, dueAt: endOfDayInstant(firstDue), reminderAt: null, escalateAt: startOfDayInstant(escalateOn), compressed: false },
    checkpoints,
    weekCheckpoints: byWeeks,
    lostContact: lostContactTimers(req.releasedOn, policy, req.lostContactAtEndOfDay),
  };
}
