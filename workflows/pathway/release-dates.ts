import type { Actor, ChangeReleaseDatesCommand, EarlierReleaseCommand, SentenceFacts } from '@ttg/contracts';
import { SENTENCE_FACT_FIELDS } from '@ttg/contracts';
import type { KeyDatesResult } from '../../activities/pathway-activities.types';
import { nowIso, policy, type PathwayRun } from './context';
import { createTask } from './tasks';
import { rebaseAfterDateChange } from './timers';
import { victimInScheme } from './victim';

/** New release dates: the key dates again from the policy, every deadline re-based, the handover and victim liaison following. */

const RELEASE_FIELDS = ['conditionalReleaseDate', 'automaticReleaseDate', 'paroleEligibilityDate', 'homeDetentionCurfew'] as const;

/** The sentence facts with a change applied (a null clears a date: HDC refused or revoked clears hdcApprovedDate). */
function changedSentence(sentence: SentenceFacts, cmd: ChangeReleaseDatesCommand): SentenceFacts {
  const next: SentenceFacts = { ...sentence };
  for (const field of RELEASE_FIELDS) if (cmd[field] !== undefined) Object.assign(next, { [field]: cmd[field] });
  for (const field of SENTENCE_FACT_FIELDS) if (cmd[field] !== undefined) next[field] = cmd[field];
  return next;
}

/** The new key dates become the case's; the deadlines counted from them follow. */
async function adopt(run: PathwayRun, sentence: SentenceFacts, kd: KeyDatesResult, actor: Actor, audit: () => void): Promise<void> {
  const state = run.state;
  const before = state.keyDates;
  state.sentence = sentence;
  state.keyDates = kd.keyDates;
  state.compressed = kd.compressed;
  state.handover.handoverDate = kd.keyDates.handoverDate;
  state.handover.comResponsibleFromStart = kd.keyDates.comResponsibleFromStart;
  audit();
  await rebaseAfterDateChange(run, actor, before.handoverDate);
  const reviewed = state.tasks.some((t) => t.type === 'PRE_RELEASE_REVIEW' && t.status === 'COMPLETED');
  if (kd.keyDates.victimContactEligible && before.releaseDate !== kd.keyDates.releaseDate && (reviewed || victimInScheme(run))) {
    await createTask(run, 'VICTIM_CONTACT', { kind: 'KEY_DATE', keyDate: 'releaseDate' }, { title: `Tell the victim liaison officer: release date now ${kd.keyDates.releaseDate ?? 'unknown'}`, victimStep: 'LIAISON' });
  }
}

export async function changeReleaseDates(run: PathwayRun, cmd: ChangeReleaseDatesCommand): Promise<void> {
  const state = run.state;
  const beforeSentence = { ...state.sentence };
  const before = state.keyDates;
  const sentence = changedSentence(state.sentence, cmd);
  const earlier = state.earlierRelease;
  const kd = await policy.computeKeyDates({ sentence, policyVersionId: state.policyVersionId, now: nowIso(), ...(earlier ? { earlierReleaseFrom: earlier.from } : {}) });
  await adopt(run, sentence, kd, cmd.actor, () => {
    run.audit(cmd.actor, 'RELEASE_DATES_CHANGED', {
      before: { sentence: beforeSentence, releaseDate: before.releaseDate, handoverDate: before.handoverDate },
      after: { sentence, releaseDate: kd.keyDates.releaseDate, handoverDate: kd.keyDates.handoverDate },
      details: { reason: cmd.reason },
    });
    // A one-day-earlier decision stands only while the law's release date is the one it moved from.
    if (earlier && !kd.earlierReleaseFrom) {
      state.earlierRelease = null;
      run.audit(cmd.actor, 'EARLIER_RELEASE_LAPSED', { before: earlier, details: { reason: 'The release date it was made for has changed' } });
    }
  });
}

/** One eligible working day earlier than the effective release date, on request (a recorded decision). */
export async function releaseOneDayEarlier(run: PathwayRun, cmd: EarlierReleaseCommand): Promise<void> {
  const state = run.state;
  const from = state.keyDates.releaseDate;
  const kd = await policy.computeKeyDates({ sentence: state.sentence, policyVersionId: state.policyVersionId, now: nowIso(), earlierReleaseFrom: from });
  const decision = { from, to: kd.keyDates.releaseDate, reason: cmd.reason, decidedBy: cmd.actor.userId };
  await adopt(run, state.sentence, kd, cmd.actor, () => {
    state.earlierRelease = decision;
    run.audit(cmd.actor, 'EARLIER_RELEASE_DECIDED', { before: { releaseDate: from }, after: { releaseDate: decision.to }, details: { reason: cmd.reason } });
  });
}
