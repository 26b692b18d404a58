import type { Principal } from '../../auth/principal';
import { datesInWords, formatDate, formatDateTime } from '../support/format';
import { AUDIT_ACTION_LABELS, ROLE_LABELS, STAGE_LABELS, humanise, labelOf } from '../support/labels';
import { pagination } from '../support/pagination';
import { choiceText } from './task-forms';

import type { AuditEventRow } from '../../cases/case.repository';

export type { AuditEventRow };

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** What happened, in a sentence, from the event's before, after and details. */
function describe(e: AuditEventRow, names: Map<string, string>, taskTitles: Map<string, string>): string {
  const after = obj(e.after);
  const before = obj(e.before);
  const details = obj(e.details);
  const task = e.taskId ? taskTitles.get(e.taskId) ?? 'A task' : '';
  const who = (id: unknown) => (typeof id === 'string' ? names.get(id) ?? id : 'nobody');
  /** A prison or team by its name when the page has it. */
  const named = (code: unknown) => (typeof code === 'string' ? names.get(code) ?? code : '');
  const reason = text(details.reason);
  switch (e.action) {
    case 'TASK_CREATED':
      return `${task}, due ${formatDate(text(after.dueDate))}${after.compressed ? ' (compressed)' : ''}.`;
    case 'TASK_COMPLETED':
    case 'TASK_OVERDUE':
    case 'TASK_ESCALATED':
      return `${task}${after.dueDate ? `, due ${formatDate(text(after.dueDate))}` : ''}.`;
    case 'TASK_CLAIMED':
      return `${task}, by ${who(after.assignee)}.`;
    case 'TASK_RELEASED':
      return `${task}, released by ${who(before.assignee)}.`;
    case 'TASK_ASSIGNED':
      return `${task}, to ${who(after.assignee)}.`;
    case 'TASK_CANCELLED':
      return `${task}${reason ? `: ${reason}` : ''}.`;
    case 'STAGE_CHANGED':
      return `From ${labelOf(STAGE_LABELS, text(e.before))} to ${labelOf(STAGE_LABELS, text(e.after))}.`;
    case 'DEADLINE_REBASED':
      return `${task}: from ${formatDate(text(e.before))} to ${formatDate(text(e.after))}.`;
    case 'RELEASE_DATES_CHANGED':
      return `Release date from ${formatDate(text(before.releaseDate)) || 'none'} to ${formatDate(text(after.releaseDate)) || 'none'}${reason ? `. Reason: ${reason}` : ''}.`;
    case 'RISK_LEVEL_CHANGED':
      return `From ${e.before ? humanise(text(e.before)) : 'not screened'} to ${humanise(text(e.after))}.`;
    case 'TRANSFERRED':
      return `To ${named(after.prisonCode)}${reason ? `. Reason: ${reason}` : ''}.`;
    case 'CONTACT_RECORDED':
      return `${choiceText(text(after.kind))} contact on ${formatDate(text(after.date))}: ${choiceText(text(after.outcome))}.`;
    case 'COM_REALLOCATED':
      return `To ${who(after.comUserId)} (${named(after.comTeamCode)})${reason ? `. Reason: ${reason}` : ''}.`;
    case 'CHANGE_OF_CIRCUMSTANCES':
      return text(details.description);
    case 'SUPERVISION_STARTED':
    case 'SUPERVISION_RESUMED':
      return `Released on ${formatDate(text(after.releasedOn))}; ${after.endsOn ? `supervision ends ${formatDate(text(after.endsOn))}` : 'a licence with no fixed end'}.`;
    case 'UNLAWFULLY_AT_LARGE_RECORDED':
      return `${text(details.days)} days unlawfully at large: the end dates move later by as many days${reason ? `. Reason: ${reason}` : ''}.`;
    case 'EARLIER_RELEASE_DECIDED':
      return `Release moved from ${formatDate(text(before.releaseDate))} to ${formatDate(text(after.releaseDate))}${reason ? `. Reason: ${reason}` : ''}.`;
    case 'LICENCE_TERMINATED':
      return `Licence terminated on ${formatDate(text(after.terminatedOn))}${reason ? `. Reason: ${reason}` : ''}.`;
    case 'RE_RELEASED':
      return `On ${formatDate(text(details.releasedOn))}.`;
    case 'LOST_CONTACT':
    case 'LOST_CONTACT_ESCALATED':
      return `No successful contact since ${formatDate(text(details.lastSuccessfulContactOn))}.`;
    case 'CASE_CLOSED':
      return text(details.summary) || reason;
    default:
      return reason;
  }
}

/**
 * An audit event as an MoJ timeline item, dated when it happened: work recorded on a later day
 * (its `doneOn`) is dated that day, and says when it was recorded.
 */
export function auditItem(e: AuditEventRow, names: Map<string, string>, taskTitles: Map<string, string>) {
  const at = e.at instanceof Date ? e.at.toISOString() : e.at;
  const actor = e.actorRole === 'SYSTEM' ? 'ttg (automatically)' : `${names.get(e.actorId) ?? e.actorId}, ${labelOf(ROLE_LABELS, e.actorRole)}`;
  const doneOn = text(obj(e.details).doneOn);
  const said = describe(e, names, taskTitles);
  return {
    label: { text: AUDIT_ACTION_LABELS[e.action] ?? humanise(e.action) },
    byline: { text: actor },
    datetime: doneOn ? { timestamp: doneOn, type: 'date' } : { timestamp: at, type: 'datetime' },
    text: datesInWords(doneOn ? `${said} Done on ${formatDate(doneOn)}, recorded on ${formatDateTime(at)}.` : said),
  };
}

export const HISTORY_PAGE_SIZE = 25;

export function historyView(
  c: { id: string; givenName: string; familyName: string; prisonNumber: string },
  history: { items: AuditEventRow[]; total: number },
  page: number,
  ctx: { user: Principal; names: Map<string, string>; taskTitles: Map<string, string> },
) {
  return {
    pageTitle: `History: ${c.givenName} ${c.familyName}`,
    person: { name: `${c.givenName} ${c.familyName}`, prisonNumber: c.prisonNumber, caseHref: `/cases/${c.id}` },
    items: history.items.map((e) => auditItem(e, ctx.names, ctx.taskTitles)),
    pagination: pagination(page, HISTORY_PAGE_SIZE, history.total, (n) => `/cases/${c.id}/history${n === 1 ? '' : `?page=${n}`}`, 'events'),
  };
}
