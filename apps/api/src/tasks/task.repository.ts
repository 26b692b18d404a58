import { openTaskSql } from '@ttg/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { type Page, queryPage } from '../common/page';
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
}

const SORT: Record<TaskListFilter['sort'], string> = { dueAt: 't.due_at', createdAt: 't.created_at', type: 't.type' };
const OPEN = openTaskSql();

/** Reads of the task read model, always joined to the case and the caller's scope. */
@Injectable()
export class TaskRepository {
  constructor(private readonly ds: DataSource) {}

  byCase(caseId: string): Promise<TaskRow[]> {
    return this.ds.query(`SELECT t.*, t.due_date::text AS due_date FROM tasks t WHERE t.case_id = $1 ORDER BY t.created_at, t.id`, [caseId]);
  }

  async findInScope(id: string, user: Principal, today: string): Promise<TaskRow | null> {
    const scope = caseScope(user, today, 2);
    const rows: TaskRow[] = await this.ds.query(
      `SELECT t.*, t.due_date::text AS due_date FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = $1 AND ${scope.sql}`,
      [id, ...scope.params],
    );
    return rows[0] ?? null;
  }

  async list(user: Principal, today: string, f: TaskListFilter): Promise<Page<TaskRow>> {
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
    const whereSql = where.join(' AND ');
    const order = `${SORT[f.sort]} ${f.order === 'desc' ? 'DESC' : 'ASC'}, t.id`;
    return queryPage<TaskRow>(
      this.ds,
      `SELECT t.*, t.due_date::text AS due_date, c.prison_number, c.given_name, c.family_name, c.release_date::text AS release_date
         FROM tasks t JOIN cases c ON c.id = t.case_id WHERE ${whereSql} ORDER BY ${order}`,
      // The filters are on the task but for the person search: the count joins the case only when the scope or the search needs it.
      `SELECT count(*)::int AS n FROM tasks t${scope.needsCase || f.q ? ' JOIN cases c ON c.id = t.case_id' : ''} WHERE ${whereSql}`,
      params,
      f,
    );
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
