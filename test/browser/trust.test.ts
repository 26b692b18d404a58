import type { Page } from 'playwright-core';
import { expectAccessible, screenshot } from './support/browser';
import { askToReassign, claimFirstTask, day, fillDate, newCase as newCase_, until, visit, type NewCase } from './support/cases';
import { useBrowserStack } from './support/stack';

/**
 * Pages a caseworker can trust: notifications say who and what to do, serious actions are
 * confirmed first, a contact cannot be dated in the future, moving nothing is not a success, a
 * full name finds its person, and no page shows a code or an ISO date.
 */
jest.setTimeout(240_000);

const app = useBrowserStack(['prison.staff', 'prison.staff2', 'manager']);
const tokens = app.tokens;
const newCase = (fields: NewCase) => newCase_(app.stack, tokens['prison.staff'], fields, 'T');

/** A person released today, their release outcomes recorded: supervision has started. */
async function released(givenName: string, familyName: string): Promise<{ id: string; prisonNumber: string }> {
  const c = await newCase({ givenName, familyName, releaseInDays: 0, months: 2, receivedDaysAgo: 40 });
  const open = await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=RELEASE_OUTCOMES`, { token: tokens['prison.staff'] });
  const task = open.body.items[0];
  const outcome = { releasedOn: day(), accommodation: 'TEMPORARY', workOrTraining: 'NONE', bankAccount: true, id: false, debts: 'NO_DEBTS' };
  const done = await app.stack.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: tokens['prison.staff'], body: { outcome } });
  if (done.status !== 200) throw new Error(`release outcomes not recorded: ${done.status} ${done.text}`);
  await until('supervision', async () => (await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: tokens.manager })).body.stage === 'SUPERVISION');
  return c;
}

/** Code constants and ISO dates in the page's text (hidden tab panels and option labels included; form fields left out). */
async function codesOn(page: Page): Promise<{ url: string; constants: string[]; isoDates: string[] }> {
  const text = await page.evaluate<string>(`(() => {
    const root = document.querySelector('main').cloneNode(true);
    for (const e of root.querySelectorAll('script, style, input, textarea, code')) e.remove(); // code: identifiers and file formats
    return document.querySelector('header').textContent + ' ' + root.textContent;
  })()`);
  const constants = [...new Set(text.match(/\b[A-Z]+_[A-Z_]+\b/g) ?? [])];
  const isoDates = [...new Set(text.match(/\d{4}-\d{2}-\d{2}/g) ?? [])];
  return { url: new URL(page.url()).pathname + new URL(page.url()).search, constants, isoDates };
}

async function expectPlainWords(page: Page): Promise<void> {
  expect(await codesOn(page)).toEqual({ url: expect.any(String), constants: [], isoDates: [] });
}

describe('supervision that matches the world', () => {
  let c: { id: string; prisonNumber: string };
  beforeAll(async () => {
    c = await released('Ffion', 'Future');
  });

  it('refuses a contact dated in the future, on the page and in the API', async () => {
    const manager = await app.users.page('manager');
    await visit(manager, `/cases/${c.id}/supervision`);
    await fillDate(manager, 'Date of the contact', day(2));
    await manager.getByRole('group', { name: 'Kind of contact' }).getByLabel('Office').check();
    await manager.getByRole('group', { name: 'Outcome' }).getByLabel('Attended').check();
    await manager.getByRole('button', { name: 'Record contact' }).click();
    await expect(manager.locator('.govuk-error-summary').textContent()).resolves.toContain('Date of the contact cannot be in the future');
    await expectAccessible(manager);
    await expectPlainWords(manager);
    await screenshot(manager, 'supervision-future-contact');
    const api = await app.stack.request('POST', `/api/v1/cases/${c.id}/contacts`, { token: tokens.manager, body: { date: day(1), kind: 'OFFICE', outcome: 'ATTENDED' } });
    expect({ status: api.status, problems: api.body.problems }).toEqual({ status: 400, problems: [{ field: 'date', reason: 'cannot be in the future' }] });
    const today = await app.stack.request('POST', `/api/v1/cases/${c.id}/contacts`, { token: tokens.manager, body: { date: day(0), kind: 'OFFICE', outcome: 'ATTENDED' } });
    expect(today.status).toBe(201);
  });

  it('asks for confirmation before breach action, not before a warning', async () => {
    const manager = await app.users.page('manager');
    await visit(manager, `/cases/${c.id}/supervision`);
    const breaches = async () => ((await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: tokens.manager })).body.supervision as { warnings: number; breachActions: number });
    const before = await breaches();
    const send = async (action: string, reason: string) => {
      await manager.locator('#record-breach + form').getByLabel(action, { exact: true }).check();
      await manager.locator('#breach-reason').fill(reason);
      await manager.getByRole('button', { name: 'Record breach' }).click();
    };
    // A warning is recorded at once.
    await send('Warning', 'Late for an appointment twice');
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('Breach recorded');
    expect(await breaches()).toMatchObject({ warnings: before.warnings + 1, breachActions: before.breachActions });
    // Breach action asks first; cancelling records nothing.
    await send('Breach action', 'Missed three appointments without reason');
    await expect(manager.locator('h1').textContent()).resolves.toBe('Are you sure you want to take breach action for Ffion Future?');
    await expect(manager.locator('main').textContent()).resolves.toContain('Missed three appointments without reason');
    await expectAccessible(manager);
    await expectPlainWords(manager);
    await screenshot(manager, 'breach-confirmation');
    await manager.getByRole('link', { name: 'Cancel' }).click();
    await manager.waitForURL(new RegExp(`/cases/${c.id}/supervision$`));
    expect((await breaches()).breachActions).toBe(before.breachActions);
    await send('Breach action', 'Missed three appointments without reason');
    await manager.getByRole('button', { name: 'Yes, record breach action' }).click();
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('Breach recorded');
    expect(await breaches()).toMatchObject({ warnings: before.warnings + 1, breachActions: before.breachActions + 1 });
  });

  it('asks for confirmation before a recall, and cancelling changes nothing', async () => {
    const manager = await app.users.page('manager');
    await visit(manager, `/cases/${c.id}/supervision`);
    await manager.getByLabel('Reason for the recall').fill('Failed to keep to the licence conditions');
    await manager.getByRole('button', { name: 'Record recall' }).click();
    await expect(manager.locator('h1').textContent()).resolves.toBe('Are you sure you want to recall Ffion Future to custody?');
    await expect(manager.locator('main').textContent()).resolves.toContain('Failed to keep to the licence conditions');
    await expectAccessible(manager);
    await expectPlainWords(manager);
    await screenshot(manager, 'recall-confirmation');
    await manager.getByRole('link', { name: 'Cancel' }).click();
    await manager.waitForURL(new RegExp(`/cases/${c.id}/supervision$`));
    expect((await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: tokens.manager })).body.stage).toBe('SUPERVISION');

    await manager.getByLabel('Reason for the recall').fill('Failed to keep to the licence conditions');
    await manager.getByRole('button', { name: 'Record recall' }).click();
    await manager.getByRole('button', { name: 'Yes, record the recall' }).click();
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('Recall recorded');
    expect((await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: tokens.manager })).body.stage).toBe('RECALLED');
  });
});

describe('work recorded on a later day', () => {
  it('takes the day it was done on the task page, refuses a day ahead, and dates the history that day', async () => {
    const c = await newCase({ givenName: 'Dafydd', familyName: 'Dated', releaseInDays: 200, months: 12, receivedDaysAgo: 20 });
    const staff = await app.users.page('prison.staff');
    const screening = (await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=CUSTODY_SCREENING`, { token: tokens['prison.staff'] })).body.items[0];
    await visit(staff, `/tasks/${screening.id}`);
    for (const no of await staff.locator('input[type="radio"][value="no"]').all()) await no.check(); // no need found on any pathway
    await staff.getByText('Recording work done on an earlier day?').click();
    await fillDate(staff, 'The day the work was done', day(1));
    await staff.getByRole('button', { name: 'Complete task' }).click();
    await expect(staff.locator('.govuk-error-summary').textContent()).resolves.toContain('The day the work was done cannot be in the future');
    await expectAccessible(staff);
    await screenshot(staff, 'task-done-on-earlier-day');
    // The details stay open with the day given, to be corrected.
    await fillDate(staff, 'The day the work was done', day(-18));
    await staff.getByRole('button', { name: 'Complete task' }).click();
    await staff.waitForURL(new RegExp(`/cases/${c.id}`));
    await visit(staff, `/cases/${c.id}/history`);
    const words = new Date(`${day(-18)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
    await expect(staff.locator('main').textContent()).resolves.toContain(`Done on ${words}, recorded on`);
    await expectAccessible(staff);
    await expectPlainWords(staff);
  });
});

describe('moving tasks', () => {
  it('calls a bulk reassignment that moves nothing an error, not a success', async () => {
    const manager = await app.users.page('manager');
    await askToReassign(manager, 'u-prison-staff-wdi', 'u-prison-staff-2'); // Wakefield: no tasks in this test
    const banner = manager.locator('.govuk-notification-banner');
    await expect(banner.getAttribute('data-flash')).resolves.toBe('error');
    await expect(banner.textContent()).resolves.toContain('No tasks were moved: Ruth Oduya holds no open tasks');
    expect(await manager.locator('.govuk-notification-banner--success').count()).toBe(0);
    await expectAccessible(manager);
    await screenshot(manager, 'bulk-reassign-nothing');
  });

  it('confirms who from, who to and how many before moving them', async () => {
    const c = await newCase({ givenName: 'Mo', familyName: 'Mover', releaseInDays: 250, months: 12 });
    const taskId = await claimFirstTask(app.stack, tokens['prison.staff2'], c.id);
    const manager = await app.users.page('manager');
    await askToReassign(manager, 'u-prison-staff-2', 'u-prison-staff');
    await expect(manager.locator('h1').textContent()).resolves.toMatch(/^Move \d+ open tasks? from Tom Walsh to Priya Shah\?$/);
    await expectAccessible(manager);
    await screenshot(manager, 'bulk-reassign-confirmation');
    await manager.getByRole('button', { name: 'Yes, move the tasks' }).click();
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/Moved \d+ tasks? from Tom Walsh to Priya Shah/);
    const task = await app.stack.request('GET', `/api/v1/tasks/${taskId}`, { token: tokens.manager });
    expect(task.body.assignee).toBe('u-prison-staff');
  });
});

describe('assigning one task', () => {
  it('lets a manager give one task to a colleague who can work it, from the task page', async () => {
    const c = await newCase({ givenName: 'Ola', familyName: 'Onetask', releaseInDays: 260, months: 12 });
    const open = await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=CUSTODY_SCREENING`, { token: tokens.manager });
    const manager = await app.users.page('manager');
    await visit(manager, `/tasks/${open.body.items[0].id}`);
    const choices = await manager.getByLabel('Assign this task to').locator('option').allTextContents();
    expect(choices.some((t) => t.startsWith('Chris Morgan'))).toBe(false); // a COM cannot work a prison task
    await manager.getByLabel('Assign this task to').selectOption('u-prison-staff-2');
    await manager.getByRole('button', { name: 'Assign task' }).click();
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('assigned to Tom Walsh');
    const task = await app.stack.request('GET', `/api/v1/tasks/${open.body.items[0].id}`, { token: tokens.manager });
    expect(task.body.assignee).toBe('u-prison-staff-2');
    await expectAccessible(manager);
  });
});

describe('assigning selected tasks', () => {
  it('lets a manager tick several tasks and assign them together', async () => {
    const c = await newCase({ givenName: 'Sel', familyName: 'Ected', releaseInDays: 270, months: 12 });
    const manager = await app.users.page('manager');
    await visit(manager, `/tasks?tab=all&q=${c.prisonNumber}`);
    const boxes = manager.locator('tbody input[name="taskIds"]');
    const count = await boxes.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) await boxes.nth(i).check();
    await manager.getByLabel('Assign the selected tasks to').selectOption('u-prison-staff-2');
    await manager.getByRole('button', { name: 'Assign selected tasks' }).click();
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain(`Assigned ${count === 1 ? '1 task' : `${count} tasks`} to Tom Walsh`);
    const tasks = await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}`, { token: tokens.manager });
    expect(tasks.body.items.map((t: { assignee: string }) => t.assignee)).toEqual(Array(count).fill('u-prison-staff-2'));
    await expectAccessible(manager);
    await screenshot(manager, 'tasks-assign-selected');
  });
});

describe('finding a person', () => {
  it('finds them by full name, prison number or date of birth, on cases and on tasks', async () => {
    const c = await newCase({ givenName: 'Jo', familyName: 'Bloggsworth', releaseInDays: 180, months: 12 });
    await newCase({ givenName: 'Joanne', familyName: 'Other', releaseInDays: 181, months: 12 });
    const staff = await app.users.page('prison.staff');
    await visit(staff, '/cases');
    await staff.getByLabel('Name, prison number or date of birth').fill('Jo Bloggsworth');
    await staff.getByRole('button', { name: 'Search' }).click();
    const rows = staff.locator('tbody tr');
    await expect(rows.allTextContents()).resolves.toEqual([expect.stringContaining(c.prisonNumber)]);
    await expectAccessible(staff);
    await expectPlainWords(staff);
    await screenshot(staff, 'cases-full-name-search');
    await visit(staff, `/cases?q=${encodeURIComponent('bloggsworth, jo')}`);
    expect(await rows.count()).toBe(1);
    await visit(staff, `/cases?q=${c.prisonNumber.toLowerCase()}`);
    expect(await rows.count()).toBe(1);
    const byBirth = await visit(staff, `/cases?q=${encodeURIComponent('15/06/1988')}`);
    expect(await byBirth.locator('tbody tr', { hasText: c.prisonNumber }).count()).toBe(1);

    await visit(staff, '/tasks?tab=all');
    await staff.getByLabel('Person').fill('Jo Bloggsworth');
    await staff.getByRole('button', { name: 'Apply filters' }).click();
    const people = await staff.locator('tbody tr').allTextContents();
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((t) => t.includes(c.prisonNumber))).toBe(true);
    await expectAccessible(staff);
    await expectPlainWords(staff);
  });
});

describe('finding work, and the next task', () => {
  it('filters the task list by person and pathway, and offers the next task after completing one', async () => {
    const c = await newCase({ givenName: 'Fin', familyName: 'Filter', releaseInDays: 150, months: 10 });
    const api = (method: string, url: string, body?: unknown) => app.stack.request(method, url, { token: tokens['prison.staff'], body });
    const taskOf = async (type: string) => (await api('GET', `/api/v1/tasks?caseId=${c.id}&type=${type}`)).body.items[0] as { id: string };
    const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
    expect((await api('POST', `/api/v1/tasks/${(await taskOf('CUSTODY_SCREENING')).id}/complete`, { outcome: { needs } })).status).toBe(200);
    const pathways = Object.fromEntries(Object.keys(needs).map((p) => [p, { status: p === 'ACCOMMODATION' ? 'SUPPORT_REQUIRED' : 'SUPPORT_NOT_REQUIRED' }]));
    expect((await api('POST', `/api/v1/tasks/${(await taskOf('RESETTLEMENT_PLAN')).id}/complete`, { outcome: { pathways } })).status).toBe(200);

    const manager = await app.users.page('manager');
    await visit(manager, '/tasks?tab=all');
    await manager.getByLabel('Person').fill(c.prisonNumber);
    await manager.getByLabel('Pathway').selectOption({ label: 'Accommodation' });
    await manager.getByRole('button', { name: 'Apply filters' }).click();
    await manager.waitForURL(/pathway=ACCOMMODATION/);
    const rows = (await manager.locator('main table tbody tr').allTextContents()).join('\n');
    expect(rows).toContain('Secure a release address');
    expect(rows).toContain('Duty to refer');
    expect(rows).not.toContain('Risk of harm screening');
    await expectAccessible(manager);
    await expectPlainWords(manager);

    // Completing a task offers the next one the user holds.
    const risk = await taskOf('RISK_SCREENING');
    const address = await taskOf('SECURE_ADDRESS');
    for (const t of [risk, address]) expect((await api('POST', `/api/v1/tasks/${t.id}/claim`)).status).toBe(200);
    const staff = await app.users.page('prison.staff');
    await visit(staff, `/tasks/${risk.id}`);
    await staff.getByLabel('Low').check();
    await staff.getByRole('button', { name: 'Complete task' }).click();
    await staff.locator('.govuk-notification-banner').getByRole('link', { name: /^Next task: / }).click();
    await staff.waitForURL(/\/tasks\/[^/?]+$/);
    const nextId = new URL(staff.url()).pathname.split('/')[2];
    expect(nextId).not.toBe(risk.id);
    expect((await api('GET', `/api/v1/tasks/${nextId}`)).body).toMatchObject({ assignee: 'u-prison-staff', status: 'IN_PROGRESS' });
  });
});

describe('notifications', () => {
  it('name the person, say what to do, and leave compressed-deadline notes on the task', async () => {
    const late = await newCase({ givenName: 'Nia', familyName: 'Notified', releaseInDays: 200, months: 12, receivedDaysAgo: 10 }); // its custody screening is overdue at once
    await newCase({ givenName: 'Short', familyName: 'Sentence', releaseInDays: 20, months: 2 }); // compressed deadlines
    const token = tokens['prison.staff2'];
    const unread = async () => (await app.stack.request('GET', '/api/v1/notifications?unread=true&pageSize=200', { token })).body;
    await until('an overdue notification', async () => (await unread()).items.some((n: { caseId: string; kind: string }) => n.caseId === late.id && n.kind === 'OVERDUE'));
    const all = await unread();
    expect(all.items.filter((n: { message: string }) => n.message.includes('compressed because'))).toEqual([]);
    expect(all.unread).toBe(all.items.length);

    const staff2 = await app.users.page('prison.staff2');
    await visit(staff2, '/notifications');
    const item = staff2.locator('.ttg-notification', { hasText: late.prisonNumber }).first();
    await expect(item.locator('h2').textContent()).resolves.toContain('Nia Notified');
    await expect(item.textContent()).resolves.toContain('What to do: Complete the task now');
    await expect(item.getByRole('link', { name: /Open Nia Notified’s case/ }).count()).resolves.toBe(1);
    await expectPlainWords(staff2);
    await expectAccessible(staff2);
    await screenshot(staff2, 'notifications');
  });
});

describe('plain words on every page', () => {
  it('shows no code constants and no ISO dates on the pages each role sees', async () => {
    const c = await newCase({ givenName: 'Pat', familyName: 'Plain', releaseInDays: 30, months: 3 });
    const tasks = await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}`, { token: tokens['prison.staff'] });
    // A screened person, so the needs and the plan's forms have something to show.
    const screening = tasks.body.items.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING');
    const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: true, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
    expect((await app.stack.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff'], body: { outcome: { needs, riskCategories: ['SELF_HARM'] } } })).status).toBe(200);
    const plan = (await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=RESETTLEMENT_PLAN`, { token: tokens['prison.staff'] })).body.items[0];
    const pages: Record<string, string[]> = {
      'prison.staff': [
        '/tasks', '/tasks?tab=queue', '/tasks?tab=all', '/cases', `/cases/${c.id}`, `/cases/${c.id}/history`, `/tasks/${tasks.body.items[0].id}`, `/tasks/${plan.id}`, '/calculator', '/account', '/notifications', '/cases/new',
        `/cases/${c.id}/needs/add`, `/cases/${c.id}/needs/ACCOMMODATION/status`, `/cases/${c.id}/needs/ACCOMMODATION/actions`, `/cases/${c.id}/release-dates`, '/imports',
      ],
      manager: ['/dashboard', '/dashboard/overdue-releases', '/dashboard/outcomes', '/handovers', '/tasks?tab=all', `/cases/${c.id}`, `/cases/${c.id}/handover-pack`, `/cases/${c.id}/supervision`, `/cases/${c.id}/manage`, `/cases/${c.id}/sentence-events`],
      'com.officer': ['/handovers', '/tasks', '/tasks?tab=queue', '/cases'],
      admin: ['/admin/users', '/admin/users/u-prison-staff', '/admin/policy-versions', '/admin/read-model', '/imports', '/cases/00000000-0000-4000-8000-000000000000'],
    };
    const found = [];
    for (const [user, urls] of Object.entries(pages)) {
      const page = await app.users.page(user);
      for (const url of urls) {
        const res = await page.goto(url);
        const codes = await codesOn(page);
        // Every page answers (the one made-up case is a 404 page, in words like the rest).
        const status = res?.status() ?? 0;
        if (status !== (url.includes('00000000-0000') ? 404 : 200)) found.push({ url, status });
        if (codes.constants.length || codes.isoDates.length) found.push(codes);
      }
    }
    expect(found).toEqual([]);
    // The reception page's link to the bulk import leads to it.
    const receiving = await app.users.page('prison.staff');
    await visit(receiving, '/cases/new');
    await receiving.getByRole('link', { name: 'Import them from a CSV file' }).click();
    await receiving.waitForURL(/\/imports$/);
    await expect(receiving.locator('h1').textContent()).resolves.toMatch(/import/i);
    // A refusal says who may, in words.
    const staff = await app.users.page('prison.staff');
    await staff.goto('/dashboard');
    await expect(staff.locator('main').textContent()).resolves.toContain('Only managers and administrators can do this.');
    await expectPlainWords(staff);
  });
});
