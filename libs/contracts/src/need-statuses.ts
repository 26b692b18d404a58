import { z } from 'zod';
import { longText } from './text';

/** A tracked need's statuses, and a status set by hand with the reason it requires (the needs model: needs.ts). */
export const NEED_STATUSES = ['NOT_STARTED', 'SUPPORT_REQUIRED', 'IN_PROGRESS', 'MET', 'SUPPORT_DECLINED', 'SUPPORT_NOT_REQUIRED'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** A need still to be met: support is required or under way. */
export const UNMET_NEED_STATUSES = ['SUPPORT_REQUIRED', 'IN_PROGRESS'] as const satisfies readonly NeedStatus[];
/** Statuses that must say why (a person declined, or there is no need). */
export const REASONED_NEED_STATUSES = ['SUPPORT_DECLINED', 'SUPPORT_NOT_REQUIRED'] as const satisfies readonly NeedStatus[];
/** Statuses staff may set by hand; MET and IN_PROGRESS follow from the outcomes of the need's tasks. */
export const SETTABLE_NEED_STATUSES = ['SUPPORT_REQUIRED', ...REASONED_NEED_STATUSES] as const satisfies readonly NeedStatus[];
export type SettableNeedStatus = (typeof SETTABLE_NEED_STATUSES)[number];

export const isUnmetNeed = (status: string): boolean => (UNMET_NEED_STATUSES as readonly string[]).includes(status);

/** A status set by hand and its reason (required when support is declined or not required). */
export const needRevisionFields = {
  status: z.enum(SETTABLE_NEED_STATUSES, { errorMap: () => ({ message: `must be one of ${SETTABLE_NEED_STATUSES.join(', ')}` }) }),
  reason: longText(500).optional(),
};
export const reasonGiven = (b: { status: string; reason?: string }): boolean => !(REASONED_NEED_STATUSES as readonly string[]).includes(b.status) || b.reason !== undefined;
export const REASON_REQUIRED = { message: 'is required when support is declined or not required', path: ['reason'] };

/** One need revised (at the pre-release review): its new status and why. */
export const needRevisionSchema = z.object(needRevisionFields).strict().refine(reasonGiven, REASON_REQUIRED);
