import { Injectable } from '@nestjs/common';
import { addCalendarDays, addMonths } from '@ttg/policy';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { caseScope } from '../auth/scope';
import { counterScope, type CounterScope } from '../dashboard/dashboard-counters.repository';
import { RELEASE_OUTCOME_SQL, RELEASED_SQL, RESETTLEMENT_MONTH_COUNTERS } from '@ttg/persistence/read-counters';
import { RESETTLEMENT_COLUMNS, RESETTLEMENT_COUNTED_COLUMNS, resettlementCounterGroup, resettlementGroup, type ResettlementQuery } from './resettlement-report';

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
    return this.ds.query(
      `SELECT ${group} AS "group",
              count(*) FILTER (WHERE ${RELEASED_SQL})::int AS released,
              count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('accommodation')} = 'SETTLED')::int AS "settledAccommodation",
              count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('accommodation')} = 'NONE')::int AS "noAccommodation",
              count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('workOrTraining')} IN ('WORK','TRAINING','EDUCATION'))::int AS "workOrTraining",
              count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('bankAccount')} = 'true')::int AS "bankAccount",
              count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('id')} = 'true')::int AS id,
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
   * scope, a window of release dates), whatever the size of the region: the whole months of the
   * window (up to today) from the month counters, a row per prison and month, and the days of
   * the months it covers in part from the day counters.
   */
  private outcomesCounted(scope: CounterScope, today: string, groupBy: 'prison' | 'region', from: string, to: string): Promise<OutcomeReportRow[]> {
    const n = scope.params.length;
    const [pFrom, pTo, pToday, pStart, pEnd] = [1, 2, 3, 4, 5].map((i) => `$${n + i}`);
    const whole = wholeMonths(from, to < today ? to : today);
    const group = groupBy === 'prison' ? 'prison_code' : 'region_code';
    const sums = `sum(released_n) AS released, sum(settled_n) AS settled, sum(no_accommodation_n) AS none, sum(work_n) AS work, sum(bank_n) AS bank,
                  sum(id_n) AS id, sum(on_time_n) AS on_time, sum(lost_contact_n) AS lost, sum(cases_n) AS cases`;
    const zeros = `0 AS released, 0 AS settled, 0 AS none, 0 AS work, 0 AS bank, 0 AS id, 0 AS on_time, 0 AS lost, 0 AS cases`;
    const parts = [
      // Days outside the whole months: every figure, "handovers due" by today.
      `SELECT ${group} AS g, ${sums}, coalesce(sum(cases_n) FILTER (WHERE handover_date <= ${pToday}), 0) AS due
       FROM outcome_counters WHERE ${scope.sql} AND release_date >= ${pFrom} AND release_date <= ${pTo} AND (release_date < ${pStart} OR release_date >= ${pEnd}) GROUP BY 1`,
      `SELECT ${group} AS g, ${sums}, sum(handover_by_release_n) AS due
       FROM outcome_month_counters WHERE ${scope.sql} AND release_month >= ${pStart} AND release_month < ${pEnd} GROUP BY 1`,
      `SELECT ${group} AS g, ${zeros}, sum(cases_n) AS due
       FROM late_handover_counters WHERE ${scope.sql} AND release_date >= ${pStart} AND release_date < ${pEnd} AND handover_date <= ${pToday} GROUP BY 1`,
    ];
    return this.ds.query(
      `SELECT g AS "group", sum(released)::int AS released, sum(settled)::int AS "settledAccommodation", sum(none)::int AS "noAccommodation",
              sum(work)::int AS "workOrTraining", sum(bank)::int AS "bankAccount", sum(id)::int AS id, sum(due)::int AS "handoversDue",
              sum(on_time)::int AS "handoversOnTime", sum(lost)::int AS "lostContact"
       FROM (${parts.join(' UNION ALL ')}) x GROUP BY 1 HAVING sum(cases) > 0 ORDER BY 1`,
      // No whole month: an empty month range (start = end), so every day is read from the day counters.
      [...scope.params, from, to, today, whole?.start ?? from, whole?.end ?? from],
    );
  }

  /**
   * Resettlement outcomes of the people released (resettlement-report.ts), by group, in the
   * caller's scope. A manager's or an administrator's scope reads the counters the projection
   * keeps, whatever the size of the region: the whole months of the window from the month
   * counters (a row per prison, month and sex) and the days of the months it covers in part from
   * the day counters. A prison's or a team's scope counts its own released people.
   */
  async resettlement(user: Principal, today: string, q: Pick<ResettlementQuery, 'groupBy' | 'from' | 'to' | 'sex'>): Promise<Record<string, string | number>[]> {
    const counted = counterScope(user, 1);
    if (counted) return this.resettlementCounted(counted, q);
    const scope = caseScope(user, today, 1);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql, RELEASED_SQL];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.from) add((n) => `c.release_date >= ${n}`, q.from);
    if (q.to) add((n) => `c.release_date <= ${n}`, q.to);
    if (q.sex) add((n) => `c.sex = ${n}`, q.sex);
    return this.ds.query(`SELECT ${resettlementGroup(q.groupBy)} AS "group", ${RESETTLEMENT_COLUMNS.join(', ')} FROM cases c WHERE ${where.join(' AND ')} GROUP BY 1 HAVING count(*) > 0 ORDER BY 1`, params);
  }

  private resettlementCounted(scope: CounterScope, q: Pick<ResettlementQuery, 'groupBy' | 'from' | 'to' | 'sex'>): Promise<Record<string, string | number>[]> {
    const from = q.from ?? EARLIEST_RELEASE;
    const to = q.to ?? LATEST_RELEASE;
    const whole = wholeMonths(from, to);
    const n = scope.params.length;
    const [pFrom, pTo, pStart, pEnd, pSex] = [1, 2, 3, 4, 5].map((i) => `$${n + i}`);
    const sex = `AND (${pSex} = '' OR sex = ${pSex})`;
    const values = RESETTLEMENT_MONTH_COUNTERS.values.join(', ');
    const parts = [
      `SELECT ${resettlementCounterGroup(q.groupBy, 'release_date')} AS g, ${values} FROM resettlement_counters
       WHERE ${scope.sql} AND release_date >= ${pFrom} AND release_date <= ${pTo} AND (release_date < ${pStart} OR release_date >= ${pEnd}) ${sex}`,
      `SELECT ${resettlementCounterGroup(q.groupBy, 'release_month')} AS g, ${values} FROM resettlement_month_counters
       WHERE ${scope.sql} AND release_month >= ${pStart} AND release_month < ${pEnd} ${sex}`,
    ];
    return this.ds.query(
      `SELECT g AS "group", ${RESETTLEMENT_COUNTED_COLUMNS.join(', ')} FROM (${parts.join(' UNION ALL ')}) x GROUP BY 1 HAVING sum(released_n) > 0 ORDER BY 1`,
      // No whole month: an empty month range (start = end), so every day is read from the day counters.
      [...scope.params, from, to, whole?.start ?? from, whole?.end ?? from, q.sex ?? ''],
    );
  }
}

/** The bounds of a report's window when it names none (no release date falls outside them). */
const EARLIEST_RELEASE = '1900-01-01';
const LATEST_RELEASE = '2999-12-31';

/**
 * The whole calendar months within [from, last] as [start, end): start is the first day of the
 * first whole month, end the first day after the last; null when the window holds none.
 */
export function wholeMonths(from: string, last: string): { start: string; end: string } | null {
  const firstOf = (d: string) => `${d.slice(0, 8)}01`;
  const start = from === firstOf(from) ? from : addMonths(firstOf(from), 1);
  const next = addCalendarDays(last, 1);
  const end = next === firstOf(next) ? next : firstOf(last);
  return start < end ? { start, end } : null;
}
