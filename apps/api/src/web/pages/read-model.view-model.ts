import type { ArchiveReport } from '@ttg/persistence/archive';
import type { CounterCheckReport } from '@ttg/persistence/counter-check';
import type { ReconcileReport } from '@ttg/persistence/reconciler';
import type { ProjectionAlert } from '../../pathway/read-model.repair';
import { formatDateTime, plural } from '../support/format';

/** What a refusal's SQLSTATE class means, in words an administrator can act on. */
const SQLSTATE_CLASSES: Record<string, string> = {
  '22': 'A value the database cannot hold (a character or number it refuses)',
  '23': 'A value that breaks a rule of the read model (a duplicate or a missing link)',
  '42': 'The read model does not have a column or table the projection writes (a migration not run)',
};

export interface AlertRow {
  caseId: string;
  person: string;
  href: string | null;
  version: number;
  reason: string;
  detail: string;
  raised: string;
}

export function alertRows(alerts: ProjectionAlert[]): AlertRow[] {
  return alerts.map((a) => ({
    caseId: a.caseId,
    person: a.personName && a.prisonNumber ? `${a.personName} (${a.prisonNumber})` : 'Not yet in the read model',
    href: a.personName ? `/cases/${a.caseId}` : null,
    version: a.stateVersion,
    reason: SQLSTATE_CLASSES[a.sqlstate.slice(0, 2)] ?? 'The database refused the change',
    detail: `${a.message} (SQLSTATE ${a.sqlstate})`,
    raised: formatDateTime(a.createdAt),
  }));
}

/** The reconciler's report as a banner. */
export function reconcileWords(r: ReconcileReport): { title: string; text: string } {
  const found = r.rowsWithoutWorkflow.length + r.workflowsWithoutRow.length;
  const parts = [
    `${plural(r.rowsWithoutWorkflow.length, 'row')} without a workflow removed`,
    `${plural(r.reprojected.length, 'case')} re-projected from its workflow`,
    ...(r.unrecoverable.length ? [`${plural(r.unrecoverable.length, 'workflow')} could not be given a row (started before workflows carried the person): ${r.unrecoverable.join(', ')}`] : []),
  ];
  return { title: found === 0 ? 'The read model agrees with the workflows' : `${plural(found, 'difference')} found`, text: `${parts.join('; ')}.` };
}

/** What each counter table counts, as the dashboards name it. */
const COUNTER_WORDS: Record<string, string> = {
  task_counters: 'open, overdue and escalated tasks',
  release_counters: 'people due out with a problem',
  officer_counters: 'allocations and caseloads',
  outcome_counters: 'outcomes by day',
  outcome_month_counters: 'outcomes by month',
  late_handover_counters: 'handovers after release',
  resettlement_counters: 'resettlement outcomes by day',
  resettlement_month_counters: 'resettlement outcomes by month',
};

/** The counter check's report as a banner. */
export function counterWords(r: CounterCheckReport): { title: string; text: string } {
  const held = Object.values(r.rows).reduce((a, b) => a + b, 0);
  const drifted = Object.values(r.drifted).reduce((a, b) => a + b, 0);
  const where = Object.entries(r.drifted).filter(([, n]) => n > 0).map(([table, n]) => `${COUNTER_WORDS[table] ?? 'other counters'}: ${n}`).join('; ');
  if (drifted === 0) return { title: 'The dashboard counters agree with the rows they count', text: `${plural(held, 'counter row')} checked in ${r.seconds.toFixed(1)} seconds.` };
  return {
    title: r.mended ? `${plural(drifted, 'counter row')} mended` : `${plural(drifted, 'counter row')} disagree with the rows they count`,
    text: `${where}. ${r.mended ? 'The differences were added back.' : 'Check again with "mend" chosen to add the differences back.'}`,
  };
}

/** An archiving run as a banner. */
export function archiveWords(r: ArchiveReport & { afterDays: number; ran: boolean }): { title: string; text: string } {
  if (!r.ran) return { title: 'Archiving is already under way', text: 'A worker is archiving closed cases now: check again in a few minutes.' };
  const moved = `${plural(r.rows.tasks, 'task')}, ${plural(r.rows.audit_events, 'history entry', 'history entries')}, ${plural(r.rows.contacts, 'contact')} and ${plural(r.rows.notifications, 'notification')}`;
  return r.cases === 0
    ? { title: 'No case to archive', text: `Every case closed more than ${plural(r.afterDays, 'day')} ago is already archived.` }
    : { title: `${plural(r.cases, 'closed case')} archived`, text: `${moved} moved out of the working tables in ${r.seconds.toFixed(1)} seconds.` };
}
