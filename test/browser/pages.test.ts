import type { Page } from 'playwright-core';
import { expectAccessible, expectSkipLinkFirst, screenshot } from './support/browser';
import { askToReassign, claimFirstTask, day, newCase as newCase_, until, visit, type NewCase } from './support/cases';
import { useBrowserStack } from './support/stack';

/**
 * The web pages in a real browser (Debian's Chromium through playwright-core) against the
 * started product: sign-in for every role, a case worked from custody screening to an accepted
 * handover, the manager's dashboard, form errors shown and fixed, supervision, CSRF, axe-core
 * (WCAG 2.2 AA) on every page and the keyboard's first stop. Screenshots go to docs/screenshots.
 */
jest.setTimeout(240_000);

const app = useBrowserStack(['prison.staff', 'manager', 'com.officer']);
const tokens = app.tokens;

const newCase = (fields: NewCase) => newCase_(app.stack, tokens['prison.staff'], fields);

async function openTask(page: Page, caseId: string, title: RegExp): Promise<void> {
  await page.goto(`/cases/${caseId}#tasks`);
  await page.locator('#tasks').getByRole('link', { name: title }).first().click();
  await page.waitForURL(/\/tasks\/[^/]+$/);
}

describe('signing in', () => {
  it('sends a visitor to sign in, shows errors linked to the fields, and returns them to the page they asked for', async () => {
    const context = await app.browser.newContext({ baseURL: app.stack.baseUrl });
    const page = await context.newPage();
    await page.goto('/cases');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessible(page);
    await expectSkipLinkFirst(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Enter your username');
    expect(await page.title()).toMatch(/^Error: /);
    await expectAccessible(page);
    await screenshot(page, 'sign-in-error');
    await summary.getByRole('link', { name: 'Enter your password' }).click();
    expect(await page.locator(':focus').getAttribute('id')).toBe('password');
    await page.getByLabel('Username').fill('prison.staff');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(summary.textContent()).resolves.toContain('The username or password is not right');
    await page.getByLabel('Password').fill('e2e-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/cases$/);
    const cookie = (await context.cookies()).find((c) => c.name === 'ttg_token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.getByRole('link', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1/);
    await page.goto('/tasks');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
    // Signing out ends every session of the user at once, this test's API token too: sign in again.
    expect((await app.stack.request('GET', '/api/v1/me', { token: tokens['prison.staff'] })).status).toBe(401);
    tokens['prison.staff'] = await app.stack.token('prison.staff');
  });

  it.each([
    ['prison.staff', 'Priya Shah', 'Prison resettlement staff, HMP Leeds', '/tasks', ['Tasks', 'Cases', 'Key dates calculator', 'Notifications']],
    ['com.officer', 'Chris Morgan', 'Community offender manager, Leeds North probation team', '/handovers', ['Tasks', 'Handovers', 'Cases', 'Key dates calculator', 'Notifications']],
    ['manager', 'Sam Evans', 'Manager, Yorkshire and the Humber', '/dashboard', ['Dashboard', 'Tasks', 'Handovers', 'Cases', 'Key dates calculator', 'Notifications']],
    ['admin', 'Alex Admin', 'Administrator, All prisons and regions', '/dashboard', ['Dashboard', 'Tasks', 'Handovers', 'Cases', 'Key dates calculator', 'Users', 'Read model', 'Notifications']],
  ])('%s sees who they are, their role and scope, and their navigation', async (username, name, role, home, nav) => {
    const page = await app.users.page(username);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe(home);
    const header = page.locator('header.moj-header');
    await expect(header.textContent()).resolves.toContain(name);
    await expect(header.textContent()).resolves.toContain(role);
    const items = (await page.locator('.govuk-service-navigation__item').allTextContents()).map((t) => t.replace(/\s+\d+\s+unread/, '').trim());
    expect(items).toEqual(nav);
    await expectAccessible(page);
    await expectSkipLinkFirst(page);
    await visit(page, '/account');
  });
});

describe('a case from custody screening to an accepted handover', () => {
  it('is worked by prison staff, allocated by a manager and accepted by the COM', async () => {
    const c = await newCase({ givenName: 'Jordan', familyName: 'Whitfield', releaseInDays: 90, months: 6 });
    const staff = await app.users.page('prison.staff');

    // The team queue: claim the custody screening.
    await visit(staff, '/tasks?tab=queue&type=CUSTODY_SCREENING');
    const row = staff.locator('tr', { hasText: c.prisonNumber });
    await row.getByRole('button', { name: /Claim/ }).click();
    await expect(staff.locator('.govuk-notification-banner').textContent()).resolves.toContain('claimed by you');
    await visit(staff, '/tasks');
    await screenshot(staff, 'tasks-my-tasks');
    await staff.locator('tr', { hasText: c.prisonNumber }).getByRole('link', { name: /Custody screening/ }).click();
    await expectAccessible(staff);

    // A form error shown and fixed: nothing answered, then every need answered.
    await staff.getByRole('button', { name: 'Complete task' }).click();
    const summary = staff.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Select accommodation');
    expect(await staff.locator('.govuk-error-message').count()).toBeGreaterThanOrEqual(7);
    await expectAccessible(staff);
    await screenshot(staff, 'task-form-errors');
    await summary.getByRole('link', { name: 'Select health' }).click();
    expect(await staff.locator(':focus').getAttribute('name')).toBe('needs-HEALTH');
    await staff.getByRole('group', { name: 'Accommodation' }).getByLabel('Needs help').check();
    // Saying what the need is (revealed by "Needs help"), and a risk flag by name.
    await staff.getByLabel('What the accommodation need is (optional)').fill('No address: was sofa surfing');
    await staff.getByRole('group', { name: /^Risk flags/ }).getByLabel('Self-harm or suicide risk').check();
    for (const p of ['Education, skills and work', 'Finance, ID and debt', 'Drugs and alcohol', 'Health', 'Children, families and communities', 'Attitudes, thinking and behaviour']) {
      await staff.getByRole('group', { name: p, exact: true }).getByLabel('No need').check();
    }
    await staff.getByLabel('Immediate needs (optional)').fill('Prescription medication');
    await staff.getByRole('button', { name: 'Complete task' }).click();
    await staff.waitForURL(new RegExp(`/cases/${c.id}$`));
    await expect(staff.locator('.govuk-notification-banner').textContent()).resolves.toContain('Custody screening (BCST part 1): completed');
    await expect(staff.locator('h1 + p').textContent()).resolves.toContain('Risk of harm screening');
    const screened = (await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: tokens['prison.staff'] })).body;
    expect(screened.riskFlags).toEqual(['Self-harm or suicide risk']);
    expect(screened.needs.find((n: { pathway: string }) => n.pathway === 'ACCOMMODATION').history[0]).toMatchObject({ to: 'SUPPORT_REQUIRED', reason: 'Need found at custody screening: No address: was sofa surfing' });

    // Risk screening, then the resettlement plan.
    await openTask(staff, c.id, /Risk of harm screening/);
    await staff.getByLabel('Low').check();
    await staff.getByRole('button', { name: 'Complete task' }).click();
    await staff.waitForURL(new RegExp(`/cases/${c.id}$`));
    await openTask(staff, c.id, /Resettlement plan/);
    await expectAccessible(staff);
    await staff.getByLabel('Status for Accommodation').selectOption('SUPPORT_REQUIRED');
    for (const p of ['Education, skills and work', 'Finance, ID and debt', 'Drugs and alcohol', 'Health', 'Children, families and communities', 'Attitudes, thinking and behaviour']) {
      await staff.getByLabel(`Status for ${p}`, { exact: true }).selectOption('SUPPORT_NOT_REQUIRED');
    }
    await staff.getByLabel('Notes for Accommodation', { exact: true }).fill('Needs a release address: duty to refer made');
    // The plan sets the need's actions: both accommodation tasks are ticked; the duty to refer is already made, so it is unticked.
    const actions = staff.getByRole('group', { name: 'Actions for Accommodation' });
    expect(await actions.getByRole('checkbox', { checked: true }).count()).toBe(2);
    await actions.getByLabel('Duty to refer').uncheck();
    await screenshot(staff, 'resettlement-plan-actions');
    await staff.getByRole('button', { name: 'Complete task' }).click();
    await staff.waitForURL(new RegExp(`/cases/${c.id}$`));
    const planned = (await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: tokens['prison.staff'] })).body.tasks.filter((t: { pathway: string; status: string }) => t.pathway === 'ACCOMMODATION' && t.status === 'OPEN');
    expect(planned.map((t: { type: string }) => t.type)).toEqual(['SECURE_ADDRESS']);
    await visit(staff, `/cases/${c.id}`);
    const accommodation = staff.locator('#overview tr', { hasText: 'Accommodation' });
    await expect(accommodation.textContent()).resolves.toContain('Needs help');
    await expect(accommodation.textContent()).resolves.not.toContain('Not started');
    await screenshot(staff, 'case-overview');
    await staff.getByRole('tab', { name: 'Key dates' }).click();
    await expect(staff.locator('#key-dates').textContent()).resolves.toContain('The earliest release date is the conditional release date');
    await screenshot(staff, 'case-key-dates');
    await staff.getByRole('tab', { name: /Tasks/ }).click();
    await screenshot(staff, 'case-tasks');
    await visit(staff, `/cases/${c.id}/history`);
    await expect(staff.locator('main').textContent()).resolves.toContain('Task completed');
    await screenshot(staff, 'case-history');

    // The manager allocates a community offender manager from the dashboard.
    const manager = await app.users.page('manager');
    await visit(manager, '/dashboard');
    // The dashboard lists the 25 most urgent allocations; the rest are in the task list it links to.
    const waiting = manager.locator('#handovers ~ table tr', { hasText: c.prisonNumber });
    if ((await waiting.count()) === 0) {
      await manager.getByRole('link', { name: /See all \d+ COM allocations waiting/ }).click();
      await manager.waitForURL(/\/tasks\?tab=all&type=COM_ALLOCATION/);
      await expect(manager.locator('main').textContent()).resolves.toContain('COM allocation');
      await openTask(manager, c.id, /allocate a community offender manager/i);
    } else {
      await waiting.getByRole('link', { name: /Allocate/ }).click();
    }
    await expectAccessible(manager);
    await manager.getByRole('button', { name: 'Complete task' }).click();
    await expect(manager.locator('.govuk-error-summary').textContent()).resolves.toContain('Select community offender manager');
    // Each COM is offered with their team and caseload, so the work can be shared fairly.
    await expect(manager.locator('.govuk-radios__item', { hasText: 'Chris Morgan' }).textContent()).resolves.toMatch(/Leeds North probation team · \d+ cases? allocated, \d+ open tasks?/);
    await manager.getByLabel('Chris Morgan').check();
    await manager.getByRole('button', { name: 'Complete task' }).click();
    await manager.waitForURL(new RegExp(`/cases/${c.id}$`));

    // The COM reads the handover pack; sending back needs a reason; then accepts.
    const com = await app.users.page('com.officer');
    await visit(com, '/handovers');
    await screenshot(com, 'handovers-inbox');
    await com.locator('tr', { hasText: c.prisonNumber }).getByRole('link', { name: /Review and decide/ }).click();
    await expectAccessible(com);
    await com.getByRole('radio', { name: 'Send it back to the prison' }).check();
    await com.getByRole('button', { name: 'Save decision' }).click();
    await expect(com.locator('.govuk-error-summary').textContent()).resolves.toContain('Reason is required when the handover is sent back');
    await expectAccessible(com);
    await screenshot(com, 'handover-pack-error');
    await com.getByRole('radio', { name: 'Accept the handover', exact: true }).check();
    await com.getByRole('button', { name: 'Save decision' }).click();
    await com.waitForURL(/\/handovers$/);
    await expect(com.locator('.govuk-notification-banner').textContent()).resolves.toContain('Handover accepted');
    await expect(com.locator('tr', { hasText: c.prisonNumber }).textContent()).resolves.toContain('Accepted');
    await visit(com, `/cases/${c.id}/handover-pack`);
    await screenshot(com, 'handover-pack');
    await visit(com, `/cases/${c.id}/handover-pack?print=1`);
    expect(await com.locator('header.moj-header').count()).toBe(0);
    await screenshot(com, 'handover-pack-print');
    const handover = await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: tokens['com.officer'] });
    expect(handover.body.handover).toMatchObject({ status: 'ACCEPTED', comUserId: 'u-com-officer' });
  });
});

describe('lists, filters and bulk reassignment', () => {
  it('filters, sorts and pages the task list and the case list on the server', async () => {
    const staff = await app.users.page('prison.staff');
    for (let i = 0; i < 3; i += 1) await newCase({ givenName: 'Page', familyName: `Filler${i}`, releaseInDays: 200 + i, months: 12 });
    await visit(staff, '/tasks?tab=all');
    await staff.getByLabel('Task type').selectOption('CUSTODY_SCREENING');
    await staff.getByRole('button', { name: 'Apply filters' }).click();
    const types = await staff.locator('tbody tr td:nth-child(2) a').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((t) => t.includes('Custody screening'))).toBe(true);
    await staff.getByRole('link', { name: /^Due/ }).click();
    expect(await staff.locator('th[aria-sort="descending"]').count()).toBe(1);
    const csv = await staff.context().request.get(`${app.stack.baseUrl}${await staff.getByRole('link', { name: 'Download these tasks as CSV' }).getAttribute('href')}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[0]).toContain('prisonNumber');
    await visit(staff, '/cases?q=Filler');
    expect(await staff.locator('tbody tr').count()).toBe(3);
    await screenshot(staff, 'cases');
  });

  it('lets a manager move every open task of one officer to another', async () => {
    const c = await newCase({ givenName: 'Robin', familyName: 'Reassign', releaseInDays: 250, months: 12 });
    const taskId = await claimFirstTask(app.stack, tokens['prison.staff'], c.id);
    const manager = await app.users.page('manager');
    await askToReassign(manager, 'u-prison-staff', 'u-prison-staff-2');
    await manager.getByRole('button', { name: 'Yes, move the tasks' }).click();
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/Moved \d+ tasks?/);
    const task = await app.stack.request('GET', `/api/v1/tasks/${taskId}`, { token: tokens.manager });
    expect(task.body.assignee).toBe('u-prison-staff-2');
  });
});

describe('keyboard use', () => {
  it('reaches a claim button in the queue by Tab alone, presses it with Enter, and keeps focus visible', async () => {
    const c = await newCase({ givenName: 'Kim', familyName: 'Keyboard', releaseInDays: 220, months: 12 });
    const staff = await app.users.page('prison.staff');
    await visit(staff, '/tasks?tab=queue&type=CUSTODY_SCREENING&sort=createdAt&order=desc');
    await staff.evaluate('document.activeElement && document.activeElement.blur()');
    let reached = false;
    for (let i = 0; i < 300 && !reached; i += 1) {
      await staff.keyboard.press('Tab');
      reached = await staff.evaluate<boolean>(
        `(() => { const el = document.activeElement; return !!el && el.tagName === 'BUTTON' && el.textContent.trim().startsWith('Claim') && !!el.closest('tr') && el.closest('tr').textContent.includes(${JSON.stringify(c.prisonNumber)}); })()`,
      );
    }
    expect(reached).toBe(true);
    // GOV.UK focus style: the focused button is drawn with a yellow focus outline or shadow.
    const focusStyle = await staff.evaluate<string>(`(() => { const cs = getComputedStyle(document.activeElement); return cs.outlineStyle + ' ' + cs.boxShadow; })()`);
    expect(focusStyle).not.toBe('none none');
    await staff.keyboard.press('Enter');
    await expect(staff.locator('.govuk-notification-banner').textContent()).resolves.toContain('claimed by you');
    const task = await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=CUSTODY_SCREENING`, { token: tokens['prison.staff'] });
    expect(task.body.items[0]).toMatchObject({ assignee: 'u-prison-staff' });
  });
});

describe('supervision after release', () => {
  it('records release outcomes, then a contact, with errors shown and fixed', async () => {
    const c = await newCase({ givenName: 'Morgan', familyName: 'Released', releaseInDays: 0, months: 2, receivedDaysAgo: 40 });
    const staff = await app.users.page('prison.staff');
    await openTask(staff, c.id, /Record release outcomes/);
    await staff.getByLabel('Day').first().fill(String(Number(day().slice(8, 10))));
    await staff.getByLabel('Month').first().fill(day().slice(5, 7));
    await staff.getByLabel('Year').first().fill(day().slice(0, 4));
    await staff.getByRole('group', { name: 'Accommodation on the first night' }).getByLabel('Temporary accommodation').check();
    await staff.getByRole('group', { name: 'Work or training arranged' }).getByLabel('None').check();
    await staff.getByRole('group', { name: 'Has a bank account?' }).getByLabel('Yes').check();
    await staff.getByRole('group', { name: 'Has ID?' }).getByLabel('No').check();
    await staff.getByRole('group', { name: 'Debts' }).getByLabel('No debts').check();
    await staff.getByRole('button', { name: 'Complete task' }).click();
    await staff.waitForURL(new RegExp(`/cases/${c.id}$`));

    const manager = await app.users.page('manager');
    await visit(manager, `/cases/${c.id}/supervision`);
    await manager.getByRole('button', { name: 'Record contact' }).click();
    await expect(manager.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter date of the contact');
    await expectAccessible(manager);
    await manager.getByRole('group', { name: 'Date of the contact' }).getByLabel('Day').fill(String(Number(day().slice(8, 10))));
    await manager.getByRole('group', { name: 'Date of the contact' }).getByLabel('Month').fill(day().slice(5, 7));
    await manager.getByRole('group', { name: 'Date of the contact' }).getByLabel('Year').fill(day().slice(0, 4));
    await manager.getByRole('group', { name: 'Kind of contact' }).getByLabel('Office').check();
    await manager.getByRole('group', { name: 'Outcome' }).getByLabel('Attended').check();
    await manager.getByRole('button', { name: 'Record contact' }).click();
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('Contact recorded');
    await expect(manager.locator('main table').textContent()).resolves.toContain('Attended');
    await expectAccessible(manager);
    await screenshot(manager, 'supervision');
    // A change of circumstances starts a risk review.
    await manager.getByLabel('What has changed').fill('Moved in with a new partner');
    await manager.getByRole('button', { name: 'Record change of circumstances' }).click();
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('Change of circumstances recorded');
    const reviews = await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=RISK_REVIEW`, { token: tokens.manager });
    expect(reviews.body.items).toEqual([expect.objectContaining({ type: 'RISK_REVIEW', caseId: c.id })]);
  });
});

describe('the manager dashboard', () => {
  it('shows a person due out soon with unmet needs and no COM as an overdue release, with charts and their tables', async () => {
    const c = await newCase({ givenName: 'Casey', familyName: 'Overdue', releaseInDays: 40, months: 3 });
    const late = await newCase({ givenName: 'Late', familyName: 'Screening', releaseInDays: 200, months: 12, receivedDaysAgo: 10 }); // its custody screening is overdue at once
    for (const id of [c.id, late.id]) {
      const open = await app.stack.request('GET', `/api/v1/tasks?caseId=${id}&type=CUSTODY_SCREENING`, { token: tokens['prison.staff'] });
      await app.stack.request('POST', `/api/v1/tasks/${open.body.items[0].id}/claim`, { token: tokens['prison.staff'] }); // a caseload above a threshold of 1
    }
    // Casey's screening finds an accommodation need (unmet needs are needs found and not met); the next task stays claimed.
    const screening = await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=CUSTODY_SCREENING`, { token: tokens['prison.staff'] });
    const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
    expect((await app.stack.request('POST', `/api/v1/tasks/${screening.body.items[0].id}/complete`, { token: tokens['prison.staff'], body: { outcome: { needs } } })).status).toBe(200);
    const risk = await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=RISK_SCREENING`, { token: tokens['prison.staff'] });
    await app.stack.request('POST', `/api/v1/tasks/${risk.body.items[0].id}/claim`, { token: tokens['prison.staff'] });
    await until('an overdue task', async () => (await app.stack.request('GET', '/api/v1/dashboard/overdue-tasks', { token: tokens.manager })).body.items.length > 0);
    const manager = await app.users.page('manager');
    await visit(manager, '/dashboard');
    // The full list, a page at a time, soonest release first; the dashboard's count is its total.
    const total = Number((await manager.locator('a[href="#overdue-releases"] .govuk-heading-xl').textContent())?.trim());
    await visit(manager, '/dashboard/overdue-releases');
    await expect(manager.locator('main').textContent()).resolves.toContain(`of ${total.toLocaleString('en-GB')} people`);
    let row = manager.locator('table tr', { hasText: c.prisonNumber });
    while ((await row.count()) === 0 && (await manager.getByRole('link', { name: /Next/ }).count()) > 0) {
      await manager.getByRole('link', { name: /Next/ }).first().click();
      row = manager.locator('table tr', { hasText: c.prisonNumber });
    }
    await expect(row.textContent()).resolves.toMatch(/Unmet needs[\s\S]*No COM/);
    await visit(manager, '/dashboard');
    if (total <= 25) await expect(manager.locator('#overdue-releases ~ table').first().locator('tr', { hasText: c.prisonNumber }).textContent()).resolves.toMatch(/Unmet needs[\s\S]*No COM/);
    else await expect(manager.getByRole('link', { name: `See all ${total} people due out soon with a problem` }).count()).resolves.toBe(1);
    expect(await manager.locator('svg.ttg-chart[role="img"]').count()).toBe(3);
    expect(await manager.locator('table caption', { hasText: 'Caseload per officer (table)' }).count()).toBe(1);
    await screenshot(manager, 'dashboard');
    await manager.getByLabel('Caseload threshold (cases plus open tasks)').fill('1');
    await manager.getByRole('button', { name: 'Update' }).click();
    await expect(manager.locator('#caseloads ~ table').first().textContent()).resolves.toContain('Over threshold');
  });

  it('is for managers only', async () => {
    const staff = await app.users.page('prison.staff');
    const res = await staff.goto('/dashboard');
    expect(res?.status()).toBe(403);
    await expectAccessible(staff);
  });
});

describe('the other pages', () => {
  it('calculates key dates with the rule behind each, and names a bad field', async () => {
    const staff = await app.users.page('prison.staff');
    await visit(staff, '/calculator');
    await staff.getByRole('button', { name: 'Calculate key dates' }).click();
    await expect(staff.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the date received into custody');
    // No offence category is chosen for the user: the calculator asks for one.
    await expect(staff.locator('.govuk-error-summary').textContent()).resolves.toContain('Select the offence category');
    await expectAccessible(staff);
    const fill = async (group: string, date: string) => {
      const g = staff.getByRole('group', { name: group, exact: true });
      await g.getByLabel('Day').fill(date.slice(8, 10));
      await g.getByLabel('Month').fill(date.slice(5, 7));
      await g.getByLabel('Year').fill(date.slice(0, 4));
    };
    await fill('Date received into custody', '2026-01-05');
    await staff.getByLabel('Time received (24-hour clock, UK time)').fill('15:00');
    await fill('Sentence start date', '2026-01-05');
    await staff.getByLabel('Sentence length in months').fill('14');
    await fill('Conditional release date', '2026-08-07');
    await staff.getByLabel('Violent').check();
    await staff.getByRole('button', { name: 'Calculate key dates' }).click();
    const results = staff.locator('table');
    await expect(results.textContent()).resolves.toContain('6 August 2026');
    await expect(results.textContent()).resolves.toContain('Offenders (Day of Release from Detention) Act 2023');
    // The Compressed tag a key date may carry is explained on the page.
    await expect(staff.locator('.ttg-tag-key').textContent()).resolves.toContain('The policy deadline had already passed');
    await expectAccessible(staff);
    await screenshot(staff, 'calculator');
  });

  it('lists notifications with the unread count in the header, and marks them read', async () => {
    await newCase({ givenName: 'Late', familyName: 'Arrival', releaseInDays: 200, months: 12, receivedDaysAgo: 10 }); // an overdue custody screening: prison staff are told
    const token = await app.stack.token('prison.staff2');
    await until('a notification', async () => (await app.stack.request('GET', '/api/v1/notifications?unread=true', { token })).body.unread > 0);
    const staff2 = await app.users.page('prison.staff2');
    await visit(staff2, '/notifications');
    const badge = staff2.locator('.govuk-service-navigation .moj-notification-badge');
    await staff2.reload();
    expect(await badge.count()).toBe(1);
    await screenshot(staff2, 'notifications');
    await staff2.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(staff2.locator('.govuk-notification-banner').textContent()).resolves.toContain('marked as read');
    expect(await badge.count()).toBe(0);

    // More than 99 unread: the header counts no further than it shows ("99+").
    const [{ id: userId }]: { id: string }[] = await app.stack.ds.query(`SELECT id FROM users WHERE username = 'prison.staff2'`);
    await app.stack.ds.query(
      `INSERT INTO notifications (id, case_id, kind, recipient_user_id, audience, prison_code, region_code, message, created_at)
       SELECT 'badge-' || g, gen_random_uuid(), 'REMINDER', $1, 'PRISON', 'LEI', 'YH', 'A reminder', now() FROM generate_series(1, 120) g`,
      [userId],
    );
    await staff2.reload();
    await expect(badge.textContent()).resolves.toBe('99+ unread');
    await staff2.getByRole('button', { name: 'Mark all as read' }).click();
    expect(await badge.count()).toBe(0);
  });

  it('answers an unknown case with a 404 page and a form without its CSRF token with 403', async () => {
    const staff = await app.users.page('prison.staff');
    const missing = await staff.goto('/cases/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    await expectAccessible(staff);
    const forged = await staff.context().request.post(`${app.stack.baseUrl}/notifications/read`, { form: { all: 'true' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('This form has expired');
  });

  it('works without JavaScript: the filters, a claim and the calculator are plain forms', async () => {
    const c = await newCase({ givenName: 'Noor', familyName: 'Nojs', releaseInDays: 300, months: 12 });
    const page = await app.users.page('prison.staff', { javaScriptEnabled: false });
    await page.goto('/tasks?tab=queue');
    await page.getByLabel('Task type').selectOption('CUSTODY_SCREENING');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(new URL(page.url()).searchParams.get('type')).toBe('CUSTODY_SCREENING');
    await page.locator('tr', { hasText: c.prisonNumber }).getByRole('button', { name: /Claim/ }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('claimed by you');
    await page.goto(`/cases/${c.id}`);
    expect(await page.locator('#key-dates').isVisible()).toBe(true); // every tab panel shows without JavaScript
    await page.goto('/calculator');
    await page.getByRole('button', { name: 'Calculate key dates' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('There is a problem');
  });
});
