import { z } from 'zod';
import { contactSchema, lineText, longText, optionalLineText, outcomeSchemas, textProblem } from '@ttg/contracts';
import * as caseSchemas from '../../../apps/api/src/cases/case.schemas';
import * as taskSchemas from '../../../apps/api/src/tasks/task.schemas';
import { newUserSchema, userChangeSchema } from '../../../apps/api/src/admin/admin.service';

/** Values PostgreSQL or a reader cannot take: each wedged a case or answered 500 before. */
const HOSTILE: [string, string][] = [
  ['NUL', 'before\u0000after'],
  ['a lone high surrogate', 'x\ud800y'],
  ['a lone low surrogate', 'x\udc00y'],
  ['a bell', 'ring\u0007ring'],
  ['DEL', 'del\u007fete'],
  ['a C1 control', 'a\u0085b'],
  ['a right-to-left override', 'abc\u202Edef'],
];

describe('textProblem', () => {
  it.each(HOSTILE)('refuses %s', (_what, value) => {
    expect(textProblem(value, 'multi-line')).not.toBeNull();
    expect(textProblem(value, 'single-line')).not.toBeNull();
  });

  it('names what is wrong in words', () => {
    expect(textProblem('a\u0000b')).toBe('must not contain a NUL character');
    expect(textProblem('x\ud800y')).toBe('must not contain broken characters (an unpaired surrogate)');
    expect(textProblem('two\nlines')).toBe('must be on one line');
    expect(textProblem('\u200b\u200b')).toBe('must contain visible characters');
  });

  it('takes real text: accents, other scripts, emoji (paired surrogates), and line breaks where allowed', () => {
    for (const ok of ['Zoë O’Brien-Łukasz', 'محمد', '李小龍', 'Housing 🏠 found', 'Ann']) expect(textProblem(ok)).toBeNull();
    expect(textProblem('first line\r\nsecond\tline', 'multi-line')).toBeNull();
  });
});

describe('the text schemas', () => {
  it('trim, then require something visible', () => {
    expect(lineText(10).parse('  Ann  ')).toBe('Ann');
    expect(lineText(10).safeParse('   ').success).toBe(false);
    expect(lineText(10).safeParse('\u200b').success).toBe(false);
    expect(optionalLineText(10).parse('  ')).toBe('');
  });

  it('say the limit and the problem', () => {
    const tooLong = lineText(3).safeParse('abcd');
    expect(tooLong.success ? null : tooLong.error.issues[0]?.message).toBe('must be 3 characters or fewer');
    const nul = longText(100).safeParse('a\u0000b');
    expect(nul.success ? null : nul.error.issues.map((i) => i.message)).toEqual(['must not contain a NUL character']);
  });
});

/**
 * Every string a request or a workflow command can carry, found by walking the schemas
 * themselves, so a field added later is covered without touching this test.
 */
type Leaf = { path: string; schema: z.ZodTypeAny };

function innermost(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodEffects) return innermost(schema.innerType());
  if (schema instanceof z.ZodPipeline) return innermost(schema._def.in);
  return schema;
}

function stringLeaves(schema: z.ZodTypeAny, path: string): Leaf[] {
  if (innermost(schema) instanceof z.ZodString) return [{ path, schema }];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return stringLeaves(schema.unwrap(), path);
  if (schema instanceof z.ZodDefault) return stringLeaves(schema.removeDefault(), path);
  if (schema instanceof z.ZodCatch) return stringLeaves(schema.removeCatch(), path);
  if (schema instanceof z.ZodEffects) return stringLeaves(schema.innerType(), path);
  if (schema instanceof z.ZodPipeline) return stringLeaves(schema._def.in, path);
  if (schema instanceof z.ZodArray) return stringLeaves(schema.element, `${path}[]`);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) => stringLeaves(v, `${path}.${k}`));
  }
  return [];
}

/** Not stored as text anywhere: hashed on arrival. */
const NOT_STORED = new Set(['newUser.password']);

const schemas: [string, z.ZodTypeAny][] = [
  ...Object.entries(outcomeSchemas).map(([type, s]): [string, z.ZodTypeAny] => [`outcome(${type})`, s]),
  ['contact', contactSchema],
  ...(Object.entries({ ...caseSchemas, ...taskSchemas }) as [string, unknown][])
    .filter((e): e is [string, z.ZodTypeAny] => e[1] instanceof z.ZodType)
    .map(([name, s]): [string, z.ZodTypeAny] => [name.replace(/Schema$/, ''), s]),
  ['newUser', newUserSchema],
  ['userChange', userChangeSchema],
];
const leaves = schemas.flatMap(([name, s]) => stringLeaves(s, name)).filter((l) => !NOT_STORED.has(l.path));

describe('every free-text and name field of the API and the workflow commands', () => {
  it('is found by the walk (the walk itself works)', () => {
    const paths = leaves.map((l) => l.path);
    expect(paths).toEqual(expect.arrayContaining([
      'person.givenName',
      'person.familyName',
      'circumstances.description',
      'contactBody.notes',
      'outcome(CUSTODY_SCREENING).immediateNeeds[]',
      'outcome(SECURE_ADDRESS).address',
      'outcome(HANDOVER_ACCEPTANCE).reason',
    ]));
    expect(leaves.length).toBeGreaterThan(40);
  });

  it.each(HOSTILE)('refuses %s in each of them', (_what, value) => {
    const accepted = leaves.filter((l) => l.schema.safeParse(value).success).map((l) => l.path);
    expect(accepted).toEqual([]);
  });
});
