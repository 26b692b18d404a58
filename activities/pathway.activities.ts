import { ApplicationFailure } from '@temporalio/common';
import { DateTime } from 'luxon';
import {
  addCalendarDays,
  addWorkingDays,
  comAllocationDates,
  compressDue,
  explainKeyDates,
  endOfDayInstant,
  firstAppointmentDue,
  londonDateOf,
  lostContactDates,
  onOrBeforeWorkingDay,
  outcomeCheckpoints,
  PolicyValidationError,
  prisonReadAccessEnds,
  taskReminderAndEscalation,
  addMonths,
  type IsoDate,
  type IsoInstant,
  type KeyDates,
  type PolicyVersion,
} from '../libs/policy/src';
import type { ProjectionBatch, TaskType } from '../libs/contracts/src';
import type { Deadline, DeadlineRequest, KeyDatesResult, PathwayActivities, SupervisionPlan } from './pathway-activities.types';

/** Where activities find policy versions (PostgreSQL in production, a fixed list in tests). */
export interface PolicyCatalogue {
  byId(id: string): PolicyVersion;
  current(onDate: IsoDate): PolicyVersion;
  /** Loads versions stored since start-up when `id` is not known yet. */
  ensure?(id: string): Promise<void>;
  refresh?(): Promise<void>;
}

export interface PathwayActivityDeps {
  policies: PolicyCatalogue;
  projection: { apply(batch: ProjectionBatch): Promise<unknown> };
}

const startOfDayInstant = (date: IsoDate): IsoInstant => endOfDayInstant(addCalendarDays(date, -1));

/** Working days each kind of task gets from the day it opens, unless a rule gives its date. */
function workingDaysFor(type: TaskType, policy: PolicyVersion): number {
  const table = policy.figures.taskWorkingDays as Partial<Record<TaskType, number>>;
  const days = table[type];
  if (days === undefined) {
    throw ApplicationFailure.nonRetryable(`Policy ${policy.id} has no working-day figure for ${type}`, 'PolicyValidationError');
  }
  return days;
}

function keyDateFor(keyDate: 'dutyToReferDue' | 'preReleaseReviewDue' | 'releaseDate' | 'handoverOrReview', k: KeyDates): IsoDate {
  const value = keyDate === 'handoverOrReview' ? (k.handoverDate ?? k.preReleaseReviewDue) : k[keyDate];
  if (!value) throw ApplicationFailure.nonRetryable(`Key date ${keyDate} is not known for this case`, 'PolicyValidationError');
  return value;
}

export function createPathwayActivities(deps: PathwayActivityDeps): PathwayActivities {
  const policyFor = (id: string) => deps.policies.byId(id);

  function plan(req: DeadlineRequest): Deadline {
    const policy = policyFor(req.policyVersionId);
    const today = londonDateOf(req.now);
    const b = req.basis;
    if (b.kind === 'INSTANT') {
      const custodyHours = policy.figures.custodyScreeningHours;
      const dueAt = DateTime.fromISO(b.at, { zone: 'utc' }).plus({ hours: custodyHours }).toISO({ suppressMilliseconds: true }) as string;
      const dueDate = londonDateOf(dueAt);
      const { reminderOn, escalateOn } = taskReminderAndEscalation(onOrBeforeWorkingDay(dueDate), policy);
      return { dueDate, dueAt, reminderAt: startOfDayInstant(reminderOn), escalateAt: startOfDayInstant(escalateOn), compressed: false };
    }
    if (b.kind === 'COM_ALLOCATION') {
      const dates = comAllocationDates(b.handoverDate, policy);
      const { due, compressed } = compressDue(dates.due, today);
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
    let rawDue: IsoDate;
    if (b.kind === 'DATE') rawDue = b.on;
    else if (b.kind === 'KEY_DATE') rawDue = keyDateFor(b.keyDate, req.keyDates);
    else rawDue = addWorkingDays(b.from, workingDaysFor(b.taskType, policy));
    const { due, compressed } = compressDue(rawDue, today);
    const { reminderOn, escalateOn } = taskReminderAndEscalation(due, policy);
    return {
      dueDate: due,
      dueAt: endOfDayInstant(due),
      reminderAt: reminderOn > today ? startOfDayInstant(reminderOn) : null,
      escalateAt: startOfDayInstant(escalateOn),
      compressed,
    };
  }

  return {
    async computeKeyDates(req): Promise<KeyDatesResult> {
      if (req.policyVersionId) await deps.policies.ensure?.(req.policyVersionId);
      else await deps.policies.refresh?.();
      const policy = req.policyVersionId ? policyFor(req.policyVersionId) : deps.policies.current(londonDateOf(req.sentence.receptionAt));
      try {
        const { keyDates, compressed } = explainKeyDates(req.sentence, policy);
        return { policyVersionId: policy.id, keyDates, compressed };
      } catch (err) {
        if (err instanceof PolicyValidationError) throw ApplicationFailure.nonRetryable(err.message, 'PolicyValidationError');
        throw err;
      }
    },
    async planDeadline(req) {
      await deps.policies.ensure?.(req.policyVersionId);
      return plan(req);
    },
    async startOfDay({ date }) {
      return startOfDayInstant(date);
    },
    async londonDate({ at }) {
      return londonDateOf(at);
    },
    async planSupervision(req): Promise<SupervisionPlan> {
      const policy = policyFor(req.policyVersionId);
      const endsOn = req.remainingDays === undefined
        ? addMonths(req.releasedOn, policy.figures.supervisionMonths)
        : addCalendarDays(req.releasedOn, req.remainingDays);
      const firstDue = firstAppointmentDue(req.releasedOn, policy);
      const { reminderOn: _r, escalateOn } = taskReminderAndEscalation(firstDue, policy);
      const lost = lostContactDates(req.releasedOn, policy);
      const checkpoints = outcomeCheckpoints(req.releasedOn, policy)
        .filter((c) => !req.monthsAlreadyRecorded.includes(c.months) && c.due <= endsOn)
        .map((c) => ({ months: c.months, opensAt: startOfDayInstant(c.due) }));
      return {
        endsOn,
        endsAt: startOfDayInstant(endsOn),
        firstAppointment: { dueDate: firstDue, dueAt: endOfDayInstant(firstDue), reminderAt: null, escalateAt: startOfDayInstant(escalateOn), compressed: false },
        checkpoints,
        lostContact: { flagAt: startOfDayInstant(lost.flagOn), escalateAt: startOfDayInstant(lost.escalateOn) },
      };
    },
    async lostContactTimers(req) {
      const lost = lostContactDates(req.lastSuccessfulContactOn, policyFor(req.policyVersionId));
      return { flagAt: startOfDayInstant(lost.flagOn), escalateAt: startOfDayInstant(lost.escalateOn) };
    },
    async prisonAccessUntil(req) {
      return prisonReadAccessEnds(londonDateOf(req.acceptedAt), policyFor(req.policyVersionId));
    },
    async daysBetween({ from, to }) {
      return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
    },
    async project(batch) {
      await deps.projection.apply(batch);
    },
  };
}
