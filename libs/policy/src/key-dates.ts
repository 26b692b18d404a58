import { addCalendarDays, addHours, londonDateOf } from './dates';
import { decideSupervisionEnd, dueBeforeReleaseDate, dueOnWorkingDay, explainSupervisionEnd, firstAppointmentDue } from './deadlines';
import { decideHandover, explainHandover } from './handover';
import { DEFAULT_POLICY, IN_FORCE_FROM_THE_START, type PolicyVersion } from './policy-version';
import { deriveEffectiveReleaseDate, earliestReleaseDate, explainEffectiveReleaseDate, precedingEligibleWorkingDay } from './release-date';
import { type Explanation, type IsoDate, type KeyDates, type KeyDatesExplained, type OffenceCategory, type TimelineInput } from './types';
import { parseTimelineInput } from './validation';

/** An offence category in the words of a rule's text ("a violent offence"), not its code. */
const OFFENCE_WORDS: Record<OffenceCategory, string> = { VIOLENT: 'violent', SEXUAL: 'sexual', OTHER: 'other' };

const ERD_TEXT = {
  TARIFF_DATE: 'the tariff date (an indeterminate sentence: the end of its minimum term)',
  PAROLE_ELIGIBILITY_DATE: 'the parole eligibility date',
  AUTOMATIC_RELEASE_DATE: 'the automatic release date (the earlier of the automatic and conditional release dates, unadjusted)',
  CONDITIONAL_RELEASE_DATE: 'the conditional release date (the earlier of the automatic and conditional release dates, unadjusted)',
} as const;

interface Due {
  date: IsoDate;
  compressed: boolean;
  text: string;
}

/** A due date counted back from release: moved to a working day, then compressed if before reception. */
function dueBeforeRelease(what: string, release: IsoDate, days: number, receptionDate: IsoDate): Due {
  const raw = addCalendarDays(release, -days);
  const { due, compressed, capped } = dueBeforeReleaseDate(raw, receptionDate, release);
  const onWorkingDay = dueOnWorkingDay(raw);
  let text = `${what} is due ${days} days before the release date ${release}: ${raw}`;
  text += onWorkingDay === raw ? '.' : `, a non-working day, so the preceding working day ${onWorkingDay}.`;
  if (compressed && !capped) text += ` That is before reception on ${receptionDate}, so it is compressed to the next working day after reception, ${due}.`;
  if (capped) text += ` That is before reception on ${receptionDate}, and the next working day after reception is after release, so it is due on the release date ${due}.`;
  return { date: due, compressed, text };
}

/** The rule id of a release date moved one eligible working day earlier on request. */
export const EARLIER_RELEASE_RULE = 'RELEASE_ONE_ELIGIBLE_WORKING_DAY_EARLIER';

/** A recorded decision to release one eligible working day earlier than the effective release date `from`. */
export interface EarlierRelease {
  from: IsoDate;
}

/**
 * Every key date with the rule behind it. The input is validated first: a bad input is refused, never guessed.
 * With `earlier`, and while the effective release date is still `earlier.from`, the person is released on the
 * preceding eligible working day and every date counted from release follows.
 */
export function explainKeyDates(rawInput: TimelineInput, policy: PolicyVersion = DEFAULT_POLICY, earlier?: EarlierRelease): KeyDatesExplained {
  const input = parseTimelineInput(rawInput, policy);
  const f = policy.figures;
  const erd = earliestReleaseDate(input);
  const hdc = input.hdcApprovedDate ?? null;
  const release = deriveEffectiveReleaseDate(
    hdc ?? erd.date,
    {
      sentenceType: input.sentenceType,
      sentenceStartDate: input.sentenceStartDate,
      paroleDirected: erd.source === 'PAROLE_ELIGIBILITY_DATE',
      homeDetentionCurfew: Boolean(hdc) || input.homeDetentionCurfew,
      termDays: input.sentenceLengthDays,
    },
    policy,
  );
  const earlierApplies = earlier !== undefined && earlier.from === release.effective;
  const releaseDate = earlierApplies ? precedingEligibleWorkingDay(release.effective) : release.effective;
  const receptionDate = londonDateOf(input.receptionAt);
  const dutyToRefer = dueBeforeRelease('The duty to refer to the local housing authority', releaseDate, f.dutyToReferDaysBeforeRelease, receptionDate);
  const reviewDue = dueBeforeRelease('The pre-release review', releaseDate, f.preReleaseReview.dueDaysBeforeRelease, receptionDate);
  const reviewOpens = addCalendarDays(releaseDate, -f.preReleaseReview.opensDaysBeforeRelease);
  const handoverFacts = {
    sentenceType: input.sentenceType,
    sentenceStartDate: input.sentenceStartDate,
    earliestReleaseDate: erd.date,
    hasParoleEligibilityDate: Boolean(input.paroleEligibilityDate),
    earlyAllocation: input.earlyAllocation,
  };
  const handover = decideHandover(handoverFacts, policy);
  const victimCategory = f.victimContact.offenceCategories.includes(input.offenceCategory);
  const victimLength = input.sentenceType === 'INDETERMINATE' || (input.sentenceLengthMonths ?? 0) >= f.victimContact.minSentenceMonths;
  const supervision = decideSupervisionEnd(input, releaseDate, policy);
  const releaseExplained = explainEffectiveReleaseDate(release, policy);

  const keyDates: KeyDates = {
    policyVersion: policy.id,
    earliestReleaseDate: erd.date,
    releaseDate,
    custodyScreeningDueAt: addHours(input.receptionAt, f.custodyScreeningHours),
    dutyToReferDue: dutyToRefer.date,
    preReleaseReviewOpens: reviewOpens,
    preReleaseReviewDue: reviewDue.date,
    handoverDate: handover.handoverDate,
    comResponsibleFromStart: handover.comResponsibleFromStart,
    firstAppointmentDue: firstAppointmentDue(releaseDate, policy),
    supervisionEndDate: supervision.date,
    victimContactEligible: victimCategory && victimLength,
  };

  const explanations: Record<keyof KeyDates, Explanation> = {
    policyVersion: { rule: 'POLICY_VERSION', text: `Policy version ${policy.id}, in force ${policy.effectiveFrom <= IN_FORCE_FROM_THE_START ? 'from the start' : `from ${policy.effectiveFrom}`}.` },
    earliestReleaseDate: { rule: `ERD_FROM_${erd.source}`, text: `The earliest release date is ${ERD_TEXT[erd.source]}, ${erd.date}.` },
    releaseDate: earlierApplies
      ? { rule: EARLIER_RELEASE_RULE, text: `${releaseExplained.text} On request (a recorded decision) the person is released one eligible working day earlier, ${releaseDate}.` }
      : hdc
      ? { rule: 'RELEASE_ON_HDC_APPROVED_DATE', text: `Home detention curfew is approved from ${hdc}: the person is released on that date, with the statute step only. ${releaseExplained.text}` }
      : releaseExplained,
    custodyScreeningDueAt: {
      rule: 'CUSTODY_SCREENING_HOURS_AFTER_RECEPTION',
      text: `The custody screening is due ${f.custodyScreeningHours} hours (clock time) after reception at ${input.receptionAt}.`,
    },
    dutyToReferDue: { rule: 'DUTY_TO_REFER_DAYS_BEFORE_RELEASE', text: dutyToRefer.text },
    preReleaseReviewOpens: {
      rule: 'PRE_RELEASE_REVIEW_OPENS_DAYS_BEFORE_RELEASE',
      text: `The pre-release review opens ${f.preReleaseReview.opensDaysBeforeRelease} days before the release date ${releaseDate}. A window opening date is not moved off a non-working day.`,
    },
    preReleaseReviewDue: { rule: 'PRE_RELEASE_REVIEW_DUE_DAYS_BEFORE_RELEASE', text: reviewDue.text },
    handoverDate: explainHandover(handover, handoverFacts, policy),
    comResponsibleFromStart: {
      rule: handover.comResponsibleFromStart ? 'HANDOVER_RULE_3_COM_RESPONSIBLE_FROM_START' : 'HANDOVER_AT_HANDOVER_DATE',
      text: handover.comResponsibleFromStart
        ? 'The community offender manager is responsible from the start of the sentence (handover rule 3).'
        : `The prison is responsible until the handover on ${handover.handoverDate ?? ''}; the community offender manager from then on.`,
    },
    firstAppointmentDue: {
      rule: 'FIRST_APPOINTMENT_NEXT_WORKING_DAY',
      text: `The first community appointment is due by the next working day after release on ${releaseDate}.`,
    },
    supervisionEndDate: explainSupervisionEnd(supervision, input, releaseDate, policy),
    victimContactEligible: {
      rule: 'VICTIM_CONTACT_SCHEME',
      text: `The victim contact scheme applies to ${f.victimContact.offenceCategories.map((c) => OFFENCE_WORDS[c]).join(' or ')} offences with a sentence of ${f.victimContact.minSentenceMonths} months or more: this is ${OFFENCE_WORDS[input.offenceCategory] === 'other' ? 'an offence of another kind' : `a ${OFFENCE_WORDS[input.offenceCategory]} offence`} with ${input.sentenceType === 'INDETERMINATE' ? 'an indeterminate sentence (always long enough)' : `a sentence of ${input.sentenceLengthMonths ?? 0} months`}, so it ${victimCategory && victimLength ? 'applies' : 'does not apply'}.`,
    },
  };

  const compressed: (keyof KeyDates)[] = [];
  if (dutyToRefer.compressed) compressed.push('dutyToReferDue');
  if (reviewDue.compressed) compressed.push('preReleaseReviewDue');
  return { keyDates, explanations, compressed };
}

/** The key dates for sentence facts, under a policy version. */
export function computeKeyDates(input: TimelineInput, policy: PolicyVersion = DEFAULT_POLICY): KeyDates {
  return explainKeyDates(input, policy).keyDates;
}
