import type { KeyDates } from '@ttg/policy';
import { roleEntry, ROLES, TASK_CATALOGUE, TASK_TYPES, type NeedStatus, type Pathway, type PathwayStatus, type Role, type Stage, type TaskStatus, type TaskType } from '@ttg/contracts';
import type { NotificationKind } from '@ttg/contracts/pathway';
import { NOTIFICATION_KIND_NAMES } from '@ttg/contracts/notification-text';

/** Words people read for the product's codes. Presentation only: no rule lives here. */

/** Each role's name, from the role catalogue. */
export const ROLE_LABELS = Object.fromEntries(ROLES.map((r) => [r, roleEntry(r).label])) as Record<Role, string>;

export const PATHWAY_LABELS: Record<Pathway, string> = {
  ACCOMMODATION: 'Accommodation',
  EDUCATION_SKILLS_AND_WORK: 'Education, skills and work',
  FINANCE_ID_AND_DEBT: 'Finance, ID and debt',
  DRUGS_AND_ALCOHOL: 'Drugs and alcohol',
  HEALTH: 'Health',
  CHILDREN_FAMILIES_AND_COMMUNITIES: 'Children, families and communities',
  ATTITUDES_THINKING_AND_BEHAVIOUR: 'Attitudes, thinking and behaviour',
};

export interface TagView {
  text: string;
  classes: string;
}

/** One colour for a status wherever it shows: a pathway's, a need's or a task's. */
const STATUS_COLOURS = {
  NOT_STARTED: 'grey', IN_PROGRESS: 'light-blue', SUPPORT_REQUIRED: 'orange', SUPPORT_NOT_REQUIRED: 'grey', SUPPORT_DECLINED: 'yellow',
  DONE: 'green', MET: 'green', OPEN: 'blue', COMPLETED: 'green', CANCELLED: 'grey',
} satisfies Record<PathwayStatus | NeedStatus | TaskStatus, string>;

/** A status table's tags: its words, in the status's colour. */
function statusTags<S extends keyof typeof STATUS_COLOURS>(words: Record<S, string>): Record<S, TagView> {
  return Object.fromEntries((Object.keys(words) as S[]).map((s) => [s, { text: words[s], classes: `govuk-tag--${STATUS_COLOURS[s]}` }])) as Record<S, TagView>;
}

export const PATHWAY_STATUS_TAGS = statusTags<PathwayStatus>({
  NOT_STARTED: 'Not started', IN_PROGRESS: 'In progress', SUPPORT_REQUIRED: 'Support required', SUPPORT_NOT_REQUIRED: 'Support not required', SUPPORT_DECLINED: 'Support declined', DONE: 'Done',
});
export const NEED_STATUS_TAGS = statusTags<NeedStatus>({
  NOT_STARTED: 'Not assessed', SUPPORT_REQUIRED: 'Support required', IN_PROGRESS: 'Unmet: in progress', MET: 'Met', SUPPORT_DECLINED: 'Support declined', SUPPORT_NOT_REQUIRED: 'No need',
});
export const TASK_STATUS_TAGS = statusTags<TaskStatus>({ OPEN: 'Open', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', CANCELLED: 'Cancelled' });

export const FLAG_TAGS = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  escalated: { text: 'Escalated', classes: 'govuk-tag--purple' },
  compressed: { text: 'Compressed', classes: 'govuk-tag--yellow' },
  lostContact: { text: 'Lost contact', classes: 'govuk-tag--red' },
} satisfies Record<string, TagView>;

/** What each flag means, shown beside the lists that use them ("What the tags mean"). */
export const FLAG_HINTS = {
  overdue: 'The deadline has passed and the task is not done.',
  escalated: 'Overdue for long enough that a manager has been told.',
  compressed: 'The policy deadline had already passed when the step opened, so it is due on the next working day instead.',
  lostContact: 'No successful contact for too long: the community offender manager must re-establish contact.',
} satisfies Record<keyof typeof FLAG_TAGS, string>;

/** The tags of a person's supervision, and what each means. */
export const SUPERVISION_TAGS = {
  lostContactEscalated: { text: 'Lost contact escalated', classes: 'govuk-tag--purple' },
  paused: { text: 'Paused: recalled', classes: 'govuk-tag--grey' },
} satisfies Record<string, TagView>;
export const SUPERVISION_KEY = [
  { tag: FLAG_TAGS.lostContact, hint: FLAG_HINTS.lostContact },
  { tag: SUPERVISION_TAGS.lostContactEscalated, hint: 'Contact has been lost for long enough that a manager has been told.' },
  { tag: SUPERVISION_TAGS.paused, hint: 'Recalled to custody: supervision and its contact checks wait until the person is re-released.' },
];

/** A table of tags beside what each means, as the tag key macro ("What the tags mean") lists them, in the table's order. */
function tagKey<K extends string>(tags: Record<K, TagView>, hints: Record<K, string>): { tag: TagView; hint: string }[] {
  return (Object.keys(tags) as K[]).map((k) => ({ tag: tags[k], hint: hints[k] }));
}

/** The flags with their meaning, for the tag key macro. */
export const TAG_KEY = tagKey(FLAG_TAGS, FLAG_HINTS);

export const STAGE_LABELS: Record<Stage, string> = {
  CUSTODY_SCREENING: 'Custody screening',
  RISK_SCREENING: 'Risk of harm screening',
  RESETTLEMENT_PLAN: 'Resettlement plan',
  PATHWAY_WORK: 'Pathway work',
  PRE_RELEASE: 'Pre-release',
  SUPERVISION: 'Community supervision',
  RECALLED: 'Recalled to custody',
  CLOSED: 'Closed',
};

/** The key dates of a case, as the case page and the calculator name them. */
export const KEY_DATE_LABELS: Record<keyof KeyDates, string> = {
  policyVersion: 'Policy version',
  earliestReleaseDate: 'Earliest release date',
  releaseDate: 'Release date (the day they walk out)',
  custodyScreeningDueAt: 'Custody screening due',
  dutyToReferDue: 'Duty to refer due',
  preReleaseReviewOpens: 'Pre-release review opens',
  preReleaseReviewDue: 'Pre-release review due',
  handoverDate: 'Handover to the community',
  comResponsibleFromStart: 'COM responsible from the start',
  firstAppointmentDue: 'First community appointment due',
  supervisionEndDate: 'Supervision ends',
  victimContactEligible: 'Victim contact scheme',
};

/** Short task names, from the task catalogue. */
export const TASK_TYPE_LABELS = Object.fromEntries(TASK_TYPES.map((t) => [t, TASK_CATALOGUE[t].label])) as Record<TaskType, string>;

export const HANDOVER_STATUS_TAGS: Record<string, TagView> = {
  NOT_DUE: { text: 'Not due', classes: 'govuk-tag--grey' },
  ALLOCATION_DUE: { text: 'COM allocation due', classes: 'govuk-tag--yellow' },
  COM_ALLOCATED: { text: 'COM allocated', classes: 'govuk-tag--light-blue' },
  AWAITING_ACCEPTANCE: { text: 'Awaiting acceptance', classes: 'govuk-tag--blue' },
  SENT_BACK: { text: 'Sent back', classes: 'govuk-tag--orange' },
  ACCEPTED: { text: 'Accepted', classes: 'govuk-tag--green' },
};

/** What each handover state means, for the lists that show them. */
const HANDOVER_HINTS: Record<string, string> = {
  NOT_DUE: 'The handover date is still far off: no community offender manager is needed yet.',
  ALLOCATION_DUE: 'A manager must allocate a community offender manager (COM) before the handover date.',
  COM_ALLOCATED: 'A COM is allocated; the handover pack is not yet sent for acceptance.',
  AWAITING_ACCEPTANCE: 'The COM has the handover pack and must accept it or send it back.',
  SENT_BACK: 'The COM sent the pack back: the prison must complete what the COM asked for.',
  ACCEPTED: 'The COM has accepted the handover and is responsible from the handover date.',
};
export const HANDOVER_KEY = tagKey(HANDOVER_STATUS_TAGS, HANDOVER_HINTS);

/** Why someone due out soon is on the list, as a tag, and what each means. */
export const RELEASE_REASON_TAGS: Record<string, TagView> = {
  PAST_RELEASE_DATE_NOT_RELEASED: { text: 'Past release date', classes: 'govuk-tag--red' },
  UNMET_NEEDS: { text: 'Unmet needs', classes: 'govuk-tag--orange' },
  NO_COM_ALLOCATED: { text: 'No COM', classes: 'govuk-tag--red' },
  HANDOVER_NOT_ACCEPTED: { text: 'Handover not accepted', classes: 'govuk-tag--yellow' },
  OVERDUE_TASKS: { text: 'Overdue tasks', classes: 'govuk-tag--red' },
};
const RELEASE_REASON_HINTS: Record<string, string> = {
  PAST_RELEASE_DATE_NOT_RELEASED: 'The release date has passed and no release has been recorded: record it, or correct the dates.',
  UNMET_NEEDS: 'A need found at screening is not yet met (for example no address for release night).',
  NO_COM_ALLOCATED: 'No community offender manager is allocated yet.',
  HANDOVER_NOT_ACCEPTED: 'The COM has not yet accepted the handover.',
  OVERDUE_TASKS: 'At least one of their tasks is past its deadline.',
};
export const RELEASE_REASON_KEY = tagKey(RELEASE_REASON_TAGS, RELEASE_REASON_HINTS);

export const SIDE_LABELS: Record<string, string> = { PRISON: 'Prison', COMMUNITY: 'Community', MANAGER: 'Manager' };

/** Audit actions as a sentence's subject, for the case history timeline. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  UNLAWFULLY_AT_LARGE_RECORDED: 'Time unlawfully at large recorded',
  EARLIER_RELEASE_DECIDED: 'Release one working day earlier (decision)',
  EARLIER_RELEASE_LAPSED: 'Earlier release no longer applies (release date changed)',
  LICENCE_TERMINATED: 'Licence terminated',
  CASE_STARTED: 'Received into custody: case started',
  TASK_CREATED: 'Task created',
  TASK_CLAIMED: 'Task claimed',
  TASK_RELEASED: 'Task released back to the queue',
  TASK_ASSIGNED: 'Task assigned',
  TASK_COMPLETED: 'Task completed',
  TASK_CANCELLED: 'Task cancelled',
  TASK_OVERDUE: 'Task overdue',
  TASK_ESCALATED: 'Task escalated to a manager',
  STAGE_CHANGED: 'Stage changed',
  PATHWAY_DONE: 'Pathway done',
  RISK_LEVEL_CHANGED: 'Risk of harm level changed',
  RELEASE_DATES_CHANGED: 'Release dates changed',
  DEADLINE_REBASED: 'Deadline re-based',
  TRANSFERRED: 'Transferred to another prison',
  CONTACT_RECORDED: 'Supervision contact recorded',
  LOST_CONTACT: 'Lost contact flagged',
  LOST_CONTACT_ESCALATED: 'Lost contact escalated to a manager',
  LOST_CONTACT_CLEARED: 'Contact re-established',
  CHANGE_OF_CIRCUMSTANCES: 'Change of circumstances',
  WARNING_ISSUED: 'Warning issued',
  BREACH_ACTION: 'Breach action taken',
  RECALLED: 'Recalled to custody',
  RE_RELEASED: 'Re-released',
  SUPERVISION_STARTED: 'Community supervision started',
  SUPERVISION_RESUMED: 'Community supervision resumed',
  SUPERVISION_ENDED: 'Community supervision ended',
  COM_REALLOCATED: 'Community offender manager reallocated',
  CASE_CLOSED: 'Case closed',
};

const KIND_CLASSES: Record<NotificationKind, string> = {
  REMINDER: 'govuk-tag--blue',
  OVERDUE: 'govuk-tag--red',
  ESCALATION: 'govuk-tag--purple',
  LOST_CONTACT: 'govuk-tag--red',
  LOST_CONTACT_ESCALATION: 'govuk-tag--purple',
  HANDOVER: 'govuk-tag--turquoise',
  INFO: 'govuk-tag--grey',
};

export const NOTIFICATION_KIND_TAGS: Record<string, TagView> = Object.fromEntries(
  (Object.keys(KIND_CLASSES) as NotificationKind[]).map((k) => [k, { text: NOTIFICATION_KIND_NAMES[k], classes: KIND_CLASSES[k] }]),
);

/** A code to words, for values with no table above: `SUPPORT_DECLINED` → `Support declined`. */
export function humanise(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function labelOf<T extends string>(table: Record<T, string>, code: string | null | undefined, fallback = 'Not recorded'): string {
  if (code === null || code === undefined || code === '') return fallback;
  return (table as Record<string, string>)[code] ?? humanise(code);
}
