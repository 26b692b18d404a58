import { isOpenTask, PATHWAYS, pathwayTaskTypes } from '@ttg/contracts';
import type { CaseRow, NeedView } from '../cases/case.repository';
import type { TaskRow } from '../tasks/task.presenter';

/**
 * The handover pack a community offender manager receives: the plan and each pathway's status
 * and outcomes, risk, licence conditions, release address, first appointment and victim contact.
 */
export function buildHandoverPack(c: CaseRow, tasks: TaskRow[], needs: NeedView[] = []) {
  const detail = (c.detail ?? {}) as { prerelease?: { releaseAddress: string | null; licenceConditions: string[]; provisionalFirstAppointment: { date: string; location: string } | null } };
  const risk = (c.risk ?? {}) as { roshLevel?: string | null; riskManagementPlan?: string | null; domesticAbuse?: string | null; safeguarding?: string | null; homeVisitRequired?: boolean };
  const pathways = (c.pathways ?? {}) as Record<string, string>;
  const keyDates = (c.key_dates ?? {}) as Record<string, unknown>;
  const done = (types: string[]) => tasks.filter((t) => types.includes(t.type) && t.status === 'COMPLETED');
  const victim = tasks.filter((t) => t.type === 'VICTIM_CONTACT');
  return {
    caseId: c.id,
    person: { prisonNumber: c.prison_number, givenName: c.given_name, familyName: c.family_name, dateOfBirth: c.date_of_birth },
    prisonCode: c.prison_code,
    handover: c.handover,
    releaseDate: c.release_date,
    handoverDate: c.handover_date,
    supervisionEndDate: keyDates.supervisionEndDate ?? null,
    pathways: PATHWAYS.map((p) => ({
      pathway: p,
      status: pathways[p] ?? 'NOT_STARTED',
      outcomes: done([...pathwayTaskTypes(p), 'PATHWAY_SUPPORT'])
        .filter((t) => t.pathway === p)
        .map((t) => ({ type: t.type, title: t.title, completedAt: t.completed_at, outcome: t.outcome })),
    })),
    risk: {
      roshLevel: risk.roshLevel ?? null,
      riskManagementPlan: risk.riskManagementPlan ?? null,
      domesticAbuse: risk.domesticAbuse ?? null,
      safeguarding: risk.safeguarding ?? null,
      homeVisitRequired: risk.homeVisitRequired ?? false,
    },
    licenceConditions: detail.prerelease?.licenceConditions ?? [],
    releaseAddress: detail.prerelease?.releaseAddress ?? null,
    provisionalFirstAppointment: detail.prerelease?.provisionalFirstAppointment ?? null,
    victimContact: {
      eligible: keyDates.victimContactEligible === true,
      status: victim.length === 0 ? 'NOT_DUE' : victim.every((t) => t.status === 'COMPLETED') ? 'TOLD' : 'TO_TELL',
      lastToldAt: victim.filter((t) => t.status === 'COMPLETED').map((t) => t.completed_at).sort().pop() ?? null,
    },
    needs,
    immediateNeeds: c.immediate_needs ?? [],
    riskFlags: c.risk_flags ?? [],
    unmetNeeds: c.unmet_need_list ?? [],
    releasedWithUnmetNeeds: c.released_with_unmet_needs ?? null,
    openTasks: tasks.filter((t) => isOpenTask(t.status)).map((t) => ({ id: t.id, type: t.type, title: t.title, dueDate: t.due_date, overdue: t.overdue })),
  };
}
export type HandoverPack = ReturnType<typeof buildHandoverPack>;
