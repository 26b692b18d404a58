import { isOpenTask, type TaskSide } from '@ttg/contracts';

export interface TaskRow {
  id: string;
  case_id: string;
  type: string;
  pathway: string | null;
  side: TaskSide;
  status: string;
  assignee: string | null;
  title: string;
  prison_code: string;
  region_code: string;
  com_team_code: string | null;
  due_date: string;
  due_at: Date;
  overdue: boolean;
  escalated: boolean;
  compressed: boolean;
  outcome: unknown;
  created_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  state_version: number;
  prison_number?: string;
  given_name?: string;
  family_name?: string;
  release_date?: string | null;
  /** The case's reception instant (read with a single task, to check a late entry's day). */
  reception_at?: string | null;
}

export function presentTask(t: TaskRow) {
  return {
    id: t.id,
    caseId: t.case_id,
    type: t.type,
    title: t.title,
    pathway: t.pathway,
    side: t.side,
    status: t.status,
    assignee: t.assignee,
    dueDate: t.due_date,
    dueAt: new Date(t.due_at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    overdue: t.overdue && isOpenTask(t.status),
    escalated: t.escalated && isOpenTask(t.status),
    wasLate: t.overdue,
    compressed: t.compressed,
    prisonCode: t.prison_code,
    outcome: t.outcome,
    createdAt: t.created_at,
    completedAt: t.completed_at,
    completedBy: t.completed_by,
    person: t.prison_number ? { prisonNumber: t.prison_number, givenName: t.given_name, familyName: t.family_name, releaseDate: t.release_date ?? null } : undefined,
  };
}
export type TaskView = ReturnType<typeof presentTask>;
