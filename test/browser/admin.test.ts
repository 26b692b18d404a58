import { PASSWORD } from '../e2e/stack';
import { expectAccessible, screenshot } from './support/browser';
import { fillDate, newCase, visit } from './support/cases';
import { useBrowserStack } from './support/stack';

/**
 * Administration from the pages: a user's role and scope changed (refused in words when they do
 * not fit), a password reset to a temporary one that only lets its user choose their own, and a
 * policy version added with every figure checked.
 */
jest.setTimeout(240_000);

const app = useBrowserStack(['admin', 'prison.staff']);
const tokens = app.tokens;

async function newUser(username: string, displayName: string): Promise<string> {
  const body = { username, displayName, role: 'PRISON_STAFF', prisonCode: 'LEI', password: PASSWORD };
  const res = await app.stack.request('POST', '/api/v1/admin/users', { token: tokens.admin, body });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const userRow = async (id: string) => ((await app.stack.request('GET', '/api/v1/admin/users', { token: tokens.admin })).body.items as Record<string, unknown>[]).find((u) => u.id === id);

describe('administration pages', () => {
  it('changes a role and scope, refusing a community offender manager without a team', async () => {
    const id = await newUser('role.change', 'Rhian Role');
    const admin = await app.users.page('admin');
    await visit(admin, '/admin/users');
    await admin.getByRole('link', { name: 'Change role or scope of Rhian Role' }).click();
    await admin.waitForURL(new RegExp(`/admin/users/${id}$`));
    await expectAccessible(admin);
    await admin.getByLabel('Community offender manager', { exact: true }).check();
    await admin.getByLabel('Prison', { exact: true }).selectOption('');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await expect(admin.locator('.govuk-error-summary').textContent()).resolves.toContain('Probation team is required for a community offender manager');
    expect(await userRow(id)).toMatchObject({ role: 'PRISON_STAFF', prisonCode: 'LEI' }); // nothing changed
    await expectAccessible(admin);
    await admin.getByLabel('Probation team').selectOption({ label: 'Leeds South probation team' });
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.waitForURL(/\/admin\/users$/);
    await expect(admin.locator('.govuk-notification-banner').textContent()).resolves.toContain('Rhian Role is now: Community offender manager');
    expect(await userRow(id)).toMatchObject({ role: 'COM', teamCode: 'YH-LEEDS-S', prisonCode: null, regionCode: 'YH' });
    await visit(admin, `/admin/users/${id}`);
    await screenshot(admin, 'admin-user-role');
  });

  it('asks before deactivating someone who holds open tasks, and moves them to the colleague chosen', async () => {
    const id = await newUser(`leaving.${Date.now().toString(36)}`, 'Lee Leaving');
    const c = await newCase(app.stack, tokens['prison.staff'], { givenName: 'Held', familyName: 'Task', releaseInDays: 120, months: 8 }, 'D');
    const screening = (await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=CUSTODY_SCREENING`, { token: tokens.admin })).body.items[0];
    expect((await app.stack.request('POST', `/api/v1/tasks/${screening.id}/assign`, { token: tokens.admin, body: { userId: id } })).status).toBe(200);
    const admin = await app.users.page('admin');
    await visit(admin, '/admin/users');
    await admin.getByRole('button', { name: 'Deactivate Lee Leaving' }).click();
    await expect(admin.locator('h1').textContent()).resolves.toBe('Are you sure you want to deactivate Lee Leaving?');
    await expect(admin.locator('main').textContent()).resolves.toContain('1 open task');
    await expectAccessible(admin);
    await screenshot(admin, 'deactivate-confirmation');
    const moveTo = admin.getByLabel('Move their open tasks to');
    const target = (await moveTo.locator('option').allTextContents()).map((t) => t.trim()).find((t) => !t.startsWith('Do not')) as string;
    expect(target).toEqual(expect.stringContaining('open task'));
    await moveTo.selectOption({ label: target });
    await admin.getByRole('button', { name: 'Yes, deactivate' }).click();
    await admin.waitForURL(/\/admin\/users$/);
    const banner = await admin.locator('.govuk-notification-banner').textContent();
    expect(banner).toContain('Lee Leaving can no longer sign in');
    expect(banner).toContain(`1 open task moved to ${target.replace(/ \(.*$/, '')}`);
    expect(await userRow(id)).toMatchObject({ active: false });
    const moved = (await app.stack.request('GET', `/api/v1/tasks/${screening.id}`, { token: tokens.admin })).body;
    expect(moved.assignee).not.toBe(id);
    expect(moved.assignee).toEqual(expect.any(String));
  });

  it('resets a password to a temporary one that only lets its user choose their own', async () => {
    await newUser('reset.me', 'Rory Reset');
    const admin = await app.users.page('admin');
    await visit(admin, '/admin/users');
    await admin.getByRole('button', { name: 'Reset password Rory Reset' }).click();
    await expect(admin.locator('h1').textContent()).resolves.toBe('Are you sure you want to reset the password of Rory Reset?');
    expect((await app.stack.request('POST', '/api/v1/auth/token', { body: { username: 'reset.me', password: PASSWORD } })).status).toBe(200); // not yet
    await admin.getByRole('button', { name: 'Yes, reset the password' }).click();
    await admin.waitForURL(/\/admin\/users$/);
    const banner = (await admin.locator('.govuk-notification-banner').textContent()) ?? '';
    const temporary = /Temporary password for Rory Reset: ([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})/.exec(banner)?.[1];
    expect(temporary).toBeDefined();
    await expect(admin.locator('tr', { hasText: 'Rory Reset' }).textContent()).resolves.toContain('Password to choose');

    // The old password is gone; the temporary one gives no API token.
    expect((await app.stack.request('POST', '/api/v1/auth/token', { body: { username: 'reset.me', password: PASSWORD } })).status).toBe(401);
    expect((await app.stack.request('POST', '/api/v1/auth/token', { body: { username: 'reset.me', password: temporary } })).status).toBe(403);

    const context = await app.browser.newContext({ baseURL: app.stack.baseUrl });
    try {
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('Username').fill('reset.me');
      await page.getByLabel('Password').fill(temporary ?? '');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('Choose your password');
      await expectAccessible(page);
      await screenshot(page, 'new-password');
      expect((await context.cookies()).map((c) => c.name)).not.toContain('ttg_token'); // no session yet
      await page.getByLabel('New password', { exact: true }).fill('a-new-password-1');
      await page.getByLabel('Type the new password again').fill('a-new-password-2');
      await page.getByRole('button', { name: 'Save password and continue' }).click();
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('The two passwords are not the same');
      await page.getByLabel('New password', { exact: true }).fill('a-new-password-1');
      await page.getByLabel('Type the new password again').fill('a-new-password-1');
      await page.getByRole('button', { name: 'Save password and continue' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Your password has been changed');
    } finally {
      await context.close();
    }
    expect((await app.stack.request('POST', '/api/v1/auth/token', { body: { username: 'reset.me', password: temporary } })).status).toBe(401);
    expect((await app.stack.request('POST', '/api/v1/auth/token', { body: { username: 'reset.me', password: 'a-new-password-1' } })).status).toBe(200);
  });

  it('adds a policy version from the page, naming each bad figure in words', async () => {
    const admin = await app.users.page('admin');
    await visit(admin, '/admin/policy-versions');
    const figures = JSON.parse(await admin.getByLabel('Figures').inputValue()) as Record<string, unknown>;
    expect(figures.custodyScreeningHours).toBe(72); // a copy of the figures in force

    await admin.getByLabel('Name of the version').fill('ew 2027');
    await fillDate(admin, 'In force from', '2027-04-01');
    await admin.getByLabel('What it changes').fill('Custody screening within 48 hours.');
    await admin.getByLabel('Figures').fill(JSON.stringify({ ...figures, custodyScreeningHours: 'forty-eight' }, null, 2));
    await admin.getByRole('button', { name: 'Add version' }).click();
    const summary = (await admin.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('Name of the version:');
    expect(summary).toContain('The figure “Custody screening hours”');
    expect(summary).not.toMatch(/figures\.|custodyScreeningHours/);
    await expectAccessible(admin);
    await screenshot(admin, 'admin-policy-errors');

    await admin.getByLabel('Name of the version').fill('ew-april-2027');
    await admin.getByLabel('Figures').fill(JSON.stringify({ ...figures, custodyScreeningHours: 48 }, null, 2));
    await admin.getByRole('button', { name: 'Add version' }).click();
    await admin.waitForURL(/\/admin\/policy-versions$/);
    await expect(admin.locator('.govuk-notification-banner').textContent()).resolves.toContain('Cases received from 1 April 2027 use it');
    const versions = (await app.stack.request('GET', '/api/v1/admin/policy-versions', { token: tokens.admin })).body.items as { id: string; effectiveFrom: string; figures: { custodyScreeningHours: number } }[];
    expect(versions.find((v) => v.id === 'ew-april-2027')).toMatchObject({ effectiveFrom: '2027-04-01', figures: { custodyScreeningHours: 48 } });
  });
  it('shows a projection the database refused and re-projects the case from its workflow with one button', async () => {
    const c = await newCase(app.stack, tokens['prison.staff'], { givenName: 'Rowan', familyName: 'Reproject', releaseInDays: 120, months: 12 }, 'R');
    const tasksOf = async () => ((await app.stack.ds.query(`SELECT id FROM tasks WHERE case_id = $1`, [c.id])) as unknown[]).length;
    const projected = await tasksOf();
    expect(projected).toBeGreaterThan(0);
    // What a refused projection leaves: the row behind its workflow (its tasks gone) and an open alert.
    await app.stack.ds.query(`DELETE FROM tasks WHERE case_id = $1`, [c.id]);
    await app.stack.ds.query(`UPDATE cases SET state_version = state_version - 1 WHERE id = $1`, [c.id]);
    const version: { v: number }[] = await app.stack.ds.query(`SELECT state_version + 1 AS v FROM cases WHERE id = $1`, [c.id]);
    await app.stack.ds.query(`INSERT INTO projection_alerts (case_id, state_version, sqlstate, message) VALUES ($1, $2, '22P05', 'unsupported Unicode escape sequence')`, [c.id, version[0].v]);

    const admin = await app.users.page('admin');
    await visit(admin, '/admin/read-model');
    await expect(admin.getByRole('link', { name: 'Read model' }).getAttribute('aria-current')).resolves.toBe('true');
    const row = admin.locator('tr', { hasText: `Rowan Reproject (${c.prisonNumber})` });
    await expect(row.textContent()).resolves.toContain('A value the database cannot hold');
    await screenshot(admin, 'admin-read-model');
    await row.getByRole('button', { name: `Re-project Rowan Reproject (${c.prisonNumber})` }).click();
    await admin.waitForURL(/\/admin\/read-model$/);
    await expect(admin.locator('.govuk-notification-banner').textContent()).resolves.toContain('Case re-projected from its workflow');
    await expect(admin.locator('tr', { hasText: c.prisonNumber }).count()).resolves.toBe(0);
    expect(await tasksOf()).toBe(projected);
    const open: unknown[] = await app.stack.ds.query(`SELECT 1 FROM projection_alerts WHERE case_id = $1 AND resolved_at IS NULL`, [c.id]);
    expect(open).toEqual([]);
    await expectAccessible(admin);

    // The counters, counted again from the rows: this test's own deletion left them counting the
    // tasks it removed, and re-projecting put the tasks back; mended, then checked again.
    const checkCounters = async (mend: boolean) => {
      if (mend) await admin.getByLabel('Mend any counter that disagrees').check();
      await admin.getByRole('button', { name: 'Check the counters' }).click();
      await admin.waitForURL(/\/admin\/read-model$/);
      return (await admin.locator('.govuk-notification-banner').textContent()) ?? '';
    };
    await expect(checkCounters(false)).resolves.toMatch(/counter rows? disagrees? with the rows they count\s*open, overdue and escalated tasks: \d+\. Check again/);
    await expect(checkCounters(true)).resolves.toMatch(/counter rows? mended/);
    await expect(checkCounters(false)).resolves.toContain('The dashboard counters agree with the rows they count');
    // Archiving: nothing here was closed a year ago, so nothing moves.
    await admin.getByRole('button', { name: 'Archive closed cases now' }).click();
    await admin.waitForURL(/\/admin\/read-model$/);
    await expect(admin.locator('.govuk-notification-banner').textContent()).resolves.toContain('No case to archive');
    // Nobody else may open it.
    const staff = await app.users.page('prison.staff');
    expect((await staff.goto('/admin/read-model'))?.status()).toBe(403);
  });
});
