import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { caseScope } from '../auth/scope';
import { counterScope, type CounterScope } from '../dashboard/dashboard-counters.repository';
import { RESETTLEMENT_COLUMNS, resettlementGroup, type ResettlementQuery } from './resettlement-report';

export interface OutcomeReportRow {
  group: string;
  released: number;
  settledAccommodation: number;
  noAccommodation: number;
  workOrTraining: number;
  bankAccount: number;
  id: number;
  handoversDue: number;
  handoversOnTime: number;
  lostContact: number;
}

/**
 * Outcomes, not ticks: of the people released, how many left with settled accommodation, work or
 * training, a bank account and ID; handovers accepted on or before the handover date; contact lost.
 */
@Injectable()
export class ReportRepository {
  constructor(private readonly ds: DataSource) {}

  async outcomes(user: Principal, today: string, groupBy: 'prison' | 'region', from?: string, to?: string): Promise<OutcomeReportRow[]> {
    const counted = counterScope(user, 1);
    if (counted && from && to) return this.outcomesCounted(counted, today, groupBy, from, to);
    const scope = caseScope(user, today, 1);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    if (from) {
      params.push(from);
      where.push(`c.release_date >= $${params.length}`);
    }
    if (to) {
      params.push(to);
      where.push(`c.release_date <= $${params.length}`);
    }
    const group = groupBy === 'prison' ? 'c.prison_code' : 'c.region_code';
    const released = `(c.detail -> 'release') IS NOT NULL AND (c.detail -> 'release') <> 'null'::jsonb`;
    const out = (field: string) => `c.detail -> 'release' -> 'outcomes' ->> '${field}'`;
    return this.ds.query(
      `SELECT ${group} AS "group",
              count(*) FILTER (WHERE ${released})::int AS released,
              count(*) FILTER (WHERE ${out('accommodation')} = 'SETTLED')::int AS "settledAccommodation",
              count(*) FILTER (WHERE ${out('accommodation')} = 'NONE')::int AS "noAccommodation",
              count(*) FILTER (WHERE ${out('workOrTraining')} IN ('WORK','TRAINING','EDUCATION'))::int AS "workOrTraining",
              count(*) FILTER (WHERE ${out('bankAccount')} = 'true')::int AS "bankAccount",
              count(*) FILTER (WHERE ${out('id')} = 'true')::int AS id,
              count(*) FILTER (WHERE c.handover_date IS NOT NULL AND c.handover_date <= $${params.length + 1})::int AS "handoversDue",
              count(*) FILTER (WHERE c.handover_date IS NOT NULL AND (c.handover ->> 'acceptedAt') IS NOT NULL
                               AND (c.handover ->> 'acceptedAt')::timestamptz < (c.handover_date + 1)::timestamptz)::int AS "handoversOnTime",
              count(*) FILTER (WHERE c.lost_contact)::int AS "lostContact"
       FROM cases c WHERE ${where.join(' AND ')}
       GROUP BY 1 ORDER BY 1`,
      [...params, today],
    );
  }

  /**
   * The same figures from the counters the projection keeps (a manager's or an administrator's
   * scope, a window of release dates): a row per prison and day of release, whatever the size
   * of the region.
   */
  private outcomesCounted(scope: CounterScope, today: string, groupBy: 'prison' | 'region', from: string, to: string): Promise<OutcomeReportRow[]> {
    const n = scope.params.length;
    return this.ds.query(
      `SELECT ${groupBy === 'prison' ? 'prison_code' : 'region_code'} AS "group",
              sum(released_n)::int AS released, sum(settled_n)::int AS "settledAccommodation", sum(no_accommodation_n)::int AS "noAccommodation",
              sum(work_n)::int AS "workOrTraining", sum(bank_n)::int AS "bankAccount", sum(id_n)::int AS id,
              coalesce(sum(cases_n) FILTER (WHERE handover_date <= $${n + 3}), 0)::int AS "handoversDue", sum(on_time_n)::int AS "handoversOnTime",
              sum(lost_contact_n)::int AS "lostContact"
       FROM outcome_counters WHERE ${scope.sql} AND release_date >= $${n + 1} AND release_date <= $${n + 2}
       GROUP BY 1 HAVING sum(cases_n) > 0 ORDER BY 1`,
      [...scope.params, from, to, today],
    );
  }

  /** Resettlement outcomes of the people released (resettlement-report.ts), by group, in the caller's scope. */
  async resettlement(user: Principal, today: string, q: Pick<ResettlementQuery, 'groupBy' | 'from' | 'to' | 'sex'>): Promise<Record<string, string | number>[]> {
    const scope = caseScope(user, today, 1);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql, `(c.detail -> 'release') IS NOT NULL AND (c.detail -> 'release') <> 'null'::jsonb`];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.from) add((n) => `c.release_date >= ${n}`, q.from);
    if (q.to) add((n) => `c.release_date <= ${n}`, q.to);
    if (q.sex) add((n) => `c.sex = ${n}`, q.sex);
    return this.ds.query(
      `SELECT ${resettlementGroup(q.groupBy)} AS "group", ${RESETTLEMENT_COLUMNS.join(', ')}
       FROM cases c WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`,
      params,
    );
  }
}
