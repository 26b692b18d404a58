import type { CaseRow } from './case.repository';

/** The API shape of a case (the stable contract of the API: stage, keyDates, pathways, handover, plus the rest). */
export function presentCase(c: CaseRow) {
  const detail = (c.detail ?? {}) as Record<string, unknown>;
  return {
    id: c.id,
    prisonNumber: c.prison_number,
    givenName: c.given_name,
    familyName: c.family_name,
    dateOfBirth: c.date_of_birth,
    prisonCode: c.prison_code,
    regionCode: c.region_code,
    stage: c.stage,
    active: c.active,
    sentence: c.sentence,
    keyDates: c.key_dates,
    pathways: c.pathways,
    handover: c.handover,
    risk: c.risk,
    preRelease: detail.prerelease ?? null,
    release: detail.release ?? null,
    supervision: detail.supervision ?? null,
    outcomes: detail.outcomes ?? [],
    closureSummary: detail.closureSummary ?? null,
    unmetNeeds: c.unmet_needs,
    unmetNeedList: c.unmet_need_list ?? [],
    immediateNeeds: c.immediate_needs ?? [],
    riskFlags: c.risk_flags ?? [],
    releasedWithUnmetNeeds: c.released_with_unmet_needs ?? null,
    readinessAlarm: c.readiness_alarm ?? null,
    sex: c.sex ?? null,
    overdueTasks: c.overdue_tasks,
    lostContact: c.lost_contact,
    policyVersion: c.policy_version,
    stateVersion: c.state_version,
    workflowId: c.workflow_id,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    closedAt: c.closed_at,
  };
}
export type CaseView = ReturnType<typeof presentCase>;
