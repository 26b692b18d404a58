import { newCaseBody, prisonNumber, today } from './case-bodies';
import { Stack } from './stack';

/**
 * Personal data never reaches a log line. The traffic of the e2e suite's kinds, with known names,
 * prison numbers and dates of birth: sign-ins (API and pages, right and wrong), a person
 * received, a CSV import of another, searches (API, CSV export, pages), tasks completed with free
 * text, a transfer with a reason, failing queries and a refused body. The worker runs the
 * workflows and activities all that starts. Then every line the API, the worker (the Temporal
 * SDK's, the workflows' and the activities' lines, at debug level) and their database connections
 * wrote is scanned for each of those values.
 */
jest.setTimeout(180_000);

let s: Stack;
afterAll(async () => s?.stop());

const PERSON = { givenName: 'Zebedee', familyName: 'Quarrington', dateOfBirth: '1977-07-17', prisonNumber: 'Q7717ZQ' };
const IMPORTED = { givenName: 'Philomena', familyName: 'Oddingsell', dateOfBirth: '1968-03-29', prisonNumber: prisonNumber('Q') };
const NOTE = 'Zebedee said his sister in Harrogate can put him up';
const FREE_TEXT = ['Harrogate', 'Methadone from Dr Ngozi', 'Knows Oddingsell from Armley'];
const IMPORT_HEADER = 'prisonNumber,givenName,familyName,dateOfBirth,prisonCode,receptionAt,sentenceStartDate,sentenceType,sentenceLengthMonths,conditionalReleaseDate,offenceCategory';

async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 150; i += 1) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('writes no name, prison number, date of birth or free text to the API\'s or the worker\'s logs', async () => {
  s = await Stack.start({ captureLogs: true });
  // Sign-ins: the API's, the pages' (right and wrong), a username that is a person's name.
  const token = await s.token('prison.staff');
  const page = { cookie: `ttg_token=${token}`, accept: 'text/html' };
  expect((await s.pageSignIn('prison.staff')).status).toBe(303);
  expect((await s.pageSignIn(PERSON.familyName, PERSON.dateOfBirth)).status).toBe(401);
  expect((await s.request('POST', '/api/v1/auth/token', { body: { username: PERSON.familyName, password: PERSON.dateOfBirth } })).status).toBe(401);

  // A person received, and another imported from CSV.
  const created = await s.request('POST', '/api/v1/cases', { token, body: newCaseBody('Q', PERSON) });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const csv = `${IMPORT_HEADER}\n${IMPORTED.prisonNumber},${IMPORTED.givenName},${IMPORTED.familyName},${IMPORTED.dateOfBirth},LEI,${new Date().toISOString()},${today()},DETERMINATE,18,${today(200)},OTHER`;
  const imported = await s.request('POST', '/api/v1/imports', { token, body: csv, headers: { 'content-type': 'text/csv' } });
  expect(imported.status).toBe(202);
  const importDone = await until(async () => {
    const r = await s.request('GET', `/api/v1/imports/${imported.body.id}`, { token });
    return r.body.processed === 1 ? r.body : undefined;
  }, 'the import');
  expect(importDone).toMatchObject({ created: 1, failed: 0 });

  // Searches: the API's list and CSV export, the pages' list.
  expect((await s.request('GET', `/api/v1/cases?q=${PERSON.familyName}`, { token })).body.total).toBe(1);
  expect((await s.request('GET', `/api/v1/cases?q=${IMPORTED.prisonNumber}&format=csv`, { token })).status).toBe(200);
  expect((await s.request('GET', `/cases?q=${IMPORTED.givenName}`, { headers: page })).status).toBe(200);

  // Tasks completed with free text: the custody screening (immediate needs, risk flags), then the risk screening's notes.
  const taskOf = (type: string) => until(async () => ((await s.request('GET', `/api/v1/tasks?caseId=${id}`, { token })).body.items as { id: string; type: string }[]).find((t) => t.type === type)?.id, type);
  const screening = await taskOf('CUSTODY_SCREENING');
  const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: true, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
  const screened = await s.request('POST', `/api/v1/tasks/${screening}/complete`, { token, body: { outcome: { needs, immediateNeeds: [FREE_TEXT[1]], riskFlags: [`${PERSON.givenName} ${PERSON.familyName}: ${FREE_TEXT[2]}`] } } });
  expect(screened.status).toBe(200);
  const risk = await taskOf('RISK_SCREENING');
  expect((await s.request('POST', `/api/v1/tasks/${risk}/complete`, { token, body: { outcome: { roshLevel: 'MEDIUM', notes: `${NOTE}; born ${PERSON.dateOfBirth}, ${PERSON.prisonNumber}` } } })).status).toBe(200);
  expect((await s.request('POST', `/api/v1/cases/${id}/transfer`, { token, body: { prisonCode: 'WDI', reason: NOTE } })).status).toBe(200);

  // Failing queries (the database's message quotes the value it could not use) and a refused body.
  expect((await s.request('GET', `/api/v1/cases/${PERSON.prisonNumber}`, { token })).status).toBeGreaterThanOrEqual(400);
  expect((await s.request('GET', `/api/v1/tasks/${PERSON.familyName}-${PERSON.dateOfBirth}`, { token })).status).toBeGreaterThanOrEqual(400);
  expect((await s.request('POST', '/api/v1/cases', { token, body: { ...PERSON, prisonCode: 'LEI' } })).status).toBe(400);

  // The worker has run what the traffic started: the read model shows the transfer and the risk screening done.
  await until(async () => ((await s.ds.query(`SELECT 1 FROM cases WHERE id = $1 AND prison_code = 'WDI'`, [id])) as unknown[]).length === 1 || undefined, 'the transfer');
  await until(async () => ((await s.ds.query(`SELECT 1 FROM tasks WHERE id = $1 AND status = 'COMPLETED'`, [risk])) as unknown[]).length === 1 || undefined, 'the risk screening');
  await new Promise((r) => setImmediate(r));

  const lines = s.logs.join('').split('\n').filter((l) => l.trim() !== '');
  // Every line is JSON, and the scan has both processes' lines to scan: the API's requests and the worker's activities and workflows.
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.filter((l) => l.includes('"url"')).map((l) => (JSON.parse(l) as { route?: string }).route)).toEqual(expect.arrayContaining(['/api/v1/cases?q=~', '/api/v1/cases/:id', '/api/v1/imports', '/sign-in']));
  const worker = parsed.filter((l) => l.component === 'temporal');
  expect(worker.filter((l) => l.activityType !== undefined).length).toBeGreaterThan(5);
  expect(worker.filter((l) => l.workflowType === 'pathwayWorkflow').length).toBeGreaterThan(2);
  const values = [...Object.values(PERSON), ...Object.values(IMPORTED), ...FREE_TEXT];
  const found = values.flatMap((value) => lines.filter((l) => l.toLowerCase().includes(value.toLowerCase())).map((l) => ({ value, line: l.slice(0, 300) })));
  expect(found).toEqual([]);
});
