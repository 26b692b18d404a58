import { OPEN_TASK_STATUSES, openTaskSql } from '@ttg/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { liveAndArchived } from '@ttg/persistence/archive';
import type { Principal } from '../auth/principal';
import { type After, type Counting, type ListPage, type ListSql, listPage } from '../common/page';
import { counterScope, DashboardCountersRepository } from '../dashboard/dashboard-counters.repository';
import { caseScope, taskScope } from '../auth/scope';
import { personSearchSql, personSearchValue } from '../cases/case.repository';
import type { TaskRow } from './task.presenter';

export interface TaskListFilter {
  caseId?: string;
  status?: string[];
  type?: string[];
  pathway?: string;
  side?: string;
  assignee?: string;
  overdue?: boolean;
  dueFrom?: string;
  dueTo?: string;
  /** A person: prison number, name or full name, or date of birth (see personSearchValue). */
  q?: string;
  sort: 'dueAt' | 'createdAt' | 'type';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  /** Keyset paging: the page after this row (the `next` cursor of the page before). */
  after?: After;
}

const SORT: Record<TaskListFilter['sort'], Pick<ListSql['sort'], 'expr' | 'type'>> = {
  dueAt: { expr: 't.due_at', type: 'timestamptz' },
  createdAt: { expr: 't.created_at', type: 'timestamptz' },
  type: { expr: 't.type', type: 'text' },
};
const OPEN = openTaskSql();

/** Reads of the task read model, always joined to the case and the caller's scope. */
@Injectable()
export class TaskRepository {
  private readonly counters: DashboardCountersRepository;

  constructor(private readonly ds: DataSource) {
    this.counters = new DashboardCountersRepository(ds);
  }

  byCase(caseId: string): Promise<TaskRow[]> {
    return this.ds.query(`SELECT t.*, t.due_date::text AS due_date FROM ${liveAndArchived('tasks', 'case_id = $1')} t ORDER BY t.created_at, t.id`, [caseId]);
  }

  async findInScope(id: string, user: Principal, today: string): Promise<TaskRow | null> {
    const scope = caseScope(user, today, 2);
    const rows: TaskRow[] = await this.ds.query(
      `SELECT t.*, t.due_date::text AS due_date, c.sentence->>'receptionAt' AS reception_at FROM ${liveAndArchived('tasks', 'id = $1')} t JOIN cases c ON c.id = t.case_id WHERE ${scope.sql}`,
      [id, ...scope.params],
    );
    return rows[0] ?? null;
  }

  /**
   * A page of tasks in the caller's scope: by page number or after a cursor, and the total as
   * `counting` asks, or (a manager's list of open or overdue tasks, by type and side at most)
   * from the counters the projection keeps, which answer the same figure from a few rows.
   */
  async list(user: Principal, today: string, f: TaskListFilter, counting: Counting = 'exact'): Promise<ListPage<TaskRow>> {
    const scope = taskScope(user, today, 1);
    const params: unknown[] = [...scope.params];
    const where: string[] = [scope.sql];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.caseId) add((n) => `t.case_id = ${n}`, f.caseId);
    if (f.status?.length) add((n) => `t.status = ANY(${n})`, f.status);
    if (f.type?.length) add((n) => `t.type = ANY(${n})`, f.type);
    if (f.pathway) add((n) => `t.pathway = ${n}`, f.pathway);
    if (f.side) add((n) => `t.side = ${n}`, f.side);
    if (f.assignee === 'unassigned') where.push('t.assignee IS NULL');
    else if (f.assignee) add((n) => `t.assignee = ${n}`, f.assignee);
    if (f.overdue === true) where.push(`t.overdue AND ${OPEN}`);
    if (f.overdue === false) where.push(`NOT (t.overdue AND ${OPEN})`);
    if (f.dueFrom) add((n) => `t.due_date >= ${n}`, f.dueFrom);
    if (f.dueTo) add((n) => `t.due_date <= ${n}`, f.dueTo);
    if (f.q) add((n) => personSearchSql(n), personSearchValue(f.q));
    const counted = await this.countedTotal(user, f);
    return listPage<TaskRow>(
      this.ds,
      {
        columns: `t.*, t.due_date::text AS due_date, c.prison_number, c.given_name, c.family_name, c.release_date::text AS release_date`,
        from: 'tasks t JOIN cases c ON c.id = t.case_id',
        // The filters are on the task but for the person search: the count joins the case only when the scope or the search needs it.
        countFrom: scope.needsCase || f.q ? undefined : 'tasks t',
        where: where.join(' AND '),
        params,
        sort: { ...SORT[f.sort], desc: f.order === 'desc', id: 't.id', idType: 'text' },
      },
      f,
      counted ?? counting,
    );
  }

  /**
   * The total from the counters when the list is one they keep: a manager's open tasks, or open
   * and overdue ones, of the whole scope, by type and side at most (null otherwise).
   */
  private async countedTotal(user: Principal, f: TaskListFilter): Promise<number | null> {
    if (user.role !== 'MANAGER' || f.caseId || f.pathway || f.assignee || f.dueFrom || f.dueTo || f.q || f.overdue === false) return null;
    const openOnly = f.status !== undefined && f.status.length === OPEN_TASK_STATUSES.length && OPEN_TASK_STATUSES.every((s) => f.status?.includes(s));
    if (f.overdue !== true && !openOnly) return null;
    if (f.overdue === true && f.status !== undefined && !openOnly) return null;
    const scope = counterScope(user, 1);
    if (!scope) return null;
    return this.counters.openTaskTotal(scope, { overdue: f.overdue === true, types: f.type, side: f.side });
  }

  /** Open tasks held by one user, within the caller's scope (for bulk reassignment). */
  openAssignedTo(userId: string, user: Principal, today: string): Promise<TaskRow[]> {
    const scope = caseScope(user, today, 2);
    return this.ds.query(
      `SELECT t.*, t.due_date::text AS due_date FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE t.assignee = $1 AND ${OPEN} AND c.active AND ${scope.sql} ORDER BY t.due_at`,
      [userId, ...scope.params],
    );
  }
}
