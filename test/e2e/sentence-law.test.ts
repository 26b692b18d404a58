import { randomUUID } from 'node:crypto';
import { newCaseBody, today } from './case-bodies';
import { Stack } from './stack';

/** The law's sentence dates over HTTP: given on receipt and on a change of dates, refused by field when they contradict. */
jest.setTimeout(180_000);

let s: Stack;
const tokens: Record<string, string> = {};

const newCase = (overrides: Record<string, unknown> = {}) =>
  newCaseBody('C', { givenName: 'Alex', familyName: 'Mensah', dateOfBirth: '1985-05-06', sentenceLengthMonths: 36, conditionalReleaseDate: today(540), ...overrides });

beforeAll(async () => {
  s = await Stack.start();
  for (const u of ['prison.staff', 'manager']) tokens[u] = await s.token(u);
});
afterAll(async () => s?.stop());

describe('sentence facts on receipt', () => {
  it('takes the six facts: supervision is planned to the licence expiry date', async () => {
    const facts = { sentenceExpiryDate: today(1080), licenceExpiryDate: today(1080), hdcEligibilityDate: today(400) };
    const res = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase(facts) });
    expect(res.status).toBe(201);
    expect(res.body.sentence).toMatchObject(facts);
    expect(res.body.keyDates).toMatchObject({ supervisionEndDate: today(1080) });
  });

  it('an indeterminate sentence needs no length: released at its tariff date, no fixed end', async () => {
    const { sentenceLengthMonths: _none, conditionalReleaseDate: _crd, ...rest } = newCase();
    const res = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: { ...rest, sentenceType: 'INDETERMINATE', tariffDate: today(1500) } });
    expect(res.status).toBe(201);
    expect(res.body.keyDates).toMatchObject({ earliestReleaseDate: today(1500), supervisionEndDate: null });
  });

  it.each([
    ['a licence expiry date before the release date', { licenceExpiryDate: today(100) }, 'licenceExpiryDate'],
    ['a tariff date on a determinate sentence', { tariffDate: today(500) }, 'tariffDate'],
    ['an HDC approved date after the conditional release date', { hdcApprovedDate: today(600) }, 'hdcApprovedDate'],
  ])('%s is a 400 naming the field, and no case is written', async (_what, facts, field) => {
    const body = newCase(facts);
    const res = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', problems: expect.arrayContaining([expect.objectContaining({ field })]) });
    const rows: { n: number }[] = await s.ds.query(`SELECT count(*)::int AS n FROM cases WHERE prison_number = $1`, [body.prisonNumber]);
    expect(rows[0].n).toBe(0);
  });

  it('the timeline preview documents every input field', async () => {
    const res = await s.request('GET', '/api/docs-json', {});
    expect(res.status).toBe(200);
    const op = res.body.paths['/api/v1/timeline/preview'].post;
    const schema = op.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['receptionAt', 'sentenceStartDate', 'sentenceType', 'offenceCategory']);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['licenceExpiryDate', 'topUpSupervisionExpiryDate', 'hdcApprovedDate', 'tariffDate']));
  });
});

describe('sentence facts on a change of dates', () => {
  it('an approved HDC date releases on it; a contradiction is a 400 naming the field; one day earlier on request', async () => {
    const created = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase({ conditionalReleaseDate: today(540), hdcEligibilityDate: today(300) }) });
    expect(created.status).toBe(201);
    const path = `/api/v1/cases/${created.body.id}`;
    const bad = await s.request('PUT', `${path}/release-dates`, { token: tokens['prison.staff'], body: { hdcApprovedDate: today(200), reason: 'HDC approved' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'hdcApprovedDate' })]));

    const approved = await s.request('PUT', `${path}/release-dates`, { token: tokens['prison.staff'], body: { hdcApprovedDate: today(320), reason: 'HDC approved' }, headers: { 'Idempotency-Key': randomUUID() } });
    expect(approved.status).toBe(200);
    const released = (await s.request('GET', path, { token: tokens['prison.staff'] })).body.keyDates.releaseDate as string;
    expect(released <= today(320) && released >= today(316)).toBe(true); // the statute step only: a working day on or before it

    const forbidden = await s.request('POST', `${path}/earlier-release`, { token: tokens['prison.staff'], body: { reason: 'Bed space' } });
    expect(forbidden.status).toBe(403);
    const earlier = await s.request('POST', `${path}/earlier-release`, { token: tokens.manager, body: { reason: 'Approved premises bed from the day before' }, headers: { 'Idempotency-Key': randomUUID() } });
    expect(earlier.status).toBe(200);
    const after = (await s.request('GET', path, { token: tokens['prison.staff'] })).body.keyDates.releaseDate as string;
    expect(after < released).toBe(true);
  });
});
