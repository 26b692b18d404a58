import { MAX_PAGE } from '../../common/page';
import { HANDOVER_INBOX_STATUSES } from '@ttg/contracts';
import { z } from 'zod';
import { pagination, queryString } from '../support/pagination';
import type { Principal } from '../../auth/principal';
import type { HandoverPack } from '../../handover/handover-pack';
import type { ErrorSummary } from '../support/form-errors';
import { formatDate, formatDateTime } from '../support/format';
import { HANDOVER_STATUS_TAGS, PATHWAY_LABELS, PATHWAY_STATUS_TAGS, STAGE_LABELS, humanise, labelOf } from '../support/labels';
import { outcomeRows, type FormField, type FormValues } from './task-forms';
import { needsView } from './needs.view-model';
import type { Pathway, PathwayStatus, TaskType } from '@ttg/contracts';

export const inboxQuery = z.object({ status: z.enum(HANDOVER_INBOX_STATUSES).optional().catch(undefined), page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1) });
export const INBOX_PAGE_SIZE = 25;

const inboxRow = z.object({
  id: z.string(),
  prisonNumber: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  prisonCode: z.string(),
  stage: z.string(),
  handoverStatus: z.string().nullable(),
  handoverDate: z.union([z.string(), z.date()]).nullable(),
  releaseDate: z.union([z.string(), z.date()]).nullable(),
  comUserId: z.string().nullable(),
  acceptanceTaskId: z.string().nullable(),
});

const dateText = (v: string | Date | null) => (v === null ? '' : formatDate(v instanceof Date ? v.toISOString().slice(0, 10) : v.slice(0, 10)));

export function inboxView(rows: unknown[], status: string | undefined, ctx: { user: Principal; names: Map<string, string>; prisons: Map<string, string>; page: number; total: number }) {
  const items = z.array(inboxRow).parse(rows);
  return {
    pageTitle: 'Handovers',
    status,
    pagination: pagination(ctx.page, INBOX_PAGE_SIZE, ctx.total, (page) => `/handovers${queryString({ status, page: page === 1 ? undefined : page })}`, 'handovers'),
    tabs: [
      { text: 'All', href: '/handovers', active: !status },
      ...HANDOVER_INBOX_STATUSES.map((s) => ({ text: HANDOVER_STATUS_TAGS[s]?.text ?? humanise(s), href: `/handovers?status=${s}`, active: status === s })),
    ],
    rows: items.map((r) => ({
      name: `${r.givenName} ${r.familyName}`,
      prisonNumber: r.prisonNumber,
      caseHref: `/cases/${r.id}`,
      packHref: `/cases/${r.id}/handover-pack`,
      prison: ctx.prisons.get(r.prisonCode) ?? r.prisonCode,
      stage: labelOf(STAGE_LABELS, r.stage),
      handoverDate: dateText(r.handoverDate) || 'None (COM from the start)',
      releaseDate: dateText(r.releaseDate),
      status: HANDOVER_STATUS_TAGS[r.handoverStatus ?? ''] ?? { text: humanise(r.handoverStatus ?? ''), classes: 'govuk-tag--grey' },
      com: r.comUserId ? (r.comUserId === ctx.user.id ? 'You' : ctx.names.get(r.comUserId) ?? r.comUserId) : 'Not allocated',
      awaitingYou: r.acceptanceTaskId !== null,
    })),
  };
}

export function handoverPackView(
  pack: HandoverPack,
  ctx: {
    print: boolean;
    prisonName: string;
    names: Map<string, string>;
    decision: { taskId: string; fields: FormField[]; values: FormValues; errors: ErrorSummary | null; idempotencyKey: string } | null;
  },
) {
  const handover = (pack.handover ?? {}) as { status?: string; comUserId?: string | null; comTeamCode?: string | null; acceptedAt?: string | null };
  const name = `${pack.person.givenName} ${pack.person.familyName}`;
  return {
    pageTitle: `Handover pack: ${name}`,
    print: ctx.print,
    caseHref: `/cases/${pack.caseId}`,
    printHref: `/cases/${pack.caseId}/handover-pack?print=1`,
    packHref: `/cases/${pack.caseId}/handover-pack`,
    person: { name, prisonNumber: pack.person.prisonNumber, dateOfBirth: formatDate(pack.person.dateOfBirth), prison: ctx.prisonName },
    status: HANDOVER_STATUS_TAGS[handover.status ?? ''] ?? { text: humanise(handover.status ?? 'NOT_DUE'), classes: 'govuk-tag--grey' },
    dates: [
      { key: 'Handover date', value: pack.handoverDate ? formatDate(pack.handoverDate) : 'None: the COM is responsible from the start' },
      { key: 'Release date', value: formatDate(pack.releaseDate) || 'Not known' },
      { key: 'Supervision ends', value: typeof pack.supervisionEndDate === 'string' ? formatDate(pack.supervisionEndDate) : 'Not known' },
      { key: 'Community offender manager', value: handover.comUserId ? ctx.names.get(handover.comUserId) ?? handover.comUserId : 'Not allocated' },
      ...(handover.acceptedAt ? [{ key: 'Accepted', value: formatDateTime(handover.acceptedAt) }] : []),
    ],
    pathways: pack.pathways.map((p) => ({
      label: PATHWAY_LABELS[p.pathway as Pathway],
      status: PATHWAY_STATUS_TAGS[p.status as PathwayStatus] ?? { text: humanise(p.status), classes: 'govuk-tag--grey' },
      outcomes: p.outcomes.map((o) => ({ title: o.title, completed: formatDate(o.completedAt ? new Date(o.completedAt) : null), rows: outcomeRows(o.type as TaskType, o.outcome, ctx.names) })),
    })),
    risk: [
      { key: 'Risk of serious harm', value: pack.risk.roshLevel ? humanise(pack.risk.roshLevel) : 'Not yet screened' },
      { key: 'Risk management plan', value: pack.risk.riskManagementPlan ?? 'None' },
      { key: 'Domestic abuse check', value: pack.risk.domesticAbuse ? humanise(pack.risk.domesticAbuse) : 'Not requested' },
      { key: 'Child safeguarding check', value: pack.risk.safeguarding ? humanise(pack.risk.safeguarding) : 'Not requested' },
      { key: 'Home visit after release', value: pack.risk.homeVisitRequired ? 'Required' : 'Not required' },
    ],
    release: [
      { key: 'Release address', value: pack.releaseAddress ?? 'Not recorded yet' },
      { key: 'Licence conditions', value: pack.licenceConditions.length ? pack.licenceConditions.join('; ') : 'None recorded yet' },
      { key: 'Provisional first appointment', value: pack.provisionalFirstAppointment ? `${formatDate(pack.provisionalFirstAppointment.date)}, ${pack.provisionalFirstAppointment.location}` : 'Not booked yet' },
      { key: 'Victim contact scheme', value: pack.victimContact.eligible ? `Applies: ${pack.victimContact.status === 'TOLD' ? `told${pack.victimContact.lastToldAt ? ` on ${formatDate(new Date(pack.victimContact.lastToldAt))}` : ''}` : pack.victimContact.status === 'TO_TELL' ? 'still to tell' : 'not due yet'}` : 'Does not apply' },
    ],
    needs: needsView({ needs: pack.needs, immediateNeeds: pack.immediateNeeds, riskFlags: pack.riskFlags, unmetNeeds: pack.unmetNeeds, releasedWithUnmetNeeds: pack.releasedWithUnmetNeeds }, ctx.names),
    openTasks: pack.openTasks.map((t) => ({ title: t.title, href: `/tasks/${t.id}`, due: formatDate(t.dueDate), overdue: t.overdue })),
    decision: ctx.decision,
    errors: ctx.decision?.errors ?? null,
  };
}
