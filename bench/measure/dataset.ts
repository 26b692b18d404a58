import { Client } from 'pg';
import { BENCH_SEED } from '../lib/load';
import { TASK_CATALOGUE, type TaskType } from '@ttg/contracts';
import { COUNTER_TABLES, upsertAdding } from '@ttg/persistence/read-counters';

/**
 * A synthetic read model for the list and dashboard queries, written straight into a database
 * migrated with the product's migrations (no workflows). Deterministic: every "random" choice is
 * hashint8extended / hashtextextended of the row's number with the fixed seed, so a given size
 * always produces the same rows.
 *
 * Shape: the nation's estate at every size, as when the read model accumulates England and
 * Wales's caseload over the years (their whole sentence and a year beyond), so a region holds the
 * same prisons and teams at 10k as at 1M while the people in them grow:
 * - 120 prisons (about as many as England and Wales have: the six the migrations ship first,
 *   HMP Leeds among them, then generated ones) and 450 probation teams (the four the migrations
 *   ship first), every one in one of the three regions the migrations ship, so region YH holds
 *   42 prisons (a real region holds about ten) and 150 teams;
 * - stages: 4% custody screening, 3% risk screening, 4% resettlement plan, 38% pathway work,
 *   9% pre-release, 25% supervision, 2% recalled, 15% closed (history);
 * - 2 to 14 tasks a case by stage (about 10 on average, so 100k cases ≈ 1M tasks), the latest
 *   1 to 4 open, the COM allocation open until a COM is allocated; 45% of open tasks claimed;
 *   open due dates from 30 days ago to 120 days ahead (overdue when past, escalated at 14 days);
 * - prison officers (one per 45 cases of the prison, at least 20) and COMs (one per 40 allocated
 *   cases of the team, at least 25) hold the claimed tasks (the demo users hold slots 0 and 1),
 *   so "my tasks" stays a caseload at every size.
 */
export const DATASET_TODAY = '2026-01-15';

export interface DatasetStats {
  prisons: number;
  teams: number;
  /** Cases in the scopes measured: prison LEI, team YH-LEEDS-N, region YH. */
  scope: { prisonLei: number; teamLeedsNorth: number; regionYh: number };
  cases: number;
  activeCases: number;
  tasks: number;
  openTasks: number;
  overdueTasks: number;
  seconds: number;
  /** Of which filling the counters the projection keeps (from the rows, as migration 1764000000060 does). */
  counterSeconds: number;
  /** Pages of cases and tasks, tables and indexes (pg_total_relation_size). */
  sizeMiB: number;
}

/** The prisons and probation teams the migrations ship (codes and regions). */
const SHIPPED_PRISONS: [string, string][] = [['LEI', 'YH'], ['WDI', 'YH'], ['HMI', 'YH'], ['MDI', 'YH'], ['BMI', 'WM'], ['PVI', 'LDN']];
const SHIPPED_TEAMS: [string, string][] = [['YH-LEEDS-N', 'YH'], ['YH-LEEDS-S', 'YH'], ['WM-BHAM-C', 'WM'], ['LDN-ISL', 'LDN']];
const REGIONS = ['YH', 'WM', 'LDN'];
const NATIONAL_PRISONS = 120;
const NATIONAL_TEAMS = 450;
/** About 45% of cases have an allocated COM. */
const ALLOCATED_SHARE = 0.45;
const CASES_PER_OFFICER = 45;
const ALLOCATED_PER_COM = 40;

interface Estate {
  prisons: [string, string][];
  teams: [string, string][];
  /** Prison officers per prison and COMs per team holding the claimed tasks. */
  staffPerPrison: number;
  comsPerTeam: number;
}

/** The nation's estate for n cases: shipped prisons and teams first, then generated ones, round-robin over the regions. */
export function estate(n: number): Estate {
  const prisons = [...SHIPPED_PRISONS];
  for (let j = 0; prisons.length < NATIONAL_PRISONS; j += 1) {
    prisons.push([`X${String.fromCharCode(65 + Math.floor(j / 26))}${String.fromCharCode(65 + (j % 26))}`, REGIONS[j % REGIONS.length]]);
  }
  const teams = [...SHIPPED_TEAMS];
  for (let j = 0; teams.length < NATIONAL_TEAMS; j += 1) {
    const region = REGIONS[j % REGIONS.length];
    teams.push([`${region}-BENCH-${String(Math.floor(j / REGIONS.length) + 1).padStart(3, '0')}`, region]);
  }
  return {
    prisons,
    teams,
    staffPerPrison: Math.max(20, Math.ceil(n / prisons.length / CASES_PER_OFFICER)),
    comsPerTeam: Math.max(25, Math.ceil((n * ALLOCATED_SHARE) / teams.length / ALLOCATED_PER_COM)),
  };
}
const TYPES: TaskType[] = [
  'CUSTODY_SCREENING',
  'COM_ALLOCATION',
  'RISK_SCREENING',
  'RESETTLEMENT_PLAN',
  'SAFEGUARDING_CHECK',
  'DUTY_TO_REFER',
  'SECURE_ADDRESS',
  'ETE_REFERRAL',
  'BANK_ACCOUNT',
  'HANDOVER_ACCEPTANCE',
  'PRE_RELEASE_REVIEW',
  'FIRST_APPOINTMENT',
  'OUTCOME_CHECKPOINT',
  'CLOSURE',
];
const PATHWAY_NAMES = ['ACCOMMODATION', 'EDUCATION_SKILLS_AND_WORK', 'FINANCE_ID_AND_DEBT', 'DRUGS_AND_ALCOHOL', 'HEALTH', 'CHILDREN_FAMILIES_AND_COMMUNITIES', 'ATTITUDES_THINKING_AND_BEHAVIOUR'];
const PATHWAY_STATUS = ['NOT_STARTED', 'IN_PROGRESS', 'SUPPORT_REQUIRED', 'SUPPORT_NOT_REQUIRED', 'SUPPORT_DECLINED', 'DONE'];

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;
/** A SQL CASE over the dataset's task types, its values from the task catalogue. */
const byType = (value: (t: TaskType) => string | null) =>
  `CASE type ${TYPES.map((t) => `WHEN '${t}' THEN ${value(t) === null ? 'NULL' : `'${value(t)}'`}`).join(' ')} END`;
/** A uniform number in [0, 1) from an integer expression and a salt. */
const rnd = (expr: string, salt: number) => `((hashint8extended((${expr})::bigint, ${BENCH_SEED + salt}) & 2147483647)::float8 / 2147483648.0)`;
/** The same from a text expression. */
const rndText = (expr: string, salt: number) => `((hashtextextended(${expr}, ${BENCH_SEED + salt}) & 2147483647)::float8 / 2147483648.0)`;

/** Which generated cases have been released, and which have unmet needs now (and which needs). */
const RELEASED = `stage IN ('SUPERVISION','RECALLED','CLOSED')`;
const UNMET = `(CASE WHEN stage IN ('CUSTODY_SCREENING','RISK_SCREENING') THEN false WHEN ${RELEASED} THEN r5 < 0.15 ELSE r5 < 0.6 END)`;
const UNMET_LIST = `(CASE WHEN r4 < 0.5 THEN ARRAY['ACCOMMODATION'] WHEN r4 < 0.8 THEN ARRAY['ACCOMMODATION','FINANCE_ID_AND_DEBT'] ELSE ARRAY['EDUCATION_SKILLS_AND_WORK'] END)::text[]`;

/**
 * Each screened case's seven tracked needs (an unmet one in progress with its open work, the
 * rest met or found not needed) and the screening's change of each: what the case page and the
 * needs reports read.
 */
function needsSql(): string[] {
  const status = `CASE WHEN p = ANY(c.unmet_need_list) THEN 'IN_PROGRESS' WHEN k <= 3 THEN 'MET' ELSE 'SUPPORT_NOT_REQUIRED' END`;
  const screened = `c.stage NOT IN ('CUSTODY_SCREENING','RISK_SCREENING')`;
  const pathways = `unnest(${arr(PATHWAY_NAMES)}) WITH ORDINALITY AS n(p, k)`;
  return [
    `INSERT INTO case_needs (case_id, pathway, status, reason, open_items, state_version)
     SELECT c.id, p, ${status}, CASE WHEN k > 3 AND NOT p = ANY(c.unmet_need_list) THEN 'No need found at custody screening' END,
            CASE WHEN p = ANY(c.unmet_need_list) THEN '["PATHWAY_SUPPORT"]'::jsonb ELSE '[]'::jsonb END, c.state_version
     FROM cases c CROSS JOIN LATERAL ${pathways} WHERE ${screened}`,
    `INSERT INTO need_changes (id, case_id, pathway, at, actor_id, actor_role, from_status, to_status, reason)
     SELECT c.id || '-need-' || p, c.id, p, c.created_at + interval '2 days', 'u-prison-staff', 'PRISON_STAFF', 'NOT_STARTED',
            CASE WHEN k <= 3 OR p = ANY(c.unmet_need_list) THEN 'SUPPORT_REQUIRED' ELSE 'SUPPORT_NOT_REQUIRED' END, NULL
     FROM cases c CROSS JOIN LATERAL ${pathways} WHERE ${screened}`,
  ];
}

/**
 * What the projection writes beside the rows: each case's reception and each task's completion in
 * its history (`audit_events`), and a notification for each overdue task (to its holder, or its
 * side's queue) and each handover offered to a COM, half of them read.
 */
function historySql(): string[] {
  return [
    `INSERT INTO audit_events (id, case_id, at, actor_id, actor_role, action, task_id, before, after, details, state_version)
     SELECT c.id || '-a0', c.id, c.created_at, 'u-prison-staff', 'PRISON_STAFF', 'CASE_CREATED', NULL::text, NULL::jsonb, jsonb_build_object('stage', 'CUSTODY_SCREENING'), NULL::jsonb, 1 FROM cases c
     UNION ALL
     SELECT t.id || '-done', t.case_id, t.completed_at, coalesce(t.completed_by, 'u-prison-staff'), 'PRISON_STAFF', 'TASK_COMPLETED', t.id, NULL::jsonb, NULL::jsonb, jsonb_build_object('type', t.type), t.state_version
     FROM tasks t WHERE t.status = 'COMPLETED' AND t.completed_at IS NOT NULL`,
    `INSERT INTO notifications (id, case_id, task_id, kind, recipient_user_id, audience, prison_code, region_code, com_team_code, message, created_at, state_version)
     SELECT t.id || '-n-overdue', t.case_id, t.id, 'OVERDUE', t.assignee, CASE t.side WHEN 'COMMUNITY' THEN 'COMMUNITY' WHEN 'MANAGER' THEN 'MANAGER' ELSE 'PRISON' END,
            t.prison_code, t.region_code, t.com_team_code, t.title || ' is overdue: complete it now', t.due_at, t.state_version
     FROM tasks t WHERE t.overdue AND t.status IN ('OPEN','IN_PROGRESS')
     UNION ALL
     SELECT c.id || '-n-handover', c.id, NULL::text, 'HANDOVER', c.com_user_id, 'COMMUNITY', c.prison_code, c.region_code, c.com_team_code,
            'A case has been allocated to you: the handover pack is ready to accept', (c.handover_date - 60)::timestamptz, c.state_version
     FROM cases c WHERE c.com_user_id IS NOT NULL`,
    `INSERT INTO notification_reads (notification_id, user_id, read_at)
     SELECT n.id, n.recipient_user_id, n.created_at + interval '1 day' FROM notifications n
     WHERE n.recipient_user_id IS NOT NULL AND (hashtext(n.id) & 1) = 0`,
  ];
}

function casesSql(n: number, e: Estate): string {
  const teamOf = (region: string) => {
    const codes = e.teams.filter(([, r]) => r === region).map(([c]) => c);
    return `(${arr(codes)})[1 + floor(${rnd('i', 8)} * ${codes.length})::int]`;
  };
  const pathwaysJson = PATHWAY_NAMES.map(
    (p, k) => `'${p}', CASE WHEN stage IN ('CUSTODY_SCREENING','RISK_SCREENING','RESETTLEMENT_PLAN') THEN 'NOT_STARTED' ELSE (${arr(PATHWAY_STATUS)})[1 + floor(${rnd('i', 20 + k)} * 6)::int] END`,
  ).join(', ');
  return `
    WITH base AS (
      SELECT i, md5('ttg-bench-case-' || i)::uuid AS id, 1 + floor(${rnd('i', 1)} * ${e.prisons.length})::int AS prison_index,
             ${rnd('i', 2)} AS rs, ${rnd('i', 3)} AS r3, ${rnd('i', 4)} AS r4, ${rnd('i', 5)} AS r5, ${rnd('i', 6)} AS r6, ${rnd('i', 7)} AS r7
      FROM generate_series(1, ${n}) AS i
    ), staged AS (
      SELECT b.*, (${arr(e.prisons.map(([c]) => c))})[prison_index] AS prison_code, (${arr(e.prisons.map(([, r]) => r))})[prison_index] AS region_code,
             CASE WHEN rs < 0.04 THEN 'CUSTODY_SCREENING' WHEN rs < 0.07 THEN 'RISK_SCREENING' WHEN rs < 0.11 THEN 'RESETTLEMENT_PLAN'
                  WHEN rs < 0.49 THEN 'PATHWAY_WORK' WHEN rs < 0.58 THEN 'PRE_RELEASE' WHEN rs < 0.83 THEN 'SUPERVISION'
                  WHEN rs < 0.85 THEN 'RECALLED' ELSE 'CLOSED' END AS stage
      FROM base b
    ), dated AS (
      SELECT s.*,
             DATE '${DATASET_TODAY}' + (CASE
               WHEN stage IN ('CUSTODY_SCREENING','RISK_SCREENING','RESETTLEMENT_PLAN') THEN 90 + floor(r3 * 900)
               WHEN stage = 'PATHWAY_WORK' THEN 30 + floor(r3 * 700)
               WHEN stage = 'PRE_RELEASE' THEN -5 + floor(r3 * 90)
               WHEN stage = 'SUPERVISION' THEN -365 + floor(r3 * 365)
               WHEN stage = 'RECALLED' THEN -300 + floor(r3 * 290)
               ELSE -1500 + floor(r3 * 1100) END)::int AS release_date
      FROM staged s
    ), handed AS (
      SELECT d.*, d.release_date - 245 AS handover_date,
             CASE WHEN d.stage IN ('SUPERVISION','RECALLED','CLOSED') THEN 'ACCEPTED'
                  WHEN d.release_date - 245 > DATE '${DATASET_TODAY}' THEN 'ALLOCATION_DUE'
                  WHEN r4 < 0.75 THEN 'ACCEPTED' WHEN r4 < 0.85 THEN 'AWAITING_ACCEPTANCE' ELSE 'ALLOCATION_DUE' END AS handover_status
      FROM dated d
    ), allocated AS (
      SELECT h.*,
             CASE WHEN handover_status = 'ALLOCATION_DUE' THEN NULL
                  WHEN region_code = 'YH' THEN ${teamOf('YH')} WHEN region_code = 'WM' THEN ${teamOf('WM')} ELSE ${teamOf('LDN')} END AS com_team_code,
             floor(r6 * ${e.comsPerTeam})::int AS com_slot
      FROM handed h
    )
    INSERT INTO cases (id, prison_number, given_name, family_name, date_of_birth, prison_code, region_code, stage, active,
                       sentence, key_dates, pathways, handover, risk, detail, release_date, handover_date, handover_status,
                       com_user_id, com_team_code, prison_access_until, unmet_needs, overdue_tasks, lost_contact, policy_version,
                       state_version, workflow_id, created_at, updated_at, closed_at, sex, unmet_need_list, released_with_unmet_needs)
    SELECT id,
           chr(65 + (i / 6760000) % 26) || lpad(((i / 676) % 10000)::text, 4, '0') || chr(65 + (i / 26) % 26) || chr(65 + i % 26),
           (ARRAY['Aaron','Bilal','Callum','Darren','Ellis','Femi','Gary','Harvey','Imran','Jamie'])[1 + floor(r7 * 10)::int],
           (ARRAY['Ahmed','Barker','Clarke','Dixon','Evans','Fletcher','Green','Hughes','Iqbal','Jones'])[1 + floor(r3 * 10)::int],
           DATE '${DATASET_TODAY}' - (6570 + floor(r4 * 18000))::int,
           prison_code, region_code, stage, stage <> 'CLOSED',
           jsonb_build_object('receptionAt', to_char(release_date - 500, 'YYYY-MM-DD') || 'T09:00:00Z', 'sentenceStartDate', release_date - 500,
                              'sentenceType', 'DETERMINATE', 'sentenceLengthMonths', 33, 'conditionalReleaseDate', release_date,
                              'automaticReleaseDate', NULL, 'paroleEligibilityDate', NULL, 'earlyAllocation', false,
                              'offenceCategory', CASE WHEN r7 < 0.25 THEN 'VIOLENT' ELSE 'OTHER' END),
           jsonb_build_object('earliestReleaseDate', release_date, 'releaseDate', release_date, 'handoverDate', handover_date,
                              'custodyScreeningDueAt', to_char(release_date - 497, 'YYYY-MM-DD') || 'T09:00:00Z',
                              'dutyToReferDue', release_date - 56, 'preReleaseReviewOpens', release_date - 84, 'preReleaseReviewDue', release_date - 56,
                              'comResponsibleFromStart', false, 'firstAppointmentDue', release_date + 1, 'supervisionEndDate', release_date + 365,
                              'victimContactEligible', r7 < 0.25),
           jsonb_build_object(${pathwaysJson}),
           jsonb_build_object('handoverDate', handover_date, 'comResponsibleFromStart', false, 'status', handover_status,
                              'comUserId', NULL, 'comTeamCode', com_team_code, 'acceptedAt', NULL, 'prisonAccessUntil', NULL,
                              'sentBackReason', NULL, 'allocationOverdue', false, 'allocationEscalated', false),
           jsonb_build_object('roshLevel', (ARRAY['LOW','MEDIUM','HIGH'])[1 + floor(r5 * 3)::int], 'domesticAbuse', 'NO_CONCERNS',
                              'safeguarding', 'NO_CONCERNS', 'riskManagementPlan', NULL, 'homeVisitRequired', r5 > 0.33),
           jsonb_build_object('prerelease', jsonb_build_object('releaseAddress', NULL, 'licenceConditions', '[]'::jsonb, 'provisionalFirstAppointment', NULL),
                              'release', CASE WHEN ${RELEASED} THEN jsonb_build_object('releasedOn', release_date, 'outcomes', jsonb_build_object(
                                           'accommodation', (ARRAY['SETTLED','SETTLED','TEMPORARY','NONE'])[1 + floor(r6 * 4)::int],
                                           'workOrTraining', (ARRAY['WORK','TRAINING','NONE','NONE'])[1 + floor(r7 * 4)::int])) END,
                              'supervision', NULL,
                              'outcomes', CASE WHEN ${RELEASED} AND release_date < DATE '${DATASET_TODAY}' - 91 THEN jsonb_build_array(
                                           jsonb_build_object('weeks', 6, 'outcome', jsonb_build_object('workOrTraining', (ARRAY['WORK','NONE'])[1 + floor(r4 * 2)::int])),
                                           jsonb_build_object('months', 3, 'outcome', jsonb_build_object('accommodation', (ARRAY['SETTLED','TEMPORARY','NONE'])[1 + floor(r3 * 3)::int])))
                                         ELSE '[]'::jsonb END,
                              'closureSummary', NULL, 'compressed', false,
                              'needs', jsonb_build_object('ACCOMMODATION', r3 < 0.5, 'EDUCATION_SKILLS_AND_WORK', r4 < 0.5, 'FINANCE_ID_AND_DEBT', r5 < 0.5)),
           release_date, handover_date, handover_status,
           CASE WHEN com_team_code IS NULL THEN NULL
                WHEN com_team_code = 'YH-LEEDS-N' AND com_slot = 0 THEN 'u-com-officer'
                WHEN com_team_code = 'YH-LEEDS-S' AND com_slot = 0 THEN 'u-com-officer-2'
                ELSE 'u-bench-com-' || com_team_code || '-' || com_slot END,
           com_team_code,
           CASE WHEN handover_status = 'ACCEPTED' THEN handover_date + 28 END,
           ${UNMET},
           0,
           stage = 'SUPERVISION' AND r4 < 0.03,
           'default-2025',
           14,
           'pathway-' || id,
           (release_date - 500)::timestamptz,
           (DATE '${DATASET_TODAY}' - floor(r6 * 30)::int)::timestamptz,
           CASE WHEN stage = 'CLOSED' THEN (release_date + 365)::timestamptz END,
           CASE WHEN r7 < 0.05 THEN 'FEMALE' WHEN r7 < 0.9 THEN 'MALE' END,
           CASE WHEN ${UNMET} THEN ${UNMET_LIST} ELSE '{}'::text[] END,
           CASE WHEN ${RELEASED} THEN (CASE WHEN r6 < 0.2 THEN ARRAY['ACCOMMODATION'] WHEN r6 < 0.3 THEN ARRAY['FINANCE_ID_AND_DEBT'] ELSE '{}' END)::text[] END
    FROM allocated`;
}

function tasksSql(e: Estate): string {
  const r = (salt: number) => rndText(`t.case_id::text || ':' || t.k`, salt);
  return `
    WITH shaped AS (
      SELECT c.id AS case_id, c.prison_code, c.region_code, c.com_team_code, c.com_user_id, c.active, c.created_at AS case_created,
             k,
             CASE c.stage WHEN 'CUSTODY_SCREENING' THEN 2 WHEN 'RISK_SCREENING' THEN 4 WHEN 'RESETTLEMENT_PLAN' THEN 5 WHEN 'PATHWAY_WORK' THEN 9
                          WHEN 'PRE_RELEASE' THEN 11 WHEN 'SUPERVISION' THEN 12 WHEN 'RECALLED' THEN 13 ELSE 14 END AS ntasks,
             CASE c.stage WHEN 'PATHWAY_WORK' THEN 4 WHEN 'SUPERVISION' THEN 1 WHEN 'RECALLED' THEN 1 WHEN 'CLOSED' THEN 0 ELSE 2 END AS nopen
      FROM cases c
      CROSS JOIN LATERAL generate_series(1, CASE c.stage WHEN 'CUSTODY_SCREENING' THEN 2 WHEN 'RISK_SCREENING' THEN 4 WHEN 'RESETTLEMENT_PLAN' THEN 5
                                                         WHEN 'PATHWAY_WORK' THEN 9 WHEN 'PRE_RELEASE' THEN 11 WHEN 'SUPERVISION' THEN 12
                                                         WHEN 'RECALLED' THEN 13 ELSE 14 END) AS k
    ), typed AS (
      SELECT s.*, (${arr(TYPES)})[k] AS type,
             (k > ntasks - nopen OR (k = 2 AND com_user_id IS NULL AND active)) AS is_open
      FROM shaped s
    ), t AS (
      SELECT y.*,
             ${byType((t) => TASK_CATALOGUE[t].side)} AS side
      FROM typed y
    ), decided AS (
      SELECT t.*,
             ${r(1)} AS r1, ${r(2)} AS r2,
             CASE WHEN is_open THEN DATE '${DATASET_TODAY}' + (-30 + floor(${r(3)} * 150))::int
                  ELSE case_created::date + k * 14 END AS due_date
      FROM t
    ), assigned AS (
      SELECT d.*,
             CASE WHEN NOT is_open OR side = 'MANAGER' OR r1 >= 0.45 THEN NULL
                  WHEN side = 'COMMUNITY' THEN com_user_id
                  ELSE (SELECT CASE WHEN d.prison_code = 'LEI' AND slot = 0 THEN 'u-prison-staff'
                                    WHEN d.prison_code = 'LEI' AND slot = 1 THEN 'u-prison-staff-2'
                                    WHEN d.prison_code = 'WDI' AND slot = 0 THEN 'u-prison-staff-wdi'
                                    ELSE 'u-bench-ps-' || d.prison_code || '-' || slot END
                        FROM (SELECT floor(r2 * ${e.staffPerPrison})::int AS slot) z) END AS open_assignee
      FROM decided d
    )
    INSERT INTO tasks (id, case_id, type, pathway, side, status, assignee, title, prison_code, region_code, com_team_code,
                       due_date, due_at, overdue, escalated, compressed, outcome, created_at, completed_at, completed_by, state_version)
    SELECT case_id::text || '-t' || k, case_id, type,
           ${byType((t) => TASK_CATALOGUE[t].pathway)},
           side,
           CASE WHEN is_open THEN CASE WHEN open_assignee IS NULL THEN 'OPEN' ELSE 'IN_PROGRESS' END
                WHEN r1 < 0.03 THEN 'CANCELLED' ELSE 'COMPLETED' END,
           CASE WHEN is_open THEN open_assignee WHEN side = 'COMMUNITY' THEN com_user_id END,
           initcap(replace(lower(type), '_', ' ')),
           prison_code, region_code, com_team_code,
           due_date, (due_date + 1)::timestamp AT TIME ZONE 'Europe/London',
           is_open AND due_date < DATE '${DATASET_TODAY}',
           is_open AND due_date < DATE '${DATASET_TODAY}' - 14,
           false,
           CASE WHEN NOT is_open AND r1 >= 0.03 THEN '{"recorded":true}'::jsonb END,
           (due_date - 10)::timestamptz,
           CASE WHEN NOT is_open THEN (due_date - 2)::timestamptz END,
           CASE WHEN NOT is_open THEN CASE WHEN side = 'COMMUNITY' THEN com_user_id ELSE 'u-bench-ps-' || prison_code || '-0' END END,
           k
    FROM assigned`;
}

/** Fills a freshly migrated database with `n` cases and their tasks, then VACUUM ANALYZE. */
export async function generateDataset(url: string, n: number): Promise<DatasetStats> {
  const started = Date.now();
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET maintenance_work_mem = '256MB'`);
    const e = estate(n);
    await c.query('BEGIN');
    // Reference data, as an administrator adds prisons and teams (the shipped rows already exist).
    await c.query(`INSERT INTO prisons (code, name, region_code) SELECT code, 'HMP ' || code, region FROM unnest($1::text[], $2::text[]) AS p(code, region) ON CONFLICT (code) DO NOTHING`, [
      e.prisons.map(([code]) => code),
      e.prisons.map(([, region]) => region),
    ]);
    await c.query(`INSERT INTO probation_teams (code, name, region_code) SELECT code, code || ' probation team', region FROM unnest($1::text[], $2::text[]) AS t(code, region) ON CONFLICT (code) DO NOTHING`, [
      e.teams.map(([code]) => code),
      e.teams.map(([, region]) => region),
    ]);
    await c.query(casesSql(n, e));
    await c.query(tasksSql(e));
    for (const sql of [...needsSql(), ...historySql()]) await c.query(sql);
    await c.query(`
      UPDATE cases c SET overdue_tasks = o.n
      FROM (SELECT case_id, count(*)::int AS n FROM tasks WHERE overdue AND status IN ('OPEN','IN_PROGRESS') GROUP BY case_id) o
      WHERE c.id = o.case_id`);
    await c.query('COMMIT');
    // As autovacuum would have by the time a region has this many cases: statistics and visibility map.
    await c.query('VACUUM (ANALYZE) cases');
    await c.query('VACUUM (ANALYZE) tasks');
    await c.query('VACUUM (ANALYZE) case_needs');
    await c.query('VACUUM (ANALYZE) need_changes');
    for (const table of ['audit_events', 'notifications', 'notification_reads']) await c.query(`VACUUM (ANALYZE) ${table}`);
    // The rows were written without the projection: the counters it keeps are filled from them.
    const countersStarted = Date.now();
    for (const t of COUNTER_TABLES) {
      await c.query(upsertAdding(t, t.sql('TRUE')));
      await c.query(`VACUUM (ANALYZE) ${t.table}`);
    }
    const counterSeconds = (Date.now() - countersStarted) / 1000;
    const { rows } = await c.query<{ cases: number; active: number; tasks: number; open: number; overdue: number; bytes: string; lei: number; leeds: number; yh: number }>(`
      SELECT (SELECT count(*)::int FROM cases) AS cases,
             (SELECT count(*)::int FROM cases WHERE prison_code = 'LEI') AS lei,
             (SELECT count(*)::int FROM cases WHERE com_team_code = 'YH-LEEDS-N') AS leeds,
             (SELECT count(*)::int FROM cases WHERE region_code = 'YH') AS yh,
             (SELECT count(*)::int FROM cases WHERE active) AS active,
             (SELECT count(*)::int FROM tasks) AS tasks,
             (SELECT count(*)::int FROM tasks WHERE status IN ('OPEN','IN_PROGRESS')) AS open,
             (SELECT count(*)::int FROM tasks WHERE overdue AND status IN ('OPEN','IN_PROGRESS')) AS overdue,
             (pg_total_relation_size('cases') + pg_total_relation_size('tasks'))::text AS bytes`);
    const s = rows[0];
    return {
      prisons: e.prisons.length,
      teams: e.teams.length,
      scope: { prisonLei: s.lei, teamLeedsNorth: s.leeds, regionYh: s.yh },
      cases: s.cases, activeCases: s.active, tasks: s.tasks, openTasks: s.open, overdueTasks: s.overdue, seconds: (Date.now() - started) / 1000, counterSeconds, sizeMiB: Number(s.bytes) / 1024 ** 2 };
  } finally {
    await c.end();
  }
}
