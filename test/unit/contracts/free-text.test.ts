import { z } from 'zod';
import { addNeedSchema, contactSchema, isCheckedText, needActionSchema, needStatusSchema, outcomeSchemas } from '@ttg/contracts';
import * as caseSchemas from '../../../apps/api/src/cases/case.schemas';
import * as taskSchemas from '../../../apps/api/src/tasks/task.schemas';
import { newUserSchema, userChangeSchema } from '../../../apps/api/src/admin/admin.service';
import { signInSchema } from '../../../apps/api/src/auth/auth.controller';
import { readNotificationsSchema } from '../../../apps/api/src/notifications/notification.controller';

/**
 * Driven from the schemas, so that a new field is covered: every string a command, a query or an
 * outcome takes is either text checked by libs/contracts/src/text.ts (NUL, lone surrogates,
 * control characters refused) or a constrained format (a pattern, an enum, a date, a UUID). A NUL
 * or a lone surrogate once reached PostgreSQL and wedged a case's projection for ever.
 */
const SCHEMAS: Record<string, z.ZodTypeAny> = {
  ...Object.fromEntries(Object.entries({ ...caseSchemas, ...taskSchemas }).filter(([, v]) => v instanceof z.ZodType)),
  ...Object.fromEntries(Object.entries(outcomeSchemas).map(([type, schema]) => [`outcome ${type}`, schema])),
  addNeedSchema,
  needStatusSchema,
  needActionSchema,
  contactSchema,
  newUserSchema,
  userChangeSchema,
  signInSchema,
  readNotificationsSchema,
};
/** Strings that never reach PostgreSQL or a workflow as text: a password is only hashed. */
const NOT_STORED = new Set(['newUserSchema.password', 'signInSchema.password']);
const FORMATS = new Set(['regex', 'uuid', 'datetime', 'date', 'email', 'url', 'time', 'ip', 'cuid', 'ulid']);

interface Leaf {
  path: string;
  kind: 'checked' | 'format' | 'free';
  schema: z.ZodTypeAny;
}

function leaves(schema: z.ZodTypeAny, path: string, out: Leaf[]): Leaf[] {
  if (isCheckedText(schema)) {
    out.push({ path, kind: 'checked', schema });
    return out;
  }
  const def = schema._def as Record<string, unknown> & { typeName: string };
  const walk = (s: unknown, p = path) => leaves(s as z.ZodTypeAny, p, out);
  switch (def.typeName) {
    case 'ZodString': {
      const checks = def.checks as { kind: string }[];
      out.push({ path, kind: checks.some((c) => FORMATS.has(c.kind)) ? 'format' : 'free', schema });
      break;
    }
    case 'ZodObject':
      for (const [key, value] of Object.entries((schema as z.AnyZodObject).shape)) walk(value, `${path}.${key}`);
      break;
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
    case 'ZodReadonly':
    case 'ZodCatch':
      walk(def.innerType);
      break;
    case 'ZodEffects':
      walk(def.schema);
      break;
    case 'ZodPipeline':
      // A string split into a list of enums (a query's `status=A,B`): its form is the output's.
      walk(def.out);
      break;
    case 'ZodArray':
      walk(def.type, `${path}[]`);
      break;
    case 'ZodRecord':
      walk(def.valueType, `${path}.*`);
      break;
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      for (const option of def.options as z.ZodTypeAny[]) walk(option);
      break;
    case 'ZodIntersection':
      walk(def.left);
      walk(def.right);
      break;
    default:
      break; // numbers, booleans, enums, literals, dates: no free text
  }
  return out;
}

const all = Object.entries(SCHEMAS).flatMap(([name, schema]) => leaves(schema, name, []));

describe('free text in every command, query and outcome schema', () => {
  it('finds the text fields (the walk reaches into outcomes, lists and unions)', () => {
    const checked = all.filter((l) => l.kind === 'checked').map((l) => l.path);
    expect(checked.length).toBeGreaterThanOrEqual(40);
    expect(checked).toEqual(expect.arrayContaining(['personSchema.givenName', 'circumstancesSchema.description', 'reallocateSchema.reason', 'signInSchema.username']));
  });

  it('has no string that is neither checked text nor a constrained format', () => {
    expect(all.filter((l) => l.kind === 'free' && !NOT_STORED.has(l.path)).map((l) => l.path)).toEqual([]);
  });

  it.each([
    ['a NUL', 'before\u0000after', 'must not contain a NUL character'],
    ['a lone high surrogate', 'x\ud800y', 'must not contain broken characters (an unpaired surrogate)'],
    ['a lone low surrogate', 'x\udc00', 'must not contain broken characters (an unpaired surrogate)'],
    ['a control character', 'bell\u0007', 'must not contain control characters'],
  ])('every text field refuses %s, naming the reason', (_what, value, reason) => {
    const texts = all.filter((l) => l.kind === 'checked');
    const refused = texts.map((l) => {
      const r = l.schema.safeParse(value);
      return [l.path, r.success ? 'accepted' : r.error.issues[0].message];
    });
    expect(refused).toEqual(texts.map((l) => [l.path, reason]));
  });
});
