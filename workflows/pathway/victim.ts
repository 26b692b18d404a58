import type { TaskOutcome, TaskState } from '@ttg/contracts';
import type { FirstRunPlan } from '@ttg/policy';
import { policy, type PathwayRun } from './context';
import { createTask, openTask } from './tasks';

/**
 * The victim contact scheme from the sentence: where it applies, a referral to the victim liaison
 * officer on reception (due N working days after the sentence date), the victim's choice recorded
 * in its outcome, the licence conditions they ask for captured before the pre-release review is
 * due, and liaison on every change of release date. Versioned: histories before this replay as they ran.
 */
export const VICTIM_CONTACT_FROM_SENTENCE = 'victim-contact-from-sentence';

/** On reception, where the scheme applies: the referral, once. */
export async function openVictimReferral(run: PathwayRun, planned?: FirstRunPlan['victimReferral']): Promise<void> {
  const state = run.state;
  if (!state.keyDates.victimContactEligible || state.tasks.some((t) => t.victimStep === 'REFERRAL')) return;
  if (!run.patched(VICTIM_CONTACT_FROM_SENTENCE)) return;
  const opts = { title: 'Refer to the victim liaison officer (victim contact scheme)', victimStep: 'REFERRAL' as const };
  state.victim = { choice: null, requestedLicenceConditions: [] };
  if (planned) {
    openTask(run, 'VICTIM_CONTACT', planned.deadline, { kind: 'DATE', on: planned.on }, opts);
    return;
  }
  const due = await policy.victimReferralDue({ policyVersionId: state.policyVersionId, sentenceStartDate: state.sentence.sentenceStartDate });
  await createTask(run, 'VICTIM_CONTACT', { kind: 'DATE', on: due }, opts);
}

/** A victim contact task done: the referral records the victim's choice; their requested licence conditions are kept. */
export async function victimContactRecorded(run: PathwayRun, o: TaskOutcome<'VICTIM_CONTACT'>, task: TaskState): Promise<void> {
  const state = run.state;
  if (!state.victim) return;
  if (task.victimStep === 'REFERRAL') {
    state.victim.choice = o.victimChoice ?? null;
    const conditionsOpen = state.tasks.some((t) => t.victimStep === 'CONDITIONS');
    if (o.victimChoice === 'OPTED_IN' && !conditionsOpen && state.stage !== 'SUPERVISION') {
      await createTask(run, 'VICTIM_CONTACT', { kind: 'KEY_DATE', keyDate: 'preReleaseReviewDue' }, { title: "Record the victim's requested licence conditions", victimStep: 'CONDITIONS' });
    }
  }
  if (o.requestedLicenceConditions?.length) state.victim.requestedLicenceConditions = o.requestedLicenceConditions;
}

/** The victim is in the scheme: every change of release date goes to the victim liaison officer. */
export const victimInScheme = (run: PathwayRun): boolean => run.state.victim?.choice === 'OPTED_IN';
