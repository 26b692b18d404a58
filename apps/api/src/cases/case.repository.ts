import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { liveAndArchived } from '@ttg/persistence/archive';
import { PATHWAYS, type AuditEvent } from '@ttg/contracts';
import { caseScope } from '../auth/scope';
import type { Principal } from '../auth/principal';
import { type After, type Counting, type ListPage, type ListSql, listPage, type Page, type PageRequest, queryPage } from '../common/page';

/** One row of a case's audit history, as the read model gives it. */
export type AuditEventRow = Omit<AuditEvent, 'caseId' | 'at'> & { at: Date | string };

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
  immediate_needs?: string[];
  risk_flags?: string[];
  unmet_need_list?: string[];
  released_with_unmet_needs?: string[] | null;
  readiness_alarm?: unknown;
  sex?: string | null;
}

/** A tracked need with its history, as the API presents it. */
export interface NeedView {
  pathway: string;
  status: string;
  reason: string | null;
  open: string[];
  history: { at: string; by: string; role: string; from: string; to: string; reason: string | null }[];
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
  /** Keyset paging: the page after this case (the `next` cursor of the page before). */
  after?: After;
}

const DOB_FORMATS = ['d/M/yyyy', 'd-M-yyyy', 'd.M.yyyy', 'yyyy-MM-dd', 'd LLLL yyyy', 'd LLL yyyy'];

/**
 * What a search box finds a person by: the start of their prison number, given name, family
 * name or full name in either order ("Jo Bloggs", "Bloggs Jo", "Bloggs, Jo"), or their date of
 * birth written as people write it ("15/06/1988", "15 June 1988"). One parameter: a JSON pair.
 */
export function personSearchValue(q: string): string {
  const text = q.trim().toLowerCase().replace(/\s+/g, ' ');
  const dob = DOB_FORMATS.map((f) => DateTime.fromFormat(q.trim(), f, { locale: 'en-GB' })).find((d) => d.isValid)?.toISODate() ?? null;
  return JSON.stringify({ like: `${text.replace(/[%_\\]/g, '\\$&')}%`, dob });
}

/** The condition for personSearchValue's parameter `n`, on the cases table as `c`. */
export function personSearchSql(n: string): string {
  const like = `(${n}::jsonb->>'like')`;
  const names = ['c.family_name', 'c.given_name', `c.given_name || ' ' || c.family_name`, `c.family_name || ' ' || c.given_name`, `c.family_name || ', ' || c.given_name`, 'c.prison_number'];
  return `(${names.map((x) => `lower(${x}) LIKE ${like}`).join(' OR ')} OR c.date_of_birth = (${n}::jsonb->>'dob')::date)`;
}

const SORT_COLUMNS: Record<CaseListFilter['sort'], Pick<ListSql['sort'], 'expr' | 'type' | 'nullable'>> = {
  releaseDate: { expr: 'c.release_date', type: 'date', nullable: true },
  familyName: { expr: 'lower(c.family_name)', type: 'text' },
  createdAt: { expr: 'c.created_at', type: 'timestamptz' },
};

/** Reads of the case read model. Every method takes the caller and applies their scope. */
/** How long a prison's region is reused (prisons are reference data, changed by migrations). */
const PRISON_CACHE_MS = 60_000;

@Injectable()
export class CaseRepository {
  private readonly prisons = new Map<string, { prison: { code: string; name: string; region_code: string }; until: number }>();

  constructor(private readonly ds: DataSource) {}

  async findInScope(id: string, user: Principal, today: string): Promise<CaseRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const scope = caseScope(user, today, 2);
    const rows: CaseRow[] = await this.ds.query(`SELECT c.* FROM cases c WHERE c.id = $1 AND ${scope.sql}`, [id, ...scope.params]);
    return rows[0] ?? null;
  }

  /** A page of cases in the caller's scope, by page number or after a cursor, counted as `counting` asks. */
  async list(user: Principal, today: string, f: CaseListFilter, counting: Counting = 'exact'): Promise<ListPage<CaseRow>> {
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
    if (f.q) add((n) => personSearchSql(n), personSearchValue(f.q));
    const sort = { ...SORT_COLUMNS[f.sort], desc: f.order === 'desc', id: 'c.id', idType: 'uuid' as const };
    return listPage<CaseRow>(this.ds, { columns: 'c.*', from: 'cases c', where: where.join(' AND '), params, sort }, f, counting);
  }

  history(caseId: string, page: PageRequest): Promise<Page<AuditEventRow>> {
    return queryPage<AuditEventRow>(
      this.ds,
      `SELECT id, at, actor_id AS "actorId", actor_role AS "actorRole", action, task_id AS "taskId", before, after, details
       FROM ${liveAndArchived('audit_events', 'case_id = $1')} a ORDER BY at DESC, id DESC`,
      `SELECT count(*)::int AS n FROM ${liveAndArchived('audit_events', 'case_id = $1')} a`,
      [caseId],
      page,
    );
  }

  /** The case's tracked needs in pathway order, each with its history, oldest change first (empty before the needs model). */
  async needs(caseId: string): Promise<NeedView[]> {
    return this.ds.query(
      `SELECT n.pathway, n.status, n.reason, n.open_items AS open,
         COALESCE((SELECT json_agg(json_build_object('at', h.at, 'by', h.actor_id, 'role', h.actor_role, 'from', h.from_status, 'to', h.to_status, 'reason', h.reason) ORDER BY h.at, h.id)
                   FROM need_changes h WHERE h.case_id = n.case_id AND h.pathway = n.pathway), '[]') AS history
       FROM case_needs n WHERE n.case_id = $1
       ORDER BY array_position($2::text[], n.pathway)`,
      [caseId, PATHWAYS],
    );
  }

  async contacts(caseId: string) {
    return this.ds.query(
      `SELECT id, date::text AS date, kind, outcome, notes, recorded_by AS "recordedBy", recorded_at AS "recordedAt" FROM ${liveAndArchived('contacts', 'case_id = $1')} k ORDER BY date DESC, recorded_at DESC`,
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

  /** A prison and its region (reference data: a known prison is read at most once a minute). */
  async prison(code: string): Promise<{ code: string; name: string; region_code: string } | null> {
    const hit = this.prisons.get(code);
    if (hit && hit.until > Date.now()) return hit.prison;
    const rows: { code: string; name: string; region_code: string }[] = await this.ds.query(`SELECT code, name, region_code FROM prisons WHERE code = $1`, [code]);
    const prison = rows[0] ?? null;
    if (prison) this.prisons.set(code, { prison, until: Date.now() + PRISON_CACHE_MS });
    return prison;
  }

  get dataSource(): DataSource {
    return this.ds;
  }
}
