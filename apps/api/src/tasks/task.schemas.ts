import { z } from 'zod';
import { afterQuery, pageQuery } from '../common/page';
import { TASK_STATUSES, TASK_TYPES, PATHWAYS, isoDateSchema, lineText } from '@ttg/contracts';

const isoDate = isoDateSchema;
const list = <T extends [string, ...string[]]>(values: T) =>
  z.string().transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).min(1));

export const taskListSchema = z
  .object({
    caseId: z.string().uuid('must be a case id').optional(),
    status: list([...TASK_STATUSES]).optional(),
    type: list([...TASK_TYPES]).optional(),
    pathway: z.enum(PATHWAYS).optional(),
    side: z.enum(['PRISON', 'COMMUNITY', 'MANAGER']).optional(),
    assignee: lineText(100).optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    dueFrom: isoDate.optional(),
    dueTo: isoDate.optional(),
    /** A person: prison number, name or full name, or date of birth. */
    q: lineText(100).optional(),
    sort: z.enum(['dueAt', 'createdAt', 'type']).default('dueAt'),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...pageQuery(25),
    ...afterQuery,
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

export const assignSchema = z.object({ userId: lineText(100, 'must name a user') }).strict();
export const completeSchema = z.object({ outcome: z.unknown(), doneOn: isoDateSchema.optional() }).strict().refine((b) => b.outcome !== undefined, { message: 'is required', path: ['outcome'] });
export const bulkReassignSchema = z.object({ fromUserId: lineText(100), toUserId: lineText(100) }).strict();
