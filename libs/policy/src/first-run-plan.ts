import { planDeadline, startOfDayInstant, type Deadline } from './deadline-plan';
import { victimContactReferralDue } from './deadlines';
import { explainKeyDates } from './key-dates';
import type { PolicyVersion } from './policy-version';
import type { IsoDate, IsoInstant, KeyDates, TimelineInput } from './types';

/**
 * Everything a new case's first run asks of the policy, in one answer: its key dates, the
 * deadlines of the tasks opened on reception, and the instants of the dated windows.
 */
export interface FirstRunPlan {
  policyVersionId: string;
  keyDates: KeyDates;
  compressed: string[];
  screening: Deadline;
  /** Present when the case has a handover date and the COM is not responsible from the start. */
  comAllocation: Deadline | null;
  /** Start-of-day instants of the pre-release review window and release day, when those dates are known. */
  preReleaseReviewOpensAt: IsoInstant | null;
  releaseDayAt: IsoInstant | null;
  /**
   * The victim contact referral's date and deadline where the scheme applies. The workflow takes
   * it only from a plan made at reception (its input); a start without one opens the referral
   * step by step, as those histories ran (their recorded plans do not hold it).
   */
  victimReferral?: { on: IsoDate; deadline: Deadline } | null;
}

/**
 * The first-run plan of a person received under `policy`, recorded at `now`. The steps opened on
 * reception opened when the person was received, so a reception recorded later (a caseload
 * brought onto ttg, an entry made late) keeps the deadlines it had then: one already past is
 * overdue, not compressed to a fresh one, as the key dates' own compression counts from reception.
 */
export function planFirstRun(sentence: TimelineInput, policy: PolicyVersion, now: IsoInstant): FirstRunPlan {
  const { keyDates: k, compressed } = explainKeyDates(sentence, policy);
  const opened = stepsOpenedAt(sentence.receptionAt, now);
  const allocate = k.handoverDate !== null && !k.comResponsibleFromStart;
  const referralOn = k.victimContactEligible ? victimContactReferralDue(sentence.sentenceStartDate, policy) : null;
  return {
    policyVersionId: policy.id,
    keyDates: k,
    compressed,
    screening: planDeadline({ kind: 'INSTANT', at: sentence.receptionAt }, k, opened, policy),
    comAllocation: allocate && k.handoverDate ? planDeadline({ kind: 'COM_ALLOCATION', handoverDate: k.handoverDate }, k, opened, policy) : null,
    preReleaseReviewOpensAt: k.preReleaseReviewOpens ? startOfDayInstant(k.preReleaseReviewOpens) : null,
    releaseDayAt: k.releaseDate ? startOfDayInstant(k.releaseDate) : null,
    victimReferral: referralOn ? { on: referralOn, deadline: planDeadline({ kind: 'DATE', on: referralOn }, k, opened, policy) } : null,
  };
}

/** When the steps opened on reception opened: at reception, or at `now` for a reception dated ahead of it. */
function stepsOpenedAt(receptionAt: IsoInstant, now: IsoInstant): IsoInstant {
  return Date.parse(receptionAt) < Date.parse(now) ? receptionAt : now;
}
