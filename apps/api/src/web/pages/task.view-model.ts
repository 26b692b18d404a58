import { isOpenTask, type Pathway, type TaskStatus, type TaskType } from '@ttg/contracts';
import type { Principal } from '../../auth/principal';
import type { CaseRow } from '../../cases/case.repository';
import type { TaskView } from '../../tasks/task.presenter';
import type { ErrorSummary } from '../support/form-errors';
import { formatDate, formatDateTime, relativeDue } from '../support/format';
import { PATHWAY_LABELS, SIDE_LABELS, STAGE_LABELS, TASK_STATUS_TAGS, labelOf } from '../support/labels';
import { type FormField, type FormValues, outcomeRows } from './task-forms';
import { taskFlags } from './task-list.view-model';

export function taskView(
  task: TaskView,
  c: CaseRow,
  ctx: { user: Principal; names: Map<string, string>; today: string; fields: FormField[]; values: FormValues; errors: ErrorSummary | null; idempotencyKey: string; assignees?: { value: string; text: string }[] },
) {
  const open = isOpenTask(task.status);
  const name = (id: string | null) => (id ? (id === ctx.user.id ? `You (${ctx.user.displayName})` : ctx.names.get(id) ?? id) : 'Unassigned');
  return {
    pageTitle: task.title,
    task: {
      id: task.id,
      title: task.title,
      open,
      status: TASK_STATUS_TAGS[task.status as TaskStatus],
      flags: taskFlags(task),
      canClaim: open && task.assignee === null,
      canRelease: open && task.assignee === ctx.user.id,
      claimedByOther: open && task.assignee !== null && task.assignee !== ctx.user.id,
    },
    person: { name: `${c.given_name} ${c.family_name}`, prisonNumber: c.prison_number, caseHref: `/cases/${c.id}` },
    summary: [
      { key: 'Person', value: `${c.given_name} ${c.family_name} (${c.prison_number})`, href: `/cases/${c.id}` },
      { key: 'Stage', value: labelOf(STAGE_LABELS, c.stage) },
      { key: 'Pathway', value: labelOf(PATHWAY_LABELS, task.pathway as Pathway | null, 'Not a pathway task') },
      { key: 'Worked by', value: SIDE_LABELS[task.side] ?? task.side },
      { key: 'Due', value: open ? `${formatDate(task.dueDate)} (${relativeDue(task.dueDate, ctx.today, task.dueAt)})` : formatDate(task.dueDate) },
      { key: 'Assigned to', value: name(task.assignee) },
      ...(task.completedAt ? [{ key: 'Completed', value: `${formatDateTime(task.completedAt)} by ${name(task.completedBy)}` }] : []),
    ],
    compressedNote: task.compressed ? 'This deadline was compressed: the policy deadline had already passed when this step opened, so it is due on the next working day instead.' : null,
    form: open ? { action: `/tasks/${task.id}`, fields: ctx.fields, values: ctx.values, idempotencyKey: ctx.idempotencyKey } : null,
    errors: ctx.errors,
    /** Someone who may move others' work assigns this one task to a colleague who can work it. */
    assign: open && ctx.assignees?.length ? { action: `/tasks/${task.id}/assign`, items: [{ value: '', text: 'Choose a person' }, ...ctx.assignees.filter((a) => a.value !== task.assignee)] } : null,
    outcome: task.status === 'COMPLETED' ? outcomeRows(task.type as TaskType, task.outcome, ctx.names) : null,
  };
}
