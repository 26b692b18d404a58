import type { EntityManager } from 'typeorm';
import { NO_PROBATION_TEAM, openTaskSql, overdueReleaseSql, RELEASE_LIST_SQL } from '@ttg/contracts';

/**
 * Counters the projection keeps beside the rows they count, so a dashboard reads a few hundred
 * rows whatever the size of the region. Each table is defined once, by the SQL that computes a
 * set of cases' contribution from the rows: the projection takes a case's contribution before
 * and after its write and adds the difference (in the same transaction), and the drift check
 * (`counter-check.ts`) computes every case's and compares.
 *
 * Scopes: a prison, a region and a probation team (`scope_kind`, `scope_code`); an
 * administrator's "everything" is the sum of the regions. No row is one every command in a
 * region waits on: rows are per scope and type, team or release date, and each is split into
 * `COUNTER_SLOTS` slots by the case (summed when read), and the projection adds its deltas last,
 * in key order, so a row is locked only until the commit and never in a cycle.
 *
 * "Overdue" is the task's flag, set by the case's workflow when its timer fires and projected
 * like any other change, so an overdue count moves with the row. Release readiness depends on
 * today: people are counted by release date, and a window is the sum of its dates (everyone
 * before today counts, past their release date; from today, those with a reason).
 */
export const COUNTER_SLOTS = 4;

export interface CounterTable {
  table: string;
  keys: [name: string, type: string][];
  values: string[];
  /** The contribution of the cases matching `filter` (SQL on cases `c`), one row per key. */
  sql(filter: string): string;
}

const slotOf = (caseId: string) => `(get_byte(uuid_send(${caseId}), 15) % ${COUNTER_SLOTS})::smallint`;
const scopes = (prison: string, region: string, team: string | null) =>
  `(VALUES ('prison', ${prison}), ('region', ${region})${team ? `, ('team', ${team})` : ''}) AS s(kind, code)`;

/** The overdue-release reasons that do not depend on today (the fifth is being past the release date). */
const { PAST_RELEASE_DATE_NOT_RELEASED: _past, ...STANDING_REASONS } = overdueReleaseSql('NULL');

/**
 * Open tasks by scope, side and either type (`dim = 'type'`) or the team that works them
 * (`dim = 'team'`: the probation team for community tasks, else the prison; prisons and regions).
 */
export const TASK_COUNTERS: CounterTable = {
  table: 'task_counters',
  keys: [['scope_kind', 'text'], ['scope_code', 'text'], ['dim', 'text'], ['side', 'text'], ['value', 'text'], ['slot', 'smallint']],
  values: ['open_n', 'overdue_n', 'escalated_n', 'overdue_escalated_n'],
  sql: (filter) => `
    SELECT s.kind AS scope_kind, s.code AS scope_code, d.dim, t.side, d.value, ${slotOf('t.case_id')} AS slot,
           count(*)::int AS open_n, count(*) FILTER (WHERE t.overdue)::int AS overdue_n,
           count(*) FILTER (WHERE t.escalated)::int AS escalated_n, count(*) FILTER (WHERE t.overdue AND t.escalated)::int AS overdue_escalated_n
    FROM tasks t JOIN cases c ON c.id = t.case_id
    CROSS JOIN LATERAL ${scopes('t.prison_code', 't.region_code', 't.com_team_code')}
    CROSS JOIN LATERAL (VALUES ('type', t.type), ('team', CASE WHEN t.side = 'COMMUNITY' THEN coalesce(t.com_team_code, '${NO_PROBATION_TEAM}') ELSE t.prison_code END)) AS d(dim, value)
    WHERE ${openTaskSql()} AND s.code IS NOT NULL AND NOT (s.kind = 'team' AND d.dim = 'team') AND (${filter})
    GROUP BY 1, 2, 3, 4, 5, 6`,
};

/** People in custody with a release date, by scope and release date, and how many have each standing reason. */
export const RELEASE_COUNTERS: CounterTable = {
  table: 'release_counters',
  keys: [['scope_kind', 'text'], ['scope_code', 'text'], ['release_date', 'date'], ['slot', 'smallint']],
  values: ['people_n', 'not_ready_n', 'unmet_needs_n', 'no_com_n', 'not_accepted_n', 'overdue_tasks_n'],
  sql: (filter) => `
    SELECT s.kind AS scope_kind, s.code AS scope_code, c.release_date, ${slotOf('c.id')} AS slot, count(*)::int AS people_n,
           count(*) FILTER (WHERE ${Object.values(STANDING_REASONS).join(' OR ')})::int AS not_ready_n,
           count(*) FILTER (WHERE ${STANDING_REASONS.UNMET_NEEDS})::int AS unmet_needs_n,
           count(*) FILTER (WHERE ${STANDING_REASONS.NO_COM_ALLOCATED})::int AS no_com_n,
           count(*) FILTER (WHERE ${STANDING_REASONS.HANDOVER_NOT_ACCEPTED})::int AS not_accepted_n,
           count(*) FILTER (WHERE ${STANDING_REASONS.OVERDUE_TASKS})::int AS overdue_tasks_n
    FROM cases c CROSS JOIN LATERAL ${scopes('c.prison_code', 'c.region_code', 'c.com_team_code')}
    WHERE ${RELEASE_LIST_SQL} AND s.code IS NOT NULL AND (${filter})
    GROUP BY 1, 2, 3, 4`,
};

/** Each officer's active cases allocated (as COM) and open and overdue tasks held, by the case's prison and region. */
export const OFFICER_COUNTERS: CounterTable = {
  table: 'officer_counters',
  keys: [['scope_kind', 'text'], ['scope_code', 'text'], ['user_id', 'text']],
  values: ['cases_n', 'open_tasks_n', 'overdue_tasks_n'],
  sql: (filter) => `
    SELECT s.kind AS scope_kind, s.code AS scope_code, o.user_id, sum(o.cases_n)::int AS cases_n,
           sum(o.open_tasks_n)::int AS open_tasks_n, sum(o.overdue_tasks_n)::int AS overdue_tasks_n
    FROM (SELECT c.prison_code, c.region_code, c.com_user_id AS user_id, 1 AS cases_n, 0 AS open_tasks_n, 0 AS overdue_tasks_n
          FROM cases c WHERE c.active AND c.com_user_id IS NOT NULL AND (${filter})
          UNION ALL
          SELECT c.prison_code, c.region_code, t.assignee, 0, 1, t.overdue::int
          FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.active AND ${openTaskSql()} AND t.assignee IS NOT NULL AND (${filter})) o
    CROSS JOIN LATERAL ${scopes('o.prison_code', 'o.region_code', null)}
    GROUP BY 1, 2, 3`,
};

/** Who has been released, as the reports read it. */
export const RELEASED_SQL = `(c.detail -> 'release') IS NOT NULL AND (c.detail -> 'release') <> 'null'::jsonb`;
/** One of a released person's outcomes at release, as the reports read it. */
export const RELEASE_OUTCOME_SQL = (field: string) => `c.detail -> 'release' -> 'outcomes' ->> '${field}'`;

/**
 * The outcome report's figures (`apps/api/src/reports/report.repository.ts`) by scope, prison
 * and release date: of the people with that release date, how many were released, with each
 * outcome, whose handover was accepted on time, whose contact was lost; by handover date too
 * ('infinity' when there is none), as "handovers due" depends on today. A case changes its row
 * only when released, handed over, its dates move or contact is lost, so no slots.
 */
/** The outcome figures of a group of cases (the report's columns), shared by the day and month tables. */
const OUTCOME_VALUES = `count(*)::int AS cases_n,
           count(*) FILTER (WHERE ${RELEASED_SQL})::int AS released_n,
           count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('accommodation')} = 'SETTLED')::int AS settled_n,
           count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('accommodation')} = 'NONE')::int AS no_accommodation_n,
           count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('workOrTraining')} IN ('WORK','TRAINING','EDUCATION'))::int AS work_n,
           count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('bankAccount')} = 'true')::int AS bank_n,
           count(*) FILTER (WHERE ${RELEASE_OUTCOME_SQL('id')} = 'true')::int AS id_n,
           count(*) FILTER (WHERE c.handover_date IS NOT NULL AND (c.handover ->> 'acceptedAt') IS NOT NULL
                            AND (c.handover ->> 'acceptedAt')::timestamptz < (c.handover_date + 1)::timestamptz)::int AS on_time_n,
           count(*) FILTER (WHERE c.lost_contact)::int AS lost_contact_n`;
const OUTCOME_VALUE_COLUMNS = ['cases_n', 'released_n', 'settled_n', 'no_accommodation_n', 'work_n', 'bank_n', 'id_n', 'on_time_n', 'lost_contact_n'];
const OUTCOME_SCOPE_KEYS: [string, string][] = [['scope_kind', 'text'], ['scope_code', 'text'], ['prison_code', 'text'], ['region_code', 'text']];
const OUTCOME_FROM = `FROM cases c CROSS JOIN LATERAL ${scopes('c.prison_code', 'c.region_code', null)}`;

export const OUTCOME_COUNTERS: CounterTable = {
  table: 'outcome_counters',
  keys: [...OUTCOME_SCOPE_KEYS, ['release_date', 'date'], ['handover_date', 'date']],
  values: OUTCOME_VALUE_COLUMNS,
  sql: (filter) => `
    SELECT s.kind AS scope_kind, s.code AS scope_code, c.prison_code, c.region_code, c.release_date,
           coalesce(c.handover_date, 'infinity'::date) AS handover_date, ${OUTCOME_VALUES}
    ${OUTCOME_FROM}
    WHERE c.release_date IS NOT NULL AND s.code IS NOT NULL AND (${filter})
    GROUP BY 1, 2, 3, 4, 5, 6`,
};

/**
 * The same figures by month of release, for the whole months of a report's window (a region's
 * year is a row per prison and month, not per prison and day and handover date). "Handovers
 * due" depends on today: of a month's people, those handed over by their release date
 * (`handover_by_release_n`) were due by today, as the month is over; those whose handover date
 * is after their release date are counted by date in LATE_HANDOVER_COUNTERS.
 */
export const OUTCOME_MONTH_COUNTERS: CounterTable = {
  table: 'outcome_month_counters',
  keys: [...OUTCOME_SCOPE_KEYS, ['release_month', 'date']],
  values: [...OUTCOME_VALUE_COLUMNS, 'handover_by_release_n'],
  sql: (filter) => `
    SELECT s.kind AS scope_kind, s.code AS scope_code, c.prison_code, c.region_code, date_trunc('month', c.release_date)::date AS release_month,
           ${OUTCOME_VALUES},
           count(*) FILTER (WHERE c.handover_date <= c.release_date)::int AS handover_by_release_n
    ${OUTCOME_FROM}
    WHERE c.release_date IS NOT NULL AND s.code IS NOT NULL AND (${filter})
    GROUP BY 1, 2, 3, 4, 5`,
};

/** People whose handover date is after their release date (rare), by both dates: the rest of "handovers due" for whole months. */
export const LATE_HANDOVER_COUNTERS: CounterTable = {
  table: 'late_handover_counters',
  keys: [...OUTCOME_SCOPE_KEYS, ['release_date', 'date'], ['handover_date', 'date']],
  values: ['cases_n'],
  sql: (filter) => `
    SELECT s.kind AS scope_kind, s.code AS scope_code, c.prison_code, c.region_code, c.release_date, c.handover_date, count(*)::int AS cases_n
    ${OUTCOME_FROM}
    WHERE c.release_date IS NOT NULL AND c.handover_date > c.release_date AND s.code IS NOT NULL AND (${filter})
    GROUP BY 1, 2, 3, 4, 5, 6`,
};

const ACCOMMODATION = { Settled: 'SETTLED', Temporary: 'TEMPORARY', None: 'NONE' } as const;
const WORK = `('WORK','TRAINING','EDUCATION')`;
/** Months and weeks after release with a recorded checkpoint (the policy's outcome checkpoints). */
const CHECKPOINT_MONTHS = [3, 6, 12] as const;
const CHECKPOINT_WEEKS = 6;
const atCheckpoint = (unit: 'months' | 'weeks', n: number, field: string) =>
  `(SELECT o -> 'outcome' ->> '${field}' FROM jsonb_array_elements(COALESCE(c.detail -> 'outcomes', '[]'::jsonb)) o WHERE (o ->> '${unit}')::int = ${n}${unit === 'months' ? ` AND (o ->> 'weeks') IS NULL` : ''} LIMIT 1)`;
const figure = (name: string, condition: string) => ({ name, condition, column: `${name.replace(/([A-Z0-9]+)/g, '_$1').toLowerCase()}_n` });

/**
 * The resettlement report's figures (apps/api/src/reports/resettlement-report.ts), one fact each
 * about a released person: accommodation on release night and at 3, 6 and 12 months, work or
 * training on release, at 6 weeks and at 6 months, and released with unmet needs.
 */
export const RESETTLEMENT_FIGURES: { name: string; condition: string; column: string }[] = [
  figure('released', 'TRUE'),
  ...Object.entries(ACCOMMODATION).map(([name, value]) => figure(`releaseNight${name}`, `${RELEASE_OUTCOME_SQL('accommodation')} = '${value}'`)),
  ...CHECKPOINT_MONTHS.flatMap((m) => Object.entries(ACCOMMODATION).map(([name, value]) => figure(`accommodation${m}Months${name}`, `${atCheckpoint('months', m, 'accommodation')} = '${value}'`))),
  figure('workOrTrainingOnRelease', `${RELEASE_OUTCOME_SQL('workOrTraining')} IN ${WORK}`),
  figure(`workOrTraining${CHECKPOINT_WEEKS}Weeks`, `${atCheckpoint('weeks', CHECKPOINT_WEEKS, 'workOrTraining')} IN ${WORK}`),
  figure('workOrTraining6Months', `${atCheckpoint('months', 6, 'workOrTraining')} IN ${WORK}`),
  figure('releasedWithUnmetNeeds', `cardinality(c.released_with_unmet_needs) > 0`),
  figure('releasedWithUnmetAccommodation', `'ACCOMMODATION' = ANY(c.released_with_unmet_needs)`),
];


/**
 * The resettlement report's figures of the people released, by scope, prison, a release period
 * (its key: the day, or the month) and sex ('' when not recorded). A row moves when someone is
 * released or a checkpoint recorded.
 */
function resettlementCounters(table: string, period: 'release_date' | 'release_month', periodSql: string): CounterTable {
  return {
    table,
    keys: [...OUTCOME_SCOPE_KEYS, [period, 'date'], ['sex', 'text']],
    values: RESETTLEMENT_FIGURES.map((f) => f.column),
    sql: (filter) => `
    SELECT s.kind AS scope_kind, s.code AS scope_code, c.prison_code, c.region_code, ${periodSql}, coalesce(c.sex, '') AS sex,
           ${RESETTLEMENT_FIGURES.map((f) => `count(*) FILTER (WHERE ${f.condition})::int AS ${f.column}`).join(', ')}
    ${OUTCOME_FROM}
    WHERE ${RELEASED_SQL} AND c.release_date IS NOT NULL AND s.code IS NOT NULL AND (${filter})
    GROUP BY 1, 2, 3, 4, 5, 6`,
  };
}

/** By day of release: the days of the months a report's window covers in part. */
export const RESETTLEMENT_COUNTERS = resettlementCounters('resettlement_counters', 'release_date', 'c.release_date');

/**
 * By month of release: a region's year of releases is read from twelve rows a prison and the
 * days of the months it covers in part, instead of a row per prison and day.
 */
export const RESETTLEMENT_MONTH_COUNTERS = resettlementCounters('resettlement_month_counters', 'release_month', `date_trunc('month', c.release_date)::date AS release_month`);

export const COUNTER_TABLES = [TASK_COUNTERS, RELEASE_COUNTERS, OFFICER_COUNTERS, OUTCOME_COUNTERS, OUTCOME_MONTH_COUNTERS, LATE_HANDOVER_COUNTERS, RESETTLEMENT_COUNTERS, RESETTLEMENT_MONTH_COUNTERS];

/** A case's contribution to every counter table, as the projection holds it between its reads. */
export type Contribution = Record<string, Record<string, unknown>[]>;

/** One case's contribution now, read inside the projection's transaction (the case's row is locked). */
export async function caseContribution(m: EntityManager, caseId: string): Promise<Contribution> {
  const parts = COUNTER_TABLES.map((t) => `'${t.table}', (SELECT coalesce(json_agg(x), '[]') FROM (${t.sql('c.id = $1')}) x)`);
  const rows: { c: Contribution }[] = await prepared(m, 'ttg_counters_contribution', `SELECT json_build_object(${parts.join(', ')}) AS c`, [caseId]);
  return rows[0].c;
}

interface PgClient {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement of fixed text as a named prepared statement on the transaction's connection:
 * planning these statements costs more than running them (a case's few rows), and the
 * projection runs them in every write. Falls back to an ordinary query without a pg client.
 */
async function prepared<T>(m: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (m.queryRunner as unknown as { databaseConnection?: PgClient } | undefined)?.databaseConnection;
  if (!client || typeof client.query !== 'function') return m.query(text, values) as Promise<T[]>;
  return (await client.query({ name, text, values })).rows as T[];
}

const keyJoin = (t: CounterTable, a: string, b: string) => t.keys.map(([k]) => `${a}.${k} = ${b}.${k}`).join(' AND ');
const anyNonZero = (t: CounterTable, alias: string) => t.values.map((v) => `${alias}.${v} <> 0`).join(' OR ');
const recordset = (t: CounterTable) => [...t.keys.map(([k, type]) => `${k} ${type}`), ...t.values.map((v) => `${v} int`)].join(', ');

/**
 * Adds to the counters the difference between the case's contribution before its write and
 * now, in one statement, in key order (so two writers never lock rows in opposite orders).
 * Run last in the projection's transaction: a row stays locked only until the commit.
 */
export async function applyContributionChange(m: EntityManager, caseId: string, before: Contribution): Promise<void> {
  const ctes = COUNTER_TABLES.flatMap((t, i) => [
    `a${i} AS (${t.sql('c.id = $1')})`,
    `b${i} AS (SELECT * FROM jsonb_to_recordset($2::jsonb -> '${t.table}') AS b(${recordset(t)}))`,
    `d${i} AS (SELECT ${t.keys.map(([k]) => `coalesce(a${i}.${k}, b${i}.${k}) AS ${k}`).join(', ')},
               ${t.values.map((v) => `coalesce(a${i}.${v}, 0) - coalesce(b${i}.${v}, 0) AS ${v}`).join(', ')}
               FROM a${i} FULL JOIN b${i} ON ${keyJoin(t, `a${i}`, `b${i}`)})`,
    `u${i} AS (${upsertAdding(t, `SELECT * FROM d${i} d WHERE ${anyNonZero(t, 'd')}`)})`,
  ]);
  await prepared(m, 'ttg_counters_apply', `WITH ${ctes.join(',\n')} SELECT 1`, [caseId, JSON.stringify(before)]);
}

/** INSERT … ON CONFLICT that adds the rows' values to the counters, in key order. */
export function upsertAdding(t: CounterTable, rows: string): string {
  const keys = t.keys.map(([k]) => k).join(', ');
  return `INSERT INTO ${t.table} (${keys}, ${t.values.join(', ')})
    SELECT ${keys}, ${t.values.join(', ')} FROM (${rows}) r ORDER BY ${keys}
    ON CONFLICT (${keys}) DO UPDATE SET ${t.values.map((v) => `${v} = ${t.table}.${v} + EXCLUDED.${v}`).join(', ')}`;
}
