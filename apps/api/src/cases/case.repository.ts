import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { caseScope } from '../auth/scope';
import type { Principal } from '../auth/principal';

export interface CaseRow {
  id: string;
  prison_number: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  prison_code: string;
  region_code: string;
  stage: string;
  active: boolean;
  sentence: unknown;
  key_dates: unknown;
  pathways: unknown;
  handover: unknown;
  risk: unknown;
  detail: unknown;
  release_date: string | null;
  handover_date: string | null;
  handover_status: string | null;
  com_user_id: string | null;
  com_team_code: string | null;
  prison_access_until: string | null;
  unmet_needs: boolean;
  overdue_tasks: number;
  lost_contact: boolean;
  policy_version: string | null;
  state_version: number;
  workflow_id: string;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

export interface CaseListFilter {
  prisonCode?: string;
  stage?: string;
  releaseFrom?: string;
  releaseTo?: string;
  overdue?: boolean;
  q?: string;
  active?: boolean;
  sort: 'releaseDate' | 'familyName' | 'createdAt';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const SORT_COLUMNS: Record<CaseListFilter['sort'], string> = {
  releaseDate: 'c.release_date',
  familyName: 'lower(c.family_name)',
  createdAt: 'c.created_at',
};

/** Reads of the case read model. Every method takes the caller and applies their scope. */
@Injectable()
export class CaseRepository {
  constructor(private readonly ds: DataSource) {}

  async findInScope(id: string, user: Principal, today: string): Promise<CaseRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const scope = caseScope(user, today, 2);
    const rows: CaseRow[] = await this.ds.query(`SELECT c.* FROM cases c WHERE c.id = $1 AND ${scope.sql}`, [id, ...scope.params]);
    return rows[0] ?? null;
  }

  async list(user: Principal, today: string, f: CaseListFilter): Promise<{ items: CaseRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const scope = caseScope(user, today, 1);
    params.push(...scope.params);
    where.push(scope.sql);
    if (f.active !== undefined) add((n) => `c.active = ${n}`, f.active);
    if (f.prisonCode) add((n) => `c.prison_code = ${n}`, f.prisonCode);
    if (f.stage) add((n) => `c.stage = ${n}`, f.stage);
    if (f.releaseFrom) add((n) => `c.release_date >= ${n}`, f.releaseFrom);
    if (f.releaseTo) add((n) => `c.release_date <= ${n}`, f.releaseTo);
    if (f.overdue !== undefined) where.push(f.overdue ? 'c.overdue_tasks > 0' : 'c.overdue_tasks = 0');
    if (f.q) add((n) => `(lower(c.family_name) LIKE ${n} OR lower(c.given_name) LIKE ${n} OR lower(c.prison_number) LIKE ${n})`, `${f.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`);
    const whereSql = where.join(' AND ');
    const order = `${SORT_COLUMNS[f.sort]} ${f.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, c.id`;
    const [items, count]: [CaseRow[], { n: number }[]] = await Promise.all([
      this.ds.query(`SELECT c.* FROM cases c WHERE ${whereSql} ORDER BY ${order} LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params),
      this.ds.query(`SELECT count(*)::int AS n FROM cases c WHERE ${whereSql}`, params),
    ]);
    return { items, total: count[0].n };
  }

  async history(caseId: string, page: number, pageSize: number) {
    const rows: unknown[] = await this.ds.query(
      `SELECT id, at, actor_id AS "actorId", actor_role AS "actorRole", action, task_id AS "taskId", before, after, details
       FROM audit_events WHERE case_id = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3`,
      [caseId, pageSize, (page - 1) * pageSize],
    );
    const total: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1`, [caseId]);
    return { items: rows, total: total[0].n };
  }

  async contacts(caseId: string) {
    return this.ds.query(
      `SELECT id, date::text AS date, kind, outcome, notes, recorded_by AS "recordedBy", recorded_at AS "recordedAt" FROM contacts WHERE case_id = $1 ORDER BY date DESC, recorded_at DESC`,
      [caseId],
    ) as Promise<unknown[]>;
  }

  async activeByPrisonNumber(prisonNumber: string): Promise<{ id: string } | null> {
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM cases WHERE prison_number = $1 AND active`, [prisonNumber]);
    return rows[0] ?? null;
  }

  async byImportKey(importKey: string): Promise<{ id: string } | null> {
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM cases WHERE import_key = $1`, [importKey]);
    return rows[0] ?? null;
  }

  async prison(code: string): Promise<{ code: string; region_code: string } | null> {
    const rows: { code: string; region_code: string }[] = await this.ds.query(`SELECT code, region_code FROM prisons WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  get dataSource(): DataSource {
    return this.ds;
  }
}
