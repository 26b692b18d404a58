import { addWorkingDays, nextWorkingDay, onOrBeforeWorkingDay } from './calendar';
import { addCalendarDays, addMonths, londonDateOf } from './dates';
import { DEFAULT_POLICY, type PolicyVersion } from './policy-version';
import { PolicyValidationError } from './errors';
import { type Explanation, type IsoDate, type IsoInstant, type TimelineInput } from './types';

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

/** The early checkpoints: work or training recorded 6 weeks after release (due dates moved back to a working day). */
export function weekCheckpoints(releaseDate: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): { weeks: number; due: IsoDate }[] {
  return policy.figures.outcomeCheckpointWeeks.map((weeks) => ({ weeks, due: onOrBeforeWorkingDay(addCalendarDays(releaseDate, 7 * weeks)) }));
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

/** A due date counted back from release, on a working day, compressed when before the step opens, never after release. */
export interface BoundedDue {
  due: IsoDate;
  /** It fell before the step could start: the next working day after the step opens. */
  compressed: boolean;
  /** The compressed date was after the release date, so it is the release date (moved back to a working day). */
  capped: boolean;
}

/** `raw` moved back to a working day, compressed when before `stepOpensOn`, capped at the release date. */
export function dueBeforeReleaseDate(raw: IsoDate, stepOpensOn: IsoDate, releaseDate: IsoDate): BoundedDue {
  const { due, compressed } = compressDue(dueOnWorkingDay(raw), stepOpensOn);
  const lastDay = dueOnWorkingDay(releaseDate);
  return compressed && due > lastDay ? { due: lastDay, compressed, capped: true } : { due, compressed, capped: false };
}

/** What the COM allocation is counted from (the handover rules). */
export type ComAllocationBasis =
  /** No known release date: the case stays with the prison, no allocation yet. */
  | { needed: false; reason: 'NO_KNOWN_RELEASE_DATE' }
  /** Handover rules 1, 2, 4, 5: due on the handover date (see `comAllocationDates`). */
  | { needed: true; basis: 'HANDOVER_DATE'; on: IsoDate }
  /** Rule 3, COM responsible from the start: allocated when the resettlement plan is due (null until it is known). */
  | { needed: true; basis: 'RESETTLEMENT_PLAN_DUE'; on: IsoDate | null };

export interface HandoverKeyDates {
  earliestReleaseDate: IsoDate | null;
  handoverDate: IsoDate | null;
  comResponsibleFromStart: boolean;
}

/** Whether a COM allocation is needed and the date it is counted from. */
export function comAllocationBasis(k: HandoverKeyDates, resettlementPlanDueOn: IsoDate | null): ComAllocationBasis {
  if (!k.earliestReleaseDate) return { needed: false, reason: 'NO_KNOWN_RELEASE_DATE' };
  if (k.comResponsibleFromStart || !k.handoverDate) return { needed: true, basis: 'RESETTLEMENT_PLAN_DUE', on: resettlementPlanDueOn };
  return { needed: true, basis: 'HANDOVER_DATE', on: k.handoverDate };
}

/** Victim contact scheme: the referral to the victim liaison officer is due N working days after the sentence date. */
export function victimContactReferralDue(sentenceStartDate: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): IsoDate {
  return addWorkingDays(sentenceStartDate, policy.figures.victimContact.referralWorkingDays);
}

/** The sentence facts that decide when community supervision ends. */
export type SupervisionFacts = Pick<TimelineInput, 'sentenceType' | 'sentenceLengthMonths' | 'sentenceExpiryDate' | 'licenceExpiryDate' | 'topUpSupervisionExpiryDate'>;

export type SupervisionEndRule =
  | 'INDETERMINATE_NO_FIXED_END'
  | 'LATER_OF_LICENCE_AND_TOP_UP_EXPIRY'
  | 'UNDER_2_YEARS_MONTHS_FROM_RELEASE'
  | 'LICENCE_EXPIRY'
  | 'SENTENCE_EXPIRY'
  | 'ESTIMATE_MONTHS_FROM_RELEASE';

export interface SupervisionEnd {
  /** Null where the licence has no fixed end. Never moved off a non-working day. */
  date: IsoDate | null;
  rule: SupervisionEndRule;
}

const later = (a: IsoDate, b: IsoDate | null | undefined): IsoDate => (b && b > a ? b : a);

/**
 * When supervision ends, from the law (community supervision), counted from the
 * ACTUAL release date `releasedOn`: the later of the licence and top-up supervision expiry dates
 * where the top-up date is known; a sentence under 2 years: N months from release (or the licence
 * expiry date if later); 2 years or more: the licence expiry date, else the sentence expiry date,
 * else an estimate of N months from release; indeterminate: no fixed end. Recall never moves it:
 * on re-release keep the end date from the first release (only `moveByUnlawfullyAtLarge` does).
 */
export function decideSupervisionEnd(facts: SupervisionFacts, releasedOn: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): SupervisionEnd {
  const { licenceExpiryDate: led, topUpSupervisionExpiryDate: tused } = facts;
  if (facts.sentenceType === 'INDETERMINATE') return { date: null, rule: 'INDETERMINATE_NO_FIXED_END' };
  if (tused) return { date: later(tused, led), rule: 'LATER_OF_LICENCE_AND_TOP_UP_EXPIRY' };
  const months = facts.sentenceLengthMonths;
  if (months !== undefined && months < policy.figures.supervisionLicenceOnlyFromMonths) {
    const fromRelease = supervisionEndDate(releasedOn, policy);
    return led && led > fromRelease ? { date: led, rule: 'LICENCE_EXPIRY' } : { date: fromRelease, rule: 'UNDER_2_YEARS_MONTHS_FROM_RELEASE' };
  }
  if (led) return { date: led, rule: 'LICENCE_EXPIRY' };
  if (facts.sentenceExpiryDate) return { date: facts.sentenceExpiryDate, rule: 'SENTENCE_EXPIRY' };
  return { date: supervisionEndDate(releasedOn, policy), rule: 'ESTIMATE_MONTHS_FROM_RELEASE' };
}

/** The supervision end date of `decideSupervisionEnd`, for the workflow at release. */
export function supervisionEnd(facts: SupervisionFacts, releasedOn: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): IsoDate | null {
  return decideSupervisionEnd(facts, releasedOn, policy).date;
}

export function explainSupervisionEnd(end: SupervisionEnd, facts: SupervisionFacts, releasedOn: IsoDate, policy: PolicyVersion = DEFAULT_POLICY): Explanation {
  const f = policy.figures;
  const fromRelease = `${f.supervisionMonths} months from release on ${releasedOn}`;
  const led = facts.licenceExpiryDate ? `the licence expiry date ${facts.licenceExpiryDate}` : 'the licence expiry date (not known)';
  const text: Record<SupervisionEndRule, string> = {
    INDETERMINATE_NO_FIXED_END: 'An indeterminate sentence is supervised on a life or IPP licence with no fixed end, so there is no supervision end date.',
    LATER_OF_LICENCE_AND_TOP_UP_EXPIRY: `Supervision ends at the later of ${led} and the top-up supervision expiry date ${facts.topUpSupervisionExpiryDate ?? ''}: ${end.date ?? ''}.`,
    UNDER_2_YEARS_MONTHS_FROM_RELEASE: `A sentence under ${f.supervisionLicenceOnlyFromMonths} months is supervised for ${fromRelease} (on licence, then top-up supervision): ${end.date ?? ''}.`,
    LICENCE_EXPIRY: `Supervision is on licence to ${led}.`,
    SENTENCE_EXPIRY: `A sentence of ${f.supervisionLicenceOnlyFromMonths} months or more is supervised on licence to its licence expiry date; that is not given, so supervision ends at the sentence expiry date ${facts.sentenceExpiryDate ?? ''}.`,
    ESTIMATE_MONTHS_FROM_RELEASE: `An estimate: no licence, top-up supervision or sentence expiry date is given, so supervision is taken to last ${fromRelease}, ${end.date ?? ''}. Give the licence expiry date for the law's date.`,
  };
  const notMoved = end.date ? ' The supervision end date is not moved off a non-working day.' : '';
  return { rule: `SUPERVISION_${end.rule}`, text: `${text[end.rule]}${notMoved}` };
}

/** The law's end dates a person can have; time unlawfully at large moves each one that is known. */
export type EndDates = Partial<Record<'sentenceExpiryDate' | 'licenceExpiryDate' | 'topUpSupervisionExpiryDate' | 'supervisionEndDate', IsoDate | null>>;

/**
 * Time unlawfully at large (recorded by the COM) moves every known end date later by that many
 * days; unknown (null) dates stay unknown. Recall never moves end dates: only this does.
 */
export function moveByUnlawfullyAtLarge<T extends EndDates>(endDates: T, days: number): T {
  if (!Number.isInteger(days) || days < 0) throw new PolicyValidationError('daysUnlawfullyAtLarge', `must be a whole number of days, 0 or more (got ${days})`);
  const moved: EndDates = { ...endDates };
  for (const key of Object.keys(moved) as (keyof EndDates)[]) {
    const date = moved[key];
    if (date) moved[key] = addCalendarDays(date, days);
  }
  return moved as T;
}
