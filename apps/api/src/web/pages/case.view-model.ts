import { availableForms } from './manage.view-model';
import { can, isOpenTask, PATHWAYS, STAGES, type Pathway, type PathwayStatus, type Stage } from '@ttg/contracts';
import type { KeyDates, KeyDatesExplained } from '@ttg/policy';
import type { Principal } from '../../auth/principal';
import type { CaseView } from '../../cases/case.presenter';
import type { TaskView } from '../../tasks/task.presenter';
import { datesInWords, formatDate, formatDateTime, policyVersionWords } from '../support/format';
import { FLAG_TAGS, HANDOVER_STATUS_TAGS, KEY_DATE_LABELS, PATHWAY_LABELS, PATHWAY_STATUS_TAGS, STAGE_LABELS, labelOf, humanise, type TagView } from '../support/labels';
import { taskRow } from './task-list.view-model';
import { auditItem, type AuditEventRow } from './history.view-model';
import { needsView, readinessAlert, unmetNeedsText } from './needs.view-model';
import { planLinks } from './needs-plan.view-model';
import type { NeedView } from '../../cases/case.repository';
import { availableEvents } from './sentence-events.view-model';

/** The case as the API presents it, with its tasks (CaseService.view) and its tracked needs. */
export type CaseWithTasks = CaseView & { tasks: TaskView[]; needs?: NeedView[] };

interface HandoverState {
  handoverDate?: string | null;
  comResponsibleFromStart?: boolean;
  status?: string;
  comUserId?: string | null;
  comTeamCode?: string | null;
  acceptedAt?: string | null;
  prisonAccessUntil?: string | null;
  sentBackReason?: string | null;
  allocationOverdue?: boolean;
  allocationEscalated?: boolean;
}

interface Sentence {
  receptionAt?: string;
  sentenceStartDate?: string;
  sentenceType?: string;
  sentenceLengthMonths?: number;
  sentenceLengthDays?: number;
  conditionalReleaseDate?: string | null;
  automaticReleaseDate?: string | null;
  paroleEligibilityDate?: string | null;
  earlyAllocation?: boolean;
  homeDetentionCurfew?: boolean;
  offenceCategory?: string;
}

/** The key dates people see, in the order the pathway meets them. */
type KeyDateKind = 'date' | 'instant' | 'handover' | 'flag';
const KEY_DATE_ROWS: [keyof KeyDates, KeyDateKind][] = [
  ['custodyScreeningDueAt', 'instant'], ['handoverDate', 'handover'], ['preReleaseReviewOpens', 'date'], ['preReleaseReviewDue', 'date'], ['dutyToReferDue', 'date'],
  ['earliestReleaseDate', 'date'], ['releaseDate', 'date'], ['firstAppointmentDue', 'date'], ['supervisionEndDate', 'date'], ['victimContactEligible', 'flag'],
];

/** The main line of stages; a recall sits beside supervision. */
const STAGE_LINE: Stage[] = STAGES.filter((s) => s !== 'RECALLED');

export function stageProgress(stage: string): { label: string; state: 'done' | 'current' | 'todo'; note?: string }[] {
  const at = stage === 'RECALLED' ? STAGE_LINE.indexOf('SUPERVISION') : STAGE_LINE.indexOf(stage as Stage);
  return STAGE_LINE.map((s, i) => ({
    label: STAGE_LABELS[s],
    state: stage === 'CLOSED' || i < at ? 'done' : i === at ? 'current' : 'todo',
    note: stage === 'RECALLED' && s === 'SUPERVISION' ? 'Paused: recalled to custody' : undefined,
  }));
}

export function caseView(
  c: CaseWithTasks,
  ctx: {
    user: Principal;
    today: string;
    names: Map<string, string>;
    prisonName: string;
    teamName: string;
    explained: KeyDatesExplained | null;
    history: { items: AuditEventRow[]; total: number };
    /** The case's workflow in the Temporal UI: for administrators only (null for everyone else). */
    temporalUrl: string | null;
    /** The custody screening's answers per pathway (the read model's case detail). */
    needs: Record<string, boolean>;
  },
) {
  const keyDates = (c.keyDates ?? {}) as Partial<KeyDates>;
  const handover = (c.handover ?? {}) as HandoverState;
  const sentence = (c.sentence ?? {}) as Sentence;
  const pathways = (c.pathways ?? {}) as Record<string, PathwayStatus>;
  const needs = ctx.needs;
  const compressed = new Set<string>(ctx.explained?.compressed ?? []);
  const name = (id: string | null | undefined) => (id ? (id === ctx.user.id ? 'You' : ctx.names.get(id) ?? id) : 'Not allocated');
  const isOpen = (t: TaskView) => isOpenTask(t.status);
  const row = (t: TaskView) => ({ ...taskRow(t, ctx.user, ctx.names, ctx.today), completed: formatDate(t.completedAt ? new Date(t.completedAt) : null, 'short') });
  const flags: TagView[] = [
    ...(c.overdueTasks > 0 ? [{ text: `${c.overdueTasks} overdue`, classes: FLAG_TAGS.overdue.classes }] : []),
    ...(c.unmetNeeds && c.unmetNeedList.length > 0 && c.stage !== 'CLOSED' ? [{ text: unmetNeedsText(c.unmetNeedList), classes: 'govuk-tag--orange' }] : []),
    ...(c.lostContact ? [FLAG_TAGS.lostContact] : []),
  ];

  return {
    pageTitle: `${c.givenName} ${c.familyName}`,
    caseId: c.id,
    person: { name: `${c.givenName} ${c.familyName}`, prisonNumber: c.prisonNumber, dateOfBirth: formatDate(c.dateOfBirth), prison: ctx.prisonName },
    stage: { label: labelOf(STAGE_LABELS, c.stage), closed: !c.active },
    flags,
    personRows: [
      { key: 'Prison number', value: c.prisonNumber },
      { key: 'Date of birth', value: formatDate(c.dateOfBirth) },
      { key: 'Sex', value: c.sex === 'FEMALE' ? 'Female' : c.sex === 'MALE' ? 'Male' : 'Not recorded' },
      { key: 'Prison', value: ctx.prisonName },
      { key: 'Received into custody', value: formatDateTime(sentence.receptionAt) },
    ],
    sentenceRows: [
      { key: 'Sentence type', value: humanise(sentence.sentenceType ?? '') },
      { key: 'Length', value: `${sentence.sentenceLengthMonths ?? '?'} months${sentence.sentenceLengthDays !== undefined ? ` (${sentence.sentenceLengthDays} days)` : ''}` },
      { key: 'Sentence start', value: formatDate(sentence.sentenceStartDate) },
      { key: 'Offence category', value: humanise(sentence.offenceCategory ?? '') },
      { key: 'Conditional release date', value: formatDate(sentence.conditionalReleaseDate) || 'None' },
      { key: 'Automatic release date', value: formatDate(sentence.automaticReleaseDate) || 'None' },
      { key: 'Parole eligibility date', value: formatDate(sentence.paroleEligibilityDate) || 'None' },
      { key: 'Home detention curfew', value: sentence.homeDetentionCurfew ? 'Yes' : 'No' },
      { key: 'Early allocation (high profile)', value: sentence.earlyAllocation ? 'Yes' : 'No' },
      { key: 'Policy version', value: c.policyVersion ? policyVersionWords(c.policyVersion) : 'Not recorded' },
    ],
    keyDates: KEY_DATE_ROWS.map(([key, kind]) => {
      const v = keyDates[key];
      let value: string;
      if (kind === 'flag') value = v ? 'Applies' : 'Does not apply';
      else if (kind === 'handover' && !v) value = keyDates.comResponsibleFromStart ? 'None: the COM is responsible from the start' : 'None';
      else if (kind === 'instant') value = formatDateTime(typeof v === 'string' ? v : null);
      else value = formatDate(typeof v === 'string' ? v : null);
      const rule = ctx.explained?.explanations[key];
      return { label: KEY_DATE_LABELS[key], value, rule: datesInWords(rule?.text ?? ''), ruleId: rule?.rule ?? '', compressed: compressed.has(key) };
    }),
    stages: stageProgress(c.stage),
    pathways: PATHWAYS.map((p: Pathway) => ({
      label: PATHWAY_LABELS[p],
      status: PATHWAY_STATUS_TAGS[pathways[p] ?? 'NOT_STARTED'],
      need: needs[p] === undefined ? 'Not screened' : needs[p] ? 'Needs help' : 'No need',
      open: c.tasks.filter((t) => t.pathway === p && isOpen(t)).length,
    })),
    openTasks: c.tasks.filter(isOpen).sort((a, b) => a.dueAt.localeCompare(b.dueAt)).map(row),
    doneTasks: c.tasks.filter((t) => !isOpen(t)).map(row),
    handover: {
      status: HANDOVER_STATUS_TAGS[handover.status ?? ''] ?? { text: humanise(handover.status ?? 'NOT_DUE'), classes: 'govuk-tag--grey' },
      rows: [
        { key: 'Handover date', value: handover.handoverDate ? formatDate(handover.handoverDate) : handover.comResponsibleFromStart ? 'None: the COM is responsible from the start' : 'None' },
        { key: 'Community offender manager', value: name(handover.comUserId) },
        { key: 'Probation team', value: ctx.teamName || 'Not allocated' },
        ...(handover.acceptedAt ? [{ key: 'Accepted', value: formatDateTime(handover.acceptedAt) }] : []),
        ...(handover.sentBackReason ? [{ key: 'Sent back because', value: handover.sentBackReason }] : []),
        ...(handover.prisonAccessUntil ? [{ key: 'Prison staff can read the case until', value: formatDate(handover.prisonAccessUntil) }] : []),
      ],
      flags: [...(handover.allocationEscalated ? [{ text: 'Allocation escalated', classes: FLAG_TAGS.escalated.classes }] : handover.allocationOverdue ? [{ text: 'Allocation overdue', classes: FLAG_TAGS.overdue.classes }] : [])],
      packHref: `/cases/${c.id}/handover-pack`,
    },
    risk: riskRows(c.risk),
    supervision: c.supervision ? { href: `/cases/${c.id}/supervision` } : null,
    showSupervision: c.stage === 'SUPERVISION' || c.stage === 'RECALLED' || c.supervision !== null,
    /** Release dates change before release (after it, a recall comes first), by prison staff and managers. */
    /** Transfer, reallocation, closure: offered when the user may do at least one of them. */
    manageHref: Object.values(availableForms(c, ctx.user)).some(Boolean) ? `/cases/${c.id}/manage` : null,
    releaseDatesHref: c.active && c.stage !== 'SUPERVISION' && can(ctx.user.role, 'case.changeReleaseDates') ? `/cases/${c.id}/release-dates` : null,
    /** Licence termination, time unlawfully at large, an earlier release: offered when one of them may be recorded now. */
    sentenceEventsHref: availableEvents(c, ctx.user).length ? `/cases/${c.id}/sentence-events` : null,
    history: { items: ctx.history.items.map((e) => auditItem(e, ctx.names, new Map(c.tasks.map((t) => [t.id, t.title])))), total: ctx.history.total, href: `/cases/${c.id}/history` },
    temporalUrl: ctx.temporalUrl,
    policyVersion: c.policyVersion ? policyVersionWords(c.policyVersion) : 'not recorded',
    workflowId: c.workflowId,
    closure: c.closureSummary ? String(c.closureSummary) : null,
    needs: needsView({ needs: c.needs ?? [], immediateNeeds: c.immediateNeeds, riskFlags: c.riskFlags, unmetNeeds: c.unmetNeedList, releasedWithUnmetNeeds: c.releasedWithUnmetNeeds }, ctx.names),
    readinessAlert: readinessAlert(c.readinessAlarm, c.releasedWithUnmetNeeds !== null || c.stage === 'SUPERVISION' || c.stage === 'CLOSED'),
    plan: planLinks(c.id, c.needs ?? [], c.active && (c.needs ?? []).length > 0 && can(ctx.user.role, 'case.planNeeds')),
  };
}

function riskRows(risk: unknown): { key: string; value: string }[] {
  const r = (risk ?? {}) as { roshLevel?: string | null; domesticAbuse?: string | null; safeguarding?: string | null; riskManagementPlan?: string | null; homeVisitRequired?: boolean };
  const level = (v: string | null | undefined) => (v ? humanise(v) : 'Not yet screened');
  return [
    { key: 'Risk of serious harm', value: level(r.roshLevel) },
    { key: 'Domestic abuse check', value: r.domesticAbuse ? humanise(r.domesticAbuse) : 'Not requested' },
    { key: 'Child safeguarding check', value: r.safeguarding ? humanise(r.safeguarding) : 'Not requested' },
    { key: 'Risk management plan', value: r.riskManagementPlan ?? 'None' },
    { key: 'Home visit after release', value: r.homeVisitRequired ? 'Required' : 'Not required' },
  ];
}
