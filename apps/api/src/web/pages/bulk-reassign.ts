import { DomainError } from '../../common/domain-error';
import type { Confirmation } from '../support/confirmation';
import { plural } from '../support/format';
import type { StaffMember } from '../support/staff-directory';

const SIDE_WORDS: Record<string, string> = { PRISON: 'prison', COMMUNITY: 'community' };

/** Moving someone's whole caseload is confirmed first: who from, who to, how many. */
export function bulkReassignConfirmation(from: StaffMember, to: StaffMember, key: string | undefined): Confirmation {
  return {
    pageTitle: `Confirm moving ${from.displayName}’s tasks`,
    heading: `Move ${plural(from.openTasks, 'open task')} from ${from.displayName} to ${to.displayName}?`,
    rows: [
      { key: 'From', value: `${from.displayName} (${plural(from.openTasks, 'open task')})` },
      { key: 'To', value: `${to.displayName} (${plural(to.openTasks, 'open task')} already)` },
    ],
    warning: to.role !== from.role ? `${to.displayName} works on the ${to.role === 'COM' ? 'community' : 'prison'} side: tasks of the other side stay where they are.` : undefined,
    action: '/tasks/bulk-reassign',
    fields: { fromUserId: from.userId, toUserId: to.userId, ...(key ? { idempotencyKey: key } : {}) },
    confirmText: 'Yes, move the tasks',
    cancelHref: '/tasks?tab=all',
  };
}

/** What happened; moving nothing is an error, not a success. */
export function bulkReassignOutcome(result: { moved: number; skipped: { reason: string }[] }, fromName: string, toName: string): { title: string; text?: string } {
  const why = result.skipped.length ? `${plural(result.skipped.length, 'task')} could not be moved: ${toName} cannot work ${[...new Set(result.skipped.map((s) => sideOf(s.reason)))].join(' or ')} tasks, or the task was no longer open.` : undefined;
  if (result.moved === 0) throw new DomainError('VALIDATION_FAILED', result.skipped.length ? `No tasks were moved. ${why}` : `No tasks were moved: ${fromName} holds no open tasks you can move.`);
  return { title: `Moved ${plural(result.moved, 'task')} from ${fromName} to ${toName}`, text: why };
}

function sideOf(reason: string): string {
  const side = /cannot work (\w+) tasks/.exec(reason)?.[1]?.toUpperCase() ?? '';
  return SIDE_WORDS[side] ?? 'these';
}
