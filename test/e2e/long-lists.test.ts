import { newCaseBody, today } from './case-bodies';
import { Stack } from './stack';

/**
 * Long lists without counting what they do not show: keyset pages (`after`, the answer's `next`)
 * give the same rows in the same order as offset pages, however the list is sorted; a cursor
 * that is not one is a 400 naming `after`; the CSV downloads read every row batch by batch.
 */
jest.setTimeout(180_000);

let s: Stack;
let token: string;
const FAMILY = `Keyset${Date.now().toString(36)}`;

beforeAll(async () => {
  s = await Stack.start();
  token = await s.token('prison.staff');
  // Five people with one family name (the person search finds exactly them), two due out on the same day.
  const bodies = [
    newCaseBody('X', { familyName: FAMILY, givenName: 'Ann', conditionalReleaseDate: today(200) }),
    newCaseBody('X', { familyName: FAMILY, givenName: 'Ben', conditionalReleaseDate: today(100) }),
    newCaseBody('X', { familyName: FAMILY, givenName: 'Cal', conditionalReleaseDate: today(100) }),
    newCaseBody('X', { familyName: FAMILY, givenName: 'Dee', sentenceType: 'INDETERMINATE', sentenceLengthMonths: undefined, conditionalReleaseDate: undefined, paroleEligibilityDate: today(150) }),
    newCaseBody('X', { familyName: FAMILY, givenName: 'Eve', conditionalReleaseDate: today(300) }),
  ];
  for (const body of bodies) {
    const res = await s.request('POST', '/api/v1/cases', { token, body });
    expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
  }
});
afterAll(async () => s?.stop());

/** Every item of a list, following `next` from its first page of `pageSize`. */
async function byKeyset(path: string, pageSize: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  for (let next: string | undefined, first = true; first || next; first = false) {
    const res = await s.request('GET', `${path}&pageSize=${pageSize}${next ? `&after=${encodeURIComponent(next)}` : ''}`, { token });
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    next = res.body.next;
    pages += 1;
  }
  return { ids, pages };
}

const byOffset = async (path: string) => {
  const res = await s.request('GET', `${path}&pageSize=200`, { token });
  expect(res.status).toBe(200);
  expect(res.body.next).toBeUndefined();
  return { ids: res.body.items.map((i: { id: string }) => i.id) as string[], total: res.body.total as number };
};

describe('keyset pages', () => {
  it.each([
    ['release date, soonest first', 'sort=releaseDate&order=asc'],
    ['release date, latest first', 'sort=releaseDate&order=desc'],
    ['family name', 'sort=familyName'],
    ['newest first', 'sort=createdAt&order=desc'],
  ])('cases by %s: the same people in the same order as one offset page', async (_what, sort) => {
    const path = `/api/v1/cases?q=${FAMILY}&${sort}`;
    const offset = await byOffset(path);
    expect(offset.total).toBe(5);
    const keyset = await byKeyset(path, 2);
    expect(keyset).toEqual({ ids: offset.ids, pages: 3 });
  });

  it('cases by release date: soonest or latest first, the two due out the same day in a stable order', async () => {
    const list = async (order: string) => (await s.request('GET', `/api/v1/cases?q=${FAMILY}&sort=releaseDate&order=${order}&pageSize=10`, { token })).body.items as { givenName: string }[];
    const sameDay = expect.stringMatching(/^(Ben|Cal)$/);
    expect((await list('asc')).map((c) => c.givenName)).toEqual([sameDay, sameDay, 'Dee', 'Ann', 'Eve']);
    expect((await list('desc')).map((c) => c.givenName)).toEqual(['Eve', 'Ann', 'Dee', sameDay, sameDay]);
  });

  it.each([
    ['due soonest first', 'sort=dueAt'],
    ['task type, last first', 'sort=type&order=desc'],
  ])('tasks by %s: the same tasks in the same order as one offset page', async (_what, sort) => {
    const path = `/api/v1/tasks?q=${FAMILY}&${sort}`;
    const offset = await byOffset(path);
    expect(offset.total).toBeGreaterThanOrEqual(5);
    const keyset = await byKeyset(path, 3);
    expect(keyset.ids).toEqual(offset.ids);
    expect(new Set(keyset.ids).size).toBe(offset.ids.length);
  });

  it('a cursor that is not one is a 400 naming after', async () => {
    for (const after of ['not-a-cursor', Buffer.from('["x","not-an-id"]').toString('base64url')]) {
      const res = await s.request('GET', `/api/v1/tasks?after=${after}`, { token });
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([expect.objectContaining({ field: 'after' })]);
    }
  });

  it('the CSV download holds every row, read batch by batch', async () => {
    const res = await s.request('GET', `/api/v1/cases?q=${FAMILY}&format=csv`, { token });
    expect(res.status).toBe(200);
    const lines = String(res.body).trim().split(/\r?\n/);
    expect(lines).toHaveLength(6);
    expect(lines.filter((l) => l.includes(FAMILY))).toHaveLength(5);
  });
});
