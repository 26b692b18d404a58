import { isWorkingDay, onOrBeforeWorkingDay, previousWorkingDay } from './calendar';
import { addCalendarDays, daysBetween, weekdayName, weekdayOf } from './dates';
import { PolicyValidationError } from './errors';
import { DEFAULT_POLICY, type PolicyVersion } from './policy-version';
import { type Explanation, type IsoDate, type SentenceType, type TimelineInput } from './types';

export type EarliestReleaseSource = 'TARIFF_DATE' | 'PAROLE_ELIGIBILITY_DATE' | 'AUTOMATIC_RELEASE_DATE' | 'CONDITIONAL_RELEASE_DATE';

export interface EarliestRelease {
  date: IsoDate;
  source: EarliestReleaseSource;
}

type ReleaseDates = Pick<TimelineInput, 'paroleEligibilityDate' | 'automaticReleaseDate' | 'conditionalReleaseDate'> &
  Partial<Pick<TimelineInput, 'sentenceType' | 'tariffDate'>>;

/**
 * ERD (as Manage POM Cases): for an indeterminate sentence its tariff date, else its parole
 * eligibility date; otherwise the parole eligibility date where there is one, else the earlier of
 * the automatic and conditional release dates (unadjusted). Null when no release date is known
 * (the case stays with the prison: no handover date).
 */
export function knownEarliestReleaseDate(dates: ReleaseDates): EarliestRelease | null {
  const { paroleEligibilityDate: ped, automaticReleaseDate: ard, conditionalReleaseDate: crd, tariffDate } = dates;
  if (dates.sentenceType === 'INDETERMINATE' && tariffDate) return { date: tariffDate, source: 'TARIFF_DATE' };
  if (ped) return { date: ped, source: 'PAROLE_ELIGIBILITY_DATE' };
  if (ard && (!crd || ard < crd)) return { date: ard, source: 'AUTOMATIC_RELEASE_DATE' };
  if (crd) return { date: crd, source: 'CONDITIONAL_RELEASE_DATE' };
  return null;
}

/** The ERD of `knownEarliestReleaseDate`; refused when no release date is known. */
export function earliestReleaseDate(dates: ReleaseDates): EarliestRelease {
  const erd = knownEarliestReleaseDate(dates);
  if (erd) return erd;
  throw new PolicyValidationError('conditionalReleaseDate', 'no release date given: one of conditionalReleaseDate, automaticReleaseDate or paroleEligibilityDate is needed');
}

/** Facts that decide how a release date becomes the day the person walks out. */
export interface ReleaseFacts {
  sentenceType: SentenceType;
  sentenceStartDate: IsoDate;
  /** Release directed by the Parole Board (the date came from parole eligibility). */
  paroleDirected?: boolean;
  homeDetentionCurfew?: boolean;
  /** The term in days, when known (a Saturday release stays for a short term). */
  termDays?: number;
}

export type StatuteStep = 'ALREADY_WORKING_DAY' | 'MOVED_TO_PRECEDING_WORKING_DAY' | 'SATURDAY_KEPT_FOR_SHORT_TERM';
export type DayOfReleaseStep =
  | 'APPLIED'
  | 'NOT_BEFORE_NON_WORKING_DAY'
  | 'RELEASE_BEFORE_RULE_START'
  | 'INDETERMINATE_SENTENCE'
  | 'PAROLE_DIRECTED'
  | 'HOME_DETENTION_CURFEW'
  | 'TOO_FEW_DAYS_SERVED';

export interface ReleaseDateDerivation {
  releaseDate: IsoDate;
  statute: StatuteStep;
  afterStatute: IsoDate;
  dayOfRelease: DayOfReleaseStep;
  effective: IsoDate;
}

/** Step 1, Criminal Justice Act 1961 s.23: off weekends and bank holidays, to the preceding working day. */
function statuteStep(releaseDate: IsoDate, facts: ReleaseFacts, policy: PolicyVersion): { date: IsoDate; step: StatuteStep } {
  if (isWorkingDay(releaseDate)) return { date: releaseDate, step: 'ALREADY_WORKING_DAY' };
  const shortTerm = facts.termDays !== undefined && facts.termDays <= policy.figures.releaseDay.saturdayReleaseMaxTermDays;
  if (shortTerm && weekdayOf(releaseDate) === 6) return { date: releaseDate, step: 'SATURDAY_KEPT_FOR_SHORT_TERM' };
  return { date: onOrBeforeWorkingDay(releaseDate), step: 'MOVED_TO_PRECEDING_WORKING_DAY' };
}

const followedByNonWorkingDay = (date: IsoDate): boolean => !isWorkingDay(addCalendarDays(date, 1));

/**
 * The eligible working day before `date`: the last working day strictly before it that is not
 * itself followed by a non-working day. Step 2 of the release date, and the COM's request for one
 * more eligible working day earlier than an effective release date (a recorded decision).
 */
export function precedingEligibleWorkingDay(date: IsoDate): IsoDate {
  let day = previousWorkingDay(date);
  while (followedByNonWorkingDay(day)) day = previousWorkingDay(day);
  return day;
}

/** Step 2, Offenders (Day of Release from Detention) Act 2023: why the rule does or does not apply. */
function dayOfReleaseEligibility(date: IsoDate, facts: ReleaseFacts, policy: PolicyVersion): DayOfReleaseStep {
  const rule = policy.figures.releaseDay;
  if (!isWorkingDay(date) || !followedByNonWorkingDay(date)) return 'NOT_BEFORE_NON_WORKING_DAY';
  if (date < rule.dayOfReleaseRuleFrom) return 'RELEASE_BEFORE_RULE_START';
  if (facts.sentenceType !== 'DETERMINATE') return 'INDETERMINATE_SENTENCE';
  if (facts.paroleDirected) return 'PAROLE_DIRECTED';
  if (facts.homeDetentionCurfew) return 'HOME_DETENTION_CURFEW';
  if (daysBetween(facts.sentenceStartDate, date) < rule.dayOfReleaseMinDaysServed) return 'TOO_FEW_DAYS_SERVED';
  return 'APPLIED';
}

/** Both steps from a release date to the effective release date, with the reason for each. */
export function deriveEffectiveReleaseDate(releaseDate: IsoDate, facts: ReleaseFacts, policy: PolicyVersion = DEFAULT_POLICY): ReleaseDateDerivation {
  const statute = statuteStep(releaseDate, facts, policy);
  const dayOfRelease = dayOfReleaseEligibility(statute.date, facts, policy);
  const effective = dayOfRelease === 'APPLIED' ? precedingEligibleWorkingDay(statute.date) : statute.date;
  return { releaseDate, statute: statute.step, afterStatute: statute.date, dayOfRelease, effective };
}

/** The day the person actually walks out: after the statute step and the day-of-release step. */
export function effectiveReleaseDate(releaseDate: IsoDate, facts: ReleaseFacts, policy: PolicyVersion = DEFAULT_POLICY): IsoDate {
  return deriveEffectiveReleaseDate(releaseDate, facts, policy).effective;
}

function releaseRuleId(d: ReleaseDateDerivation): string {
  if (d.dayOfRelease === 'APPLIED') return 'RELEASE_DAY_OF_RELEASE_RULE';
  if (d.statute === 'MOVED_TO_PRECEDING_WORKING_DAY') return 'RELEASE_STATUTE_PRECEDING_WORKING_DAY';
  if (d.statute === 'SATURDAY_KEPT_FOR_SHORT_TERM') return 'RELEASE_SATURDAY_KEPT_SHORT_TERM';
  return 'RELEASE_ON_RELEASE_DATE';
}

const day = (date: IsoDate): string => `${weekdayName(date)} ${date}`;

/** The rule that produced the effective release date, in plain English. */
export function explainEffectiveReleaseDate(d: ReleaseDateDerivation, policy: PolicyVersion = DEFAULT_POLICY): Explanation {
  const parts: string[] = [];
  if (d.statute === 'ALREADY_WORKING_DAY') parts.push(`The release date ${day(d.releaseDate)} is a working day.`);
  if (d.statute === 'MOVED_TO_PRECEDING_WORKING_DAY') {
    parts.push(`The release date ${day(d.releaseDate)} is not a working day, so by statute (Criminal Justice Act 1961 s.23) release moves back to the preceding working day, ${day(d.afterStatute)}.`);
  }
  if (d.statute === 'SATURDAY_KEPT_FOR_SHORT_TERM') {
    parts.push(`The release date ${day(d.releaseDate)} stays: for a term of ${policy.figures.releaseDay.saturdayReleaseMaxTermDays} days or less a Saturday release is not moved.`);
  }
  const rule = policy.figures.releaseDay;
  const reasons: Record<Exclude<DayOfReleaseStep, 'APPLIED' | 'NOT_BEFORE_NON_WORKING_DAY'>, string> = {
    RELEASE_BEFORE_RULE_START: `the rule applies only to release dates from ${rule.dayOfReleaseRuleFrom}`,
    INDETERMINATE_SENTENCE: 'it does not apply to indeterminate sentences',
    PAROLE_DIRECTED: 'it does not apply to release directed by the Parole Board',
    HOME_DETENTION_CURFEW: 'it does not apply to release on home detention curfew',
    TOO_FEW_DAYS_SERVED: `it applies only where at least ${rule.dayOfReleaseMinDaysServed} days are served from the sentence date to release`,
  };
  if (d.dayOfRelease === 'APPLIED') {
    parts.push(
      `${day(d.afterStatute)} is followed by a non-working day, so under the Offenders (Day of Release from Detention) Act 2023 the person is released on the preceding working day not itself followed by a non-working day, ${day(d.effective)}.`,
    );
  } else if (d.dayOfRelease !== 'NOT_BEFORE_NON_WORKING_DAY') {
    parts.push(`${day(d.afterStatute)} is followed by a non-working day, but the day-of-release rule is not applied: ${reasons[d.dayOfRelease]}.`);
  }
  return { rule: releaseRuleId(d), text: parts.join(' ') };
}
