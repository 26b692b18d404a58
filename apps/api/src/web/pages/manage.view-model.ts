import type { Principal } from '../../auth/principal';
import { can } from '@ttg/contracts';
import type { CaseView } from '../../cases/case.presenter';
import type { ErrorSummary, ErrorTarget } from '../support/form-errors';
import { plural } from '../support/format';
import type { StaffMember } from '../support/staff-directory';

export const MANAGE_FORMS = ['transfer', 'reallocate', 'close'] as const;
export type ManageForm = (typeof MANAGE_FORMS)[number];

/** Where each form's fields are, for the problems the use cases name. */
export const MANAGE_TARGETS: Record<ManageForm, ErrorTarget[]> = {
  transfer: [
    { path: 'prisonCode', id: 'transfer-prisonCode', label: 'Prison', choice: true },
    { path: 'reason', id: 'transfer-reason', label: 'Reason for the transfer' },
  ],
  reallocate: [
    { path: 'comUserId', id: 'reallocate-comUserId', label: 'Community offender manager', choice: true },
    { path: 'teamCode', id: 'reallocate-comUserId', label: 'Probation team', choice: true },
    { path: 'reason', id: 'reallocate-reason', label: 'Reason for the reallocation' },
  ],
  close: [{ path: 'reason', id: 'close-reason', label: 'Reason for closing the case' }],
};

export type Values = Record<string, string>;

export function manageValues(body: unknown): Values {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(raw).filter(([k, v]) => typeof v === 'string' && k !== '_csrf').map(([k, v]) => [k, (v as string).trim().slice(0, 2000)]));
}

/** Each form as the body its use case expects; the team of a reallocation is the chosen COM's. */
export function manageBody(form: ManageForm, v: Values, coms: StaffMember[]): Record<string, unknown> {
  // A blank field is a missing one: the use case then says it is required.
  const opt = (s: string | undefined) => (s ? s : undefined);
  switch (form) {
    case 'transfer':
      return { prisonCode: opt(v['transfer-prisonCode']), reason: opt(v['transfer-reason']) };
    case 'reallocate': {
      const com = coms.find((c) => c.userId === v['reallocate-comUserId']);
      return { comUserId: opt(v['reallocate-comUserId']), teamCode: com?.teamCode ?? undefined, reason: opt(v['reallocate-reason']) };
    }
    case 'close':
      return { reason: opt(v['close-reason']) };
  }
}

/** Which forms this user may use on this case now (the workflow still has the last word). */
export function availableForms(c: CaseView, user: Principal): Record<ManageForm, boolean> {
  const handover = (c.handover ?? {}) as { comUserId?: string | null };
  return {
    transfer: c.active && can(user.role, 'case.transfer') && c.stage !== 'SUPERVISION',
    reallocate: c.active && can(user.role, 'case.reallocate') && Boolean(handover.comUserId),
    close: c.active && can(user.role, 'case.close'),
  };
}

export function manageView(
  c: CaseView,
  ctx: {
    user: Principal;
    prisons: { code: string; name: string }[];
    coms: StaffMember[];
    currentCom: string | null;
    prisonName: string;
    active: ManageForm | null;
    values: Values;
    errors: ErrorSummary | null;
    keys: Record<ManageForm, string>;
  },
) {
  const can = availableForms(c, ctx.user);
  const values = (form: ManageForm) => (ctx.active === form ? ctx.values : {});
  const errors = (form: ManageForm) => (ctx.active === form ? ctx.errors : null);
  const handover = (c.handover ?? {}) as { comUserId?: string | null };
  const option = (value: string, text: string, selected: string | undefined) => ({ value, text, selected: value === selected });
  return {
    pageTitle: `Manage the case: ${c.givenName} ${c.familyName}`,
    person: { name: `${c.givenName} ${c.familyName}`, prisonNumber: c.prisonNumber, caseHref: `/cases/${c.id}` },
    summary: [
      { key: 'Prison', value: ctx.prisonName },
      { key: 'Community offender manager', value: ctx.currentCom ?? 'Not allocated yet' },
    ],
    errors: ctx.errors,
    nothing: !can.transfer && !can.reallocate && !can.close,
    forms: {
      transfer: can.transfer
        ? {
            action: `/cases/${c.id}/manage/transfer`,
            prisons: [option('', 'Choose a prison', values('transfer')['transfer-prisonCode'] ?? ''), ...ctx.prisons.filter((p) => p.code !== c.prisonCode).map((p) => option(p.code, `${p.name} (${p.code})`, values('transfer')['transfer-prisonCode']))],
            values: values('transfer'),
            errors: errors('transfer'),
            key: ctx.keys.transfer,
          }
        : null,
      reallocate: can.reallocate
        ? {
            action: `/cases/${c.id}/manage/reallocate`,
            coms: [
              option('', 'Choose a community offender manager', values('reallocate')['reallocate-comUserId'] ?? ''),
              ...ctx.coms.filter((m) => m.userId !== handover.comUserId).map((m) => option(m.userId, `${m.displayName}, ${m.teamName ?? m.teamCode ?? 'no team'} (${plural(m.casesAllocated, 'case')}, ${plural(m.openTasks, 'open task')})`, values('reallocate')['reallocate-comUserId'])),
            ],
            values: values('reallocate'),
            errors: errors('reallocate'),
            key: ctx.keys.reallocate,
          }
        : null,
      close: can.close ? { action: `/cases/${c.id}/manage/close`, values: values('close'), errors: errors('close'), key: ctx.keys.close } : null,
    },
  };
}
