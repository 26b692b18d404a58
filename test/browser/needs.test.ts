import type { Page } from 'playwright-core';
import { expectAccessible, screenshot } from './support/browser';
import { day, fillDate, newCase as newCase_, until, visit, type NewCase } from './support/cases';
import { useBrowserStack } from './support/stack';

/**
 * The living resettlement plan in a real browser: the needs on the case page, a need added and
 * revised through the forms (with the errors a missing reason gives), the plan revised at the
 * pre-release review, the release-readiness alert, and the manager's outcome charts. axe-core on
 * every page; screenshots to docs/screenshots.
 */
jest.setTimeout(240_000);

const app = useBrowserStack(['prison.staff', 'manager']);
const NO_NEEDS = { ACCOMMODATION: false, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };

interface ApiTask { id: string; type: string; title: string; status: string }

const api = (method: string, url: string, body?: unknown) => app.stack.request(method, url, { token: app.tokens['prison.staff'], body });
const tasksOf = async (id: string): Promise<ApiTask[]> => (await api('GET', `/api/v1/cases/${id}`)).body.tasks;

/** Receives a person and completes their custody screening through the API. */
async function screened(fields: NewCase, needs: Partial<typeof NO_NEEDS>, extra: { immediateNeeds?: string[]; riskFlags?: string[] } = {}): Promise<string> {
  const c = await newCase_(app.stack, app.tokens['prison.staff'], fields, 'N');
  const screening = (await tasksOf(c.id)).find((t) => t.type === 'CUSTODY_SCREENING') as ApiTask;
  const done = await api('POST', `/api/v1/tasks/${screening.id}/complete`, { outcome: { immediateNeeds: extra.immediateNeeds ?? [], riskFlags: extra.riskFlags ?? [], needs: { ...NO_NEEDS, ...needs } } });
  expect(done.status).toBe(200);
  return c.id;
}

async function openTaskOf(id: string, type: string): Promise<ApiTask> {
  let task: ApiTask | undefined;
  await until(`the ${type} task`, async () => Boolean((task = (await tasksOf(id)).find((t) => t.type === type && (t.status === 'OPEN' || t.status === 'IN_PROGRESS')))));
  return task as ApiTask;
}

const needRow = (page: Page, label: string) => page.locator('[data-testid="needs-table"] tbody tr', { has: page.locator('th', { hasText: label }) });
const errorSummary = (page: Page) => page.locator('.govuk-error-summary');

describe('the living plan on the case page', () => {
  it('shows the readiness alert and every need; adds a need, changes a status with its reason and adds an action through the forms', async () => {
    // Due out in 10 days with an accommodation need: the 14-day readiness alarm has fired.
    const id = await screened({ givenName: 'Robin', familyName: 'Hartley', releaseInDays: 10, months: 4, receivedDaysAgo: 100 }, { ACCOMMODATION: true }, { immediateNeeds: ['Methadone prescription on the day of release'], riskFlags: ['Self-harm history'] });
    await until('the readiness alarm', async () => ((await api('GET', `/api/v1/cases/${id}`)).body.readinessAlarm?.open ?? []).includes('ACCOMMODATION'));
    const staff = await app.users.page('prison.staff');
    await visit(staff, `/cases/${id}`);
    const alert = staff.getByTestId('readiness-alert');
    const releaseDate = (await api('GET', `/api/v1/cases/${id}`)).body.keyDates.releaseDate as string;
    const inWords = new Date(`${releaseDate}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    await expect(alert.textContent()).resolves.toContain(`Due for release on ${inWords} with unmet needs: accommodation.`);
    await expect(staff.locator('h1 + p').textContent()).resolves.toContain('Unmet needs: Accommodation');
    await screenshot(staff, 'case-readiness-alert');

    await staff.getByRole('tab', { name: /Needs/ }).click();
    await expect(staff.getByTestId('immediate-needs').textContent()).resolves.toContain('Methadone prescription on the day of release');
    await expect(staff.getByTestId('risk-flags').textContent()).resolves.toContain('Self-harm history');
    expect(await staff.locator('[data-testid="needs-table"] tbody tr').count()).toBe(7);
    await expect(needRow(staff, 'Accommodation').textContent()).resolves.toContain('Support required');
    await expect(needRow(staff, 'Health').textContent()).resolves.toContain('No need');
    await screenshot(staff, 'case-needs');

    // Add a need: nothing chosen, then no reason, then both.
    await staff.getByRole('link', { name: 'Add a need' }).click();
    await staff.waitForURL(new RegExp(`/cases/${id}/needs/add$`));
    await expectAccessible(staff);
    expect(await staff.getByRole('radio').count()).toBe(6);
    await staff.getByRole('button', { name: 'Add the need' }).click();
    await expect(errorSummary(staff).textContent()).resolves.toContain('Select the need to add');
    await staff.getByLabel('Health').check();
    await staff.getByRole('button', { name: 'Add the need' }).click();
    await expect(errorSummary(staff).textContent()).resolves.toContain('Reason must say why the need is added');
    expect(await staff.getByLabel('Health').isChecked()).toBe(true);
    await expectAccessible(staff);
    await staff.getByLabel('Reason').fill('Diabetes: needs a GP from the day of release');
    await staff.getByRole('button', { name: 'Add the need' }).click();
    await staff.waitForURL(new RegExp(`/cases/${id}#needs-plan$`));
    await expect(staff.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Health need added');
    await expect(needRow(staff, 'Health').textContent()).resolves.toContain('Unmet: in progress');

    // Change its status: declined needs the reason; the error names the field.
    await staff.getByRole('link', { name: 'Change status of the Health need' }).click();
    await staff.waitForURL(new RegExp(`/cases/${id}/needs/HEALTH/status$`));
    await expectAccessible(staff);
    await staff.getByLabel('Support declined').check();
    await staff.getByRole('button', { name: 'Change the status' }).click();
    await expect(errorSummary(staff).textContent()).resolves.toContain('Reason is required when support is declined or not required');
    await expect(staff.locator('.govuk-error-message').first().textContent()).resolves.toContain('Reason is required');
    expect(await staff.getByLabel('Support declined').isChecked()).toBe(true);
    await expectAccessible(staff);
    await screenshot(staff, 'need-status-errors');
    await errorSummary(staff).getByRole('link', { name: /Reason is required/ }).click();
    expect(await staff.locator(':focus').getAttribute('id')).toBe('reason');
    await staff.locator('#reason').fill('Registered with their own GP in Leeds');
    await staff.getByRole('button', { name: 'Change the status' }).click();
    await staff.waitForURL(new RegExp(`/cases/${id}#needs-plan$`));
    await expect(needRow(staff, 'Health').textContent()).resolves.toContain('Support declined');
    await expect(needRow(staff, 'Health').textContent()).resolves.toContain('Registered with their own GP in Leeds');

    // Add an action to the accommodation need, with its own due date.
    await staff.getByRole('link', { name: 'Add an action to the Accommodation need' }).click();
    await staff.waitForURL(new RegExp(`/cases/${id}/needs/ACCOMMODATION/actions$`));
    await expectAccessible(staff);
    await staff.getByLabel('Secure a release address').check();
    await fillDate(staff, 'Due date', day(5));
    await staff.getByLabel('Description (optional)').fill('Ask the council about a hostel place');
    await staff.getByRole('button', { name: 'Add the action' }).click();
    await staff.waitForURL(new RegExp(`/cases/${id}#needs-plan$`));
    await expect(needRow(staff, 'Accommodation').textContent()).resolves.toContain('Secure an address');
    expect((await tasksOf(id)).find((t) => t.title === 'Ask the council about a hostel place')).toMatchObject({ type: 'SECURE_ADDRESS', status: 'OPEN' });
    await visit(staff, `/cases/${id}`);
  });

  it('shows no readiness alert and no "Unmet needs" tag for someone due out whose screening found no need', async () => {
    const id = await screened({ givenName: 'Ellis', familyName: 'Nowak', releaseInDays: 10, months: 4, receivedDaysAgo: 100 }, {});
    const staff = await app.users.page('prison.staff');
    await visit(staff, `/cases/${id}`);
    expect(await staff.getByTestId('readiness-alert').count()).toBe(0);
    await expect(staff.locator('h1 + p').textContent()).resolves.not.toContain('Unmet needs');
    await expect(staff.getByTestId('still-open').textContent()).resolves.toContain('No need is unmet');
  });
});

describe('the pre-release review', () => {
  it('shows every need with its status and revises them, a declined need needing its reason', async () => {
    const id = await screened({ givenName: 'Morgan', familyName: 'Achebe', releaseInDays: 60, months: 4, receivedDaysAgo: 60 }, { ACCOMMODATION: true });
    const review = await openTaskOf(id, 'PRE_RELEASE_REVIEW');
    const staff = await app.users.page('prison.staff');
    await visit(staff, `/tasks/${review.id}`);
    const needs = staff.getByTestId('need-review');
    await expect(needs.textContent()).resolves.toContain('Accommodation');
    expect(await needs.locator('select').count()).toBe(7);
    await screenshot(staff, 'pre-release-review-needs');

    await staff.getByLabel('New status for Accommodation').selectOption('SUPPORT_DECLINED');
    await staff.getByLabel('New status for Health').selectOption('SUPPORT_REQUIRED');
    await staff.getByLabel('Reason for Health (required when support is declined or not required)').fill('Diabetes found at the review');
    await staff.getByLabel('Every need has been reviewed and the plan updated').check();
    await fillDate(staff, 'Provisional first appointment date', day(61));
    await staff.getByLabel('Provisional first appointment location').fill('Leeds probation office');
    await staff.getByRole('button', { name: 'Complete task' }).click();
    await expect(errorSummary(staff).textContent()).resolves.toContain('Reason for the accommodation need is required when support is declined or not required');
    await expectAccessible(staff);
    await screenshot(staff, 'pre-release-review-errors');
    await errorSummary(staff).getByRole('link', { name: /Reason for the accommodation need/ }).click();
    expect(await staff.locator(':focus').getAttribute('id')).toBe('review-ACCOMMODATION-reason');
    // What was chosen is still there.
    expect(await staff.getByLabel('New status for Health').inputValue()).toBe('SUPPORT_REQUIRED');
    await staff.locator('#review-ACCOMMODATION-reason').fill('Going home to a partner who owns the house');
    await staff.getByRole('button', { name: 'Complete task' }).click();
    await staff.waitForURL(new RegExp(`/cases/${id}$`));

    await staff.getByRole('tab', { name: /Needs/ }).click();
    await expect(needRow(staff, 'Accommodation').textContent()).resolves.toContain('Support declined');
    await expect(needRow(staff, 'Accommodation').textContent()).resolves.toContain('Going home to a partner who owns the house');
    await expect(needRow(staff, 'Health').textContent()).resolves.toContain('Unmet: in progress');
    await screenshot(staff, 'case-needs-revised');
  });
});

describe("the manager's outcome charts", () => {
  it('counts the people released: accommodation, work or training and unmet needs, with a table for each chart', async () => {
    const unmet = await screened({ givenName: 'Kit', familyName: 'Barrow', releaseInDays: -5, months: 10, receivedDaysAgo: 300 }, { ACCOMMODATION: true });
    const met = await screened({ givenName: 'Lee', familyName: 'Okafor', releaseInDays: -5, months: 10, receivedDaysAgo: 300 }, {});
    for (const [id, accommodation, workOrTraining] of [[unmet, 'NONE', 'NONE'], [met, 'SETTLED', 'WORK']]) {
      const release = await openTaskOf(id, 'RELEASE_OUTCOMES');
      const releasedOn = (await api('GET', `/api/v1/cases/${id}`)).body.keyDates.releaseDate;
      expect((await api('POST', `/api/v1/tasks/${release.id}/complete`, { outcome: { releasedOn, accommodation, workOrTraining, bankAccount: true, id: true, debts: 'NO_DEBTS' } })).status).toBe(200);
    }
    const report = await app.stack.request('GET', '/api/v1/reports/resettlement?groupBy=prison', { token: app.tokens.manager });
    const leeds = report.body.items.find((r: { group: string }) => r.group === 'LEI');
    const manager = await app.users.page('manager');
    await visit(manager, '/dashboard');
    await manager.getByRole('link', { name: /Resettlement outcomes/ }).click();
    await manager.waitForURL(/\/dashboard\/outcomes$/);
    await expectAccessible(manager);
    const row = manager.locator('table', { hasText: 'With unmet needs' }).locator('tbody tr', { hasText: 'Leeds' });
    await expect(row.textContent()).resolves.toContain(String(leeds.released));
    expect(leeds.releasedWithUnmetAccommodation).toBeGreaterThanOrEqual(1);
    expect(await manager.locator('svg.ttg-chart').count()).toBe(3);
    // Each prison's own accommodation and work figures, beside the charts' totals.
    const leedsOutcomes = await manager.getByTestId('outcomes-by-group').locator('tbody tr', { hasText: 'Leeds' }).locator('td').allTextContents();
    expect(leedsOutcomes.map((t) => Number(t.trim()))).toEqual([leeds.released, leeds.releaseNightSettled + leeds.releaseNightTemporary, leeds.releaseNightNone, leeds.accommodation12MonthsSettled, leeds.workOrTraining6Weeks, leeds.workOrTraining6Months]);
    await expect(manager.locator('#work-chart-title').textContent()).resolves.toBe('Work or training on release, at 6 weeks and at 6 months');
    await screenshot(manager, 'outcomes-dashboard');
    await manager.getByLabel('Group by').selectOption('month');
    await manager.getByRole('button', { name: 'Show outcomes' }).click();
    await manager.waitForURL(/groupBy=month/);
    await expectAccessible(manager);
    const csv = await manager.context().request.get(`${app.stack.baseUrl}${await manager.getByRole('link', { name: /Download every figure/ }).getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n')[0]).toContain('workOrTraining6Weeks');
  });
});

describe('a change of circumstances in the community', () => {
  it('reopens the needs ticked on the supervision page, each with the change as its reason, and leaves the others as they were', async () => {
    const id = await screened({ givenName: 'Sam', familyName: 'Tenancy', releaseInDays: -3, months: 10, receivedDaysAgo: 300 }, {});
    const release = await openTaskOf(id, 'RELEASE_OUTCOMES');
    const releasedOn = (await api('GET', `/api/v1/cases/${id}`)).body.keyDates.releaseDate;
    expect((await api('POST', `/api/v1/tasks/${release.id}/complete`, { outcome: { releasedOn, accommodation: 'SETTLED', workOrTraining: 'WORK', bankAccount: true, id: true, debts: 'NO_DEBTS' } })).status).toBe(200);
    await until('supervision', async () => (await api('GET', `/api/v1/cases/${id}`)).body.stage === 'SUPERVISION');
    const manager = await app.users.page('manager');
    await visit(manager, `/cases/${id}/supervision`);
    const reopen = manager.getByRole('group', { name: 'Needs to reopen (optional)' });
    expect(await reopen.getByRole('checkbox').count()).toBe(7);
    await expect(reopen.textContent()).resolves.toContain('Now: no need');
    await manager.getByLabel('What has changed').fill('Lost the tenancy after a fire');
    await reopen.getByLabel('Accommodation', { exact: true }).check();
    await screenshot(manager, 'supervision-circumstances-needs');
    await manager.getByRole('button', { name: 'Record change of circumstances' }).click();
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('Change of circumstances recorded');
    await expectAccessible(manager);

    const needs: { pathway: string; status: string; history: { to: string; reason: string | null; by: string }[] }[] = (await api('GET', `/api/v1/cases/${id}`)).body.needs;
    const accommodation = needs.find((n) => n.pathway === 'ACCOMMODATION');
    expect(['SUPPORT_REQUIRED', 'IN_PROGRESS']).toContain(accommodation?.status);
    expect(accommodation?.history.find((h) => h.to === 'SUPPORT_REQUIRED')).toMatchObject({ reason: 'Change of circumstances: Lost the tenancy after a fire', by: 'u-manager' });
    expect(needs.filter((n) => n.pathway !== 'ACCOMMODATION').map((n) => n.status)).toEqual(Array(6).fill('SUPPORT_NOT_REQUIRED'));
  });
});
