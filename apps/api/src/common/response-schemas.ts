import { z, type ZodTypeAny } from 'zod';

/**
 * What the main resources answer, as zod schemas: the OpenAPI document's success responses are
 * generated from them (so a client can be generated, and Schemathesis checks every answer and
 * follows the document's links from one to the next). They say what the presenters always give;
 * the nested documents of the workflow's state (key dates, risk, plan) are objects whose fields
 * the domain docs describe.
 */
const instant = z.string().describe('ISO 8601 instant');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const doc = z.object({}).passthrough();

export const taskResponse = z
  .object({
    id: z.string(),
    caseId: z.string(),
    type: z.string(),
    title: z.string(),
    pathway: z.string().nullable(),
    side: z.enum(['PRISON', 'COMMUNITY', 'MANAGER']),
    status: z.string(),
    assignee: z.string().nullable(),
    dueDate: isoDate,
    dueAt: instant,
    overdue: z.boolean(),
    escalated: z.boolean(),
    wasLate: z.boolean(),
    compressed: z.boolean(),
    prisonCode: z.string().nullable(),
    outcome: z.unknown(),
    createdAt: instant,
    completedAt: instant.nullable(),
    completedBy: z.string().nullable(),
    person: z.object({ prisonNumber: z.string(), givenName: z.string(), familyName: z.string(), releaseDate: isoDate.nullable() }).optional(),
  })
  .passthrough();

const caseFields = {
  id: z.string().uuid(),
  prisonNumber: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: isoDate,
  prisonCode: z.string(),
  regionCode: z.string().nullable(),
  stage: z.string(),
  active: z.boolean(),
  sentence: doc,
  keyDates: doc,
  pathways: z.record(z.string()),
  handover: doc,
  risk: doc.nullable(),
  outcomes: z.array(z.unknown()),
  unmetNeedList: z.array(z.string()),
  immediateNeeds: z.array(z.unknown()),
  riskFlags: z.array(z.unknown()),
  sex: z.enum(['FEMALE', 'MALE']).nullable(),
  overdueTasks: z.number().int(),
  lostContact: z.boolean(),
  policyVersion: z.string(),
  stateVersion: z.number().int(),
  workflowId: z.string(),
  createdAt: instant,
  updatedAt: instant,
  closedAt: instant.nullable(),
};

/** A case in a list. */
export const caseSummaryResponse = z.object(caseFields).passthrough();
/** A case with its needs and tasks: what GET /cases/{id} and every command on a case answer. */
export const caseResponse = z.object({ ...caseFields, needs: z.array(doc), tasks: z.array(taskResponse) }).passthrough();
/** A transfer: the case, or, when it has left the caller's scope, only where it went. */
export const transferResponse = z.union([
  caseResponse.extend({ inScope: z.literal(true) }),
  z.object({ id: z.string().uuid(), prisonCode: z.string(), inScope: z.literal(false) }).strict(),
]);

export const handoverPackResponse = z
  .object({ caseId: z.string().uuid(), person: doc, prisonCode: z.string(), handover: doc, pathways: z.array(doc), needs: z.array(doc), openTasks: z.array(doc) })
  .passthrough();

/** A page of a list, with the total; long lists add `next` (the cursor of the following page) and `totalAtLeast` (the total is a lower bound). */
export function pageResponse(item: ZodTypeAny) {
  return z
    .object({ items: z.array(item), total: z.number().int().min(0), page: z.number().int().min(1), pageSize: z.number().int().min(1), next: z.string().optional(), totalAtLeast: z.literal(true).optional() })
    .passthrough();
}
export const handoverInboxResponse = pageResponse(doc);
