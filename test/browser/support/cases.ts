import type { Page } from 'playwright-core';
import type { Stack } from '../../e2e/stack';
import { expectAccessible } from './browser';

/** Today plus `offset` days, as YYYY-MM-DD (UTC). */
export const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let n = 0;
/** A prison number no other test has used (the letter prefix keeps the test files apart). */
export function uniquePrisonNumber(prefix = 'W'): string {
  n += 1;
  const digits = String(1000 + ((Math.floor(Date.now() / 7) + n * 37) % 8999)).slice(0, 4);
  return `${prefix}${digits}${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`;
}

export interface NewCase {
  givenName: string;
  familyName: string;
  releaseInDays: number;
  months: number;
  receivedDaysAgo?: number;
}

/** Receives a person at HMP Leeds through the API, as prison staff. */
export async function newCase(s: Stack, token: string, fields: NewCase, prefix = 'W'): Promise<{ id: string; prisonNumber: string }> {
  const received = fields.receivedDaysAgo ?? 0;
  const body = {
    prisonNumber: uniquePrisonNumber(prefix),
    givenName: fields.givenName,
    familyName: fields.familyName,
    dateOfBirth: '1988-06-15',
    prisonCode: 'LEI',
    receptionAt: new Date(Date.now() - received * 86_400_000 - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sentenceStartDate: day(-received),
    sentenceType: 'DETERMINATE',
    sentenceLengthMonths: fields.months,
    conditionalReleaseDate: day(fields.releaseInDays),
    offenceCategory: 'OTHER',
  };
  const res = await s.request('POST', '/api/v1/cases', { token, body });
  if (res.status !== 201) throw new Error(`case not created: ${res.status} ${res.text}`);
  return { id: res.body.id, prisonNumber: body.prisonNumber };
}

/** Waits for a condition of the started product (a workflow timer, a projection). */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Visits a page, expects 200 and checks it with axe; returns the page. */
export async function visit(page: Page, url: string): Promise<Page> {
  const res = await page.goto(url);
  expect({ url, status: res?.status() }).toEqual({ url, status: 200 });
  await expectAccessible(page);
  return page;
}

/** Fills a GOV.UK date input (its fieldset named `group`) with a YYYY-MM-DD date. */
export async function fillDate(page: Page, group: string, date: string): Promise<void> {
  const g = page.getByRole('group', { name: group, exact: true });
  await g.getByLabel('Day').fill(String(Number(date.slice(8, 10))));
  await g.getByLabel('Month').fill(String(Number(date.slice(5, 7))));
  await g.getByLabel('Year').fill(date.slice(0, 4));
}

/** Claims the first open task of a case for the token's user through the API; the task's id. */
export async function claimFirstTask(s: Stack, token: string, caseId: string): Promise<string> {
  const open = await s.request('GET', `/api/v1/tasks?caseId=${caseId}`, { token });
  await s.request('POST', `/api/v1/tasks/${open.body.items[0].id}/claim`, { token });
  return open.body.items[0].id;
}

/** A manager's bulk reassignment on the task list, filled in and sent: every open task of one officer to another. */
export async function askToReassign(manager: Page, fromUserId: string, toUserId: string): Promise<void> {
  await visit(manager, '/tasks?tab=all');
  await manager.getByText('Reassign every open task of one officer').click();
  await manager.getByLabel('Move every open task held by').selectOption(fromUserId);
  await manager.getByLabel('To', { exact: true }).selectOption(toUserId);
  await manager.getByRole('button', { name: 'Reassign tasks' }).click();
}
