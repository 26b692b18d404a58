import { MET_PATHWAY_STATUSES } from '@ttg/policy/readiness';
import type { Stage, TaskStatus } from './domain';
import type { HandoverStatus } from './pathway';

/** An open task: not yet completed or cancelled, whether or not someone has claimed it. */
export const OPEN_TASK_STATUSES = ['OPEN', 'IN_PROGRESS'] as const satisfies readonly TaskStatus[];

export function isOpenTask(status: string): boolean {
  return (OPEN_TASK_STATUSES as readonly string[]).includes(status);
}

/** A SQL list of string literals, for the fixed facts below (never for user input). */
export function sqlList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')})`;
}

/** The open-task condition on a tasks table alias (default `t`), for repositories. */
export function openTaskSql(alias = 't'): string {
  return `${alias ? `${alias}.` : ''}status IN ${sqlList(OPEN_TASK_STATUSES)}`;
}

/** Pathway statuses that leave nothing open at release (the policy's readiness rules own the list). */
export { MET_PATHWAY_STATUSES };

export function isMetPathway(status: string): boolean {
  return (MET_PATHWAY_STATUSES as readonly string[]).includes(status);
}

/** The handover statuses a handover inbox shows, in the order its filter offers them. */
export const HANDOVER_INBOX_STATUSES = ['AWAITING_ACCEPTANCE', 'SENT_BACK', 'ACCEPTED', 'COM_ALLOCATED'] as const satisfies readonly HandoverStatus[];

/** The handover status that settles who supervises on release. */
export const HANDOVER_ACCEPTED = 'ACCEPTED' satisfies HandoverStatus;

/** The team a community task is counted under while its case has no probation team (a key, not words: the pages say "No probation team"). */
export const NO_PROBATION_TEAM = 'unallocated';

/**
 * Stages whose people an overdue-release list never holds: released (supervision), closed, or
 * recalled to custody (their release date is the one they were released on, not one to come).
 */
export const OFF_RELEASE_LIST_STAGES = ['SUPERVISION', 'RECALLED', 'CLOSED'] as const satisfies readonly Stage[];

/** The people an overdue-release list can hold (cases table alias `c`): active, still to be released, with a release date. */
export const RELEASE_LIST_SQL = `c.active AND c.stage NOT IN ${sqlList(OFF_RELEASE_LIST_STAGES)} AND c.release_date IS NOT NULL`;

/**
 * Why a person due out is not ready, as SQL on the cases table (alias `c`, today as `todayParam`):
 * one condition per reason of the policy's overdue-release rules (OVERDUE_RELEASE_REASONS), which
 * the read model's columns mirror. A case is listed when any holds.
 */
export function overdueReleaseSql(todayParam: string) {
  return {
    PAST_RELEASE_DATE_NOT_RELEASED: `c.release_date < ${todayParam}`,
    UNMET_NEEDS: 'c.unmet_needs',
    NO_COM_ALLOCATED: 'c.com_user_id IS NULL',
    HANDOVER_NOT_ACCEPTED: `c.handover_status IS DISTINCT FROM '${HANDOVER_ACCEPTED}'`,
    OVERDUE_TASKS: 'c.overdue_tasks > 0',
  };
}
