import { expectAccessible, screenshot, signIn } from './support/browser';
import { day, fillDate, newCase, uniquePrisonNumber, until, visit } from './support/cases';
import { useBrowserStack } from './support/stack';

/**
 * Pages that bring people in and change their dates, in a real browser against the started
 * product: receiving a person into custody, changing release dates, bulk import with its
 * progress and per-row errors, transfer, reallocation and closure, signing out with a form, and
 * unknown addresses. axe-core checks
 * every page; screenshots go to docs/screenshots.
 */
jest.setTimeout(240_000);

const app = useBrowserStack(['prison.staff', 'manager']);

describe('receiving a person into custody', () => {
  it('names each missing field, then starts the pathway and opens the new case', async () => {
    const staff = await app.users.page('prison.staff');
    await visit(staff, '/cases');
    await staff.getByRole('button', { name: 'Receive a person into custody' }).click();
    await staff.waitForURL(/\/cases\/new$/);
    await expectAccessible(staff);
    // Prison staff receive into their own prison only: it is shown, not chosen.
    await expect(staff.locator('main').textContent()).resolves.toContain('HMP Leeds (LEI)');
    expect(await staff.locator('select#prisonCode').count()).toBe(0);

    await staff.getByRole('button', { name: 'Receive into custody' }).click();
    expect(new URL(staff.url()).pathname).toBe('/cases/new');
    const summary = staff.locator('.govuk-error-summary');
    for (const text of ['Enter prison number', 'Enter given name', 'Enter date of birth', 'Enter sentence start date', 'Select the offence category']) {
      await expect(summary.textContent()).resolves.toContain(text);
    }
    expect(await staff.title()).toMatch(/^Error: Receive a person into custody/);
    await expectAccessible(staff);
    await screenshot(staff, 'receive-into-custody-errors');
    await summary.getByRole('link', { name: 'Enter prison number' }).click();
    expect(await staff.locator(':focus').getAttribute('id')).toBe('prisonNumber');

    const prisonNumber = uniquePrisonNumber('R');
    const release = day(150);
    // Typed as people type it: lower case with a space.
    await staff.getByLabel('Prison number').fill(`${prisonNumber.slice(0, 5).toLowerCase()} ${prisonNumber.slice(5).toLowerCase()}`);
    await staff.getByLabel('Given name').fill('Ash');
    await staff.getByLabel('Family name').fill('Reception');
    await fillDate(staff, 'Date of birth', '1991-02-03');
    await staff.getByRole('group', { name: 'Sex (optional)' }).getByLabel('Male', { exact: true }).check();
    await fillDate(staff, 'Sentence start date', day(0));
    await staff.getByLabel('Sentence length in months').fill('10');
    await fillDate(staff, 'Conditional release date', release);
    await staff.getByRole('group', { name: 'Offence category' }).getByLabel('Other').check();
    await staff.getByRole('button', { name: 'Receive into custody' }).click();
    await staff.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(staff.locator('.govuk-notification-banner').textContent()).resolves.toContain('Ash Reception received into custody');
    await expectAccessible(staff);

    const id = new URL(staff.url()).pathname.split('/')[2];
    const created = await app.stack.request('GET', `/api/v1/cases/${id}`, { token: app.tokens['prison.staff'] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ prisonNumber, givenName: 'Ash', familyName: 'Reception', dateOfBirth: '1991-02-03', sex: 'MALE', prisonCode: 'LEI', stage: 'CUSTODY_SCREENING' });
    const personRows = staff.locator('.govuk-summary-list__row', { has: staff.locator('dt', { hasText: /^\s*Sex\s*$/ }) });
    await expect(personRows.first().locator('dd').textContent()).resolves.toContain('Male');
    expect(created.body.sentence).toMatchObject({ sentenceStartDate: day(0), sentenceLengthMonths: 10, conditionalReleaseDate: release, sentenceType: 'DETERMINATE' });
    expect(created.body.tasks.map((t: { type: string }) => t.type)).toContain('CUSTODY_SCREENING');
  });

  it('starts one case when the same form is sent twice, and refuses a prison number that has an active case', async () => {
    const staff = await app.users.page('prison.staff');
    await visit(staff, '/cases/new');
    const form = staff.locator('form[action="/cases/new"]');
    const hidden = async (name: string) => (await form.locator(`input[name="${name}"]`).getAttribute('value')) ?? '';
    const prisonNumber = uniquePrisonNumber('R');
    const fields = {
      _csrf: await hidden('_csrf'),
      idempotencyKey: await hidden('idempotencyKey'),
      prisonNumber,
      givenName: 'Twice',
      familyName: 'Sent',
      'dateOfBirth-day': '4',
      'dateOfBirth-month': '5',
      'dateOfBirth-year': '1990',
      'receptionDate-day': day(0).slice(8, 10),
      'receptionDate-month': day(0).slice(5, 7),
      'receptionDate-year': day(0).slice(0, 4),
      receptionTime: '00:01',
      'sentenceStartDate-day': day(0).slice(8, 10),
      'sentenceStartDate-month': day(0).slice(5, 7),
      'sentenceStartDate-year': day(0).slice(0, 4),
      sentenceType: 'DETERMINATE',
      sentenceLengthMonths: '8',
      'conditionalReleaseDate-day': day(120).slice(8, 10),
      'conditionalReleaseDate-month': day(120).slice(5, 7),
      'conditionalReleaseDate-year': day(120).slice(0, 4),
      offenceCategory: 'OTHER',
    };
    const post = (form: Record<string, string>) => staff.context().request.post(`${app.stack.baseUrl}/cases/new`, { form, maxRedirects: 0 });
    const first = await post(fields);
    const second = await post(fields);
    expect([first.status(), second.status()]).toEqual([303, 303]);
    expect(second.headers().location).toBe(first.headers().location);
    const matching = await app.stack.request('GET', `/api/v1/cases?q=${prisonNumber}`, { token: app.tokens['prison.staff'] });
    expect(matching.body.total).toBe(1);

    // A new form (a new key) for the same person: the service says they already have a case.
    await visit(staff, '/cases/new');
    const third = await post({ ...fields, _csrf: await hidden('_csrf'), idempotencyKey: await hidden('idempotencyKey') });
    expect(third.status()).toBe(409);
    expect(await third.text()).toContain(`Prison number ${prisonNumber} already has an active case`);
  });

  it('is not offered to a community offender manager', async () => {
    const com = await app.users.page('com.officer');
    await visit(com, '/cases');
    expect(await com.getByRole('button', { name: 'Receive a person into custody' }).count()).toBe(0);
    const res = await com.goto('/cases/new');
    expect(res?.status()).toBe(403);
    await expectAccessible(com);
  });
});

describe('changing release dates', () => {
  it('refuses no change, an impossible date and a missing reason, then moves the release date', async () => {
    const c = await newCase(app.stack, app.tokens['prison.staff'], { givenName: 'Dana', familyName: 'Dates', releaseInDays: 90, months: 6 }, 'D');
    const before = await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: app.tokens['prison.staff'] });
    const staff = await app.users.page('prison.staff');
    await visit(staff, `/cases/${c.id}`);
    await staff.getByRole('tab', { name: 'Key dates' }).click();
    await staff.getByRole('link', { name: 'Change release dates' }).click();
    await staff.waitForURL(new RegExp(`/cases/${c.id}/release-dates$`));
    await expectAccessible(staff);
    // The form starts from the case's dates.
    const crd = staff.getByRole('group', { name: 'Conditional release date', exact: true });
    await expect(crd.getByLabel('Year').inputValue()).resolves.toBe(day(90).slice(0, 4));

    const summary = staff.locator('.govuk-error-summary');
    await staff.getByRole('button', { name: 'Change release dates' }).click();
    await expect(summary.textContent()).resolves.toContain('Change at least one date');

    await fillDate(staff, 'Conditional release date', day(-1));
    await staff.getByLabel('Reason for the change').fill('Sentence recalculated');
    await staff.getByRole('button', { name: 'Change release dates' }).click();
    await expect(summary.textContent()).resolves.toContain('Conditional release date must not be before sentence start date');
    await expectAccessible(staff);

    const later = day(180);
    await fillDate(staff, 'Conditional release date', later);
    await staff.getByLabel('Reason for the change').fill('');
    await staff.getByRole('button', { name: 'Change release dates' }).click();
    await expect(summary.textContent()).resolves.toContain('Reason for the change must say why the dates changed');
    await screenshot(staff, 'release-dates-errors');
    await summary.getByRole('link', { name: /Reason for the change/ }).click();
    expect(await staff.locator(':focus').getAttribute('id')).toBe('reason');
    await staff.getByLabel('Reason for the change').fill('Sentence recalculated after an appeal');
    await staff.getByRole('button', { name: 'Change release dates' }).click();
    await staff.waitForURL(new RegExp(`/cases/${c.id}$`));
    await expect(staff.locator('.govuk-notification-banner').textContent()).resolves.toContain('Release dates changed');

    const after = await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: app.tokens['prison.staff'] });
    expect(after.body.sentence.conditionalReleaseDate).toBe(later);
    expect(after.body.keyDates.releaseDate > before.body.keyDates.releaseDate).toBe(true);
    const history = await app.stack.request('GET', `/api/v1/cases/${c.id}/history`, { token: app.tokens['prison.staff'] });
    expect(history.body.items).toContainEqual(expect.objectContaining({ action: 'RELEASE_DATES_CHANGED', details: { reason: 'Sentence recalculated after an appeal' } }));
  });
});

describe('managing a case', () => {
  it('lets prison staff transfer a case to another prison, with the missing fields named', async () => {
    const c = await newCase(app.stack, app.tokens['prison.staff'], { givenName: 'Toby', familyName: 'Transfer', releaseInDays: 200, months: 12 }, 'T');
    const staff = await app.users.page('prison.staff');
    await visit(staff, `/cases/${c.id}`);
    await staff.getByRole('link', { name: /Manage the case/ }).click();
    await staff.waitForURL(new RegExp(`/cases/${c.id}/manage$`));
    await expectAccessible(staff);
    // Reallocation and closure are for managers.
    expect(await staff.getByRole('heading', { name: 'Close the case' }).count()).toBe(0);
    expect(await staff.getByRole('heading', { name: /Reallocate/ }).count()).toBe(0);

    await staff.getByRole('button', { name: 'Transfer' }).click();
    const summary = staff.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Select prison');
    await expect(summary.textContent()).resolves.toContain('Enter reason for the transfer');
    await expectAccessible(staff);
    await staff.getByLabel('Prison', { exact: true }).selectOption('WDI');
    await staff.getByLabel('Reason for the transfer').fill('Moved nearer to family');
    await staff.getByRole('button', { name: 'Transfer' }).click();
    // The case has left HMP Leeds, so its staff go back to their case list.
    await staff.waitForURL(/\/cases$/);
    await expect(staff.locator('.govuk-notification-banner').textContent()).resolves.toContain('Transferred to HMP Wakefield (WDI)');
    const moved = await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: app.tokens.manager });
    expect(moved.body.prisonCode).toBe('WDI');
    expect((await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: app.tokens['prison.staff'] })).status).toBe(404);
  });

  it('lets a manager reallocate a case to another COM, then close it', async () => {
    const c = await newCase(app.stack, app.tokens['prison.staff'], { givenName: 'Remy', familyName: 'Reallocated', releaseInDays: 60, months: 3 }, 'M');
    const view = await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: app.tokens['prison.staff'] });
    const screening = view.body.tasks.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING');
    const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
    expect((await app.stack.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: app.tokens['prison.staff'], body: { outcome: { needs } } })).status).toBe(200);
    const allocation = (await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=COM_ALLOCATION`, { token: app.tokens.manager })).body.items[0];
    expect((await app.stack.request('POST', `/api/v1/tasks/${allocation.id}/complete`, { token: app.tokens.manager, body: { outcome: { comUserId: 'u-com-officer', teamCode: 'YH-LEEDS-N' } } })).status).toBe(200);

    const manager = await app.users.page('manager');
    await visit(manager, `/cases/${c.id}/manage`);
    await expect(manager.locator('.govuk-summary-list').textContent()).resolves.toContain('Chris Morgan');
    await manager.getByRole('button', { name: 'Reallocate' }).click();
    const summary = manager.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Select community offender manager');
    expect(await summary.locator('li').count()).toBe(2); // one message a field: the COM (its team follows from it) and the reason
    await expectAccessible(manager);
    await screenshot(manager, 'manage-case-errors');
    await manager.getByLabel('Community offender manager', { exact: true }).selectOption('u-com-officer-2');
    await manager.getByLabel('Reason for the reallocation').fill('Chris is on long-term leave');
    await manager.getByRole('button', { name: 'Reallocate' }).click();
    await manager.waitForURL(new RegExp(`/cases/${c.id}$`));
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('Case reallocated');
    const reallocated = await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: app.tokens.manager });
    expect(reallocated.body.handover).toMatchObject({ comUserId: 'u-com-officer-2', comTeamCode: 'YH-LEEDS-S' });

    await visit(manager, `/cases/${c.id}/manage`);
    await manager.getByRole('button', { name: 'Close the case' }).click();
    await expect(summary.textContent()).resolves.toContain('Enter reason for closing the case');
    await manager.getByLabel('Reason for closing the case').fill('Deported on release');
    await manager.getByRole('button', { name: 'Close the case' }).click();
    // Closing is confirmed on a page of its own first.
    await expect(manager.locator('h1').textContent()).resolves.toMatch(/^Are you sure you want to close the case of /);
    await expectAccessible(manager);
    await manager.getByRole('button', { name: 'Yes, close the case' }).click();
    await manager.waitForURL(new RegExp(`/cases/${c.id}$`));
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('Case closed');
    const closed = await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: app.tokens.manager });
    expect(closed.body).toMatchObject({ active: false, stage: 'CLOSED' });
    // Nothing left to manage on a closed case.
    expect(await manager.getByRole('link', { name: /Manage the case/ }).count()).toBe(0);
  });
});

describe('bulk import', () => {
  const header = 'prisonNumber,givenName,familyName,dateOfBirth,prisonCode,receptionAt,sentenceStartDate,sentenceType,sentenceLengthMonths,conditionalReleaseDate,offenceCategory';
  const row = (prisonNumber: string, familyName: string, extra: { dob?: string; crd?: string } = {}) =>
    [prisonNumber, 'Imported', familyName, extra.dob ?? '1985-01-02', 'LEI', new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), day(0), 'DETERMINATE', '12', extra.crd ?? day(200), 'OTHER'].join(',');

  it('uploads a file, shows its progress to the end and each bad row by column; a second import skips the people started', async () => {
    const good = [uniquePrisonNumber('I'), uniquePrisonNumber('I')];
    const csv = [header, row(good[0], 'First'), row('not-a-number', 'Bad', { dob: '1985-13-40' }), row(good[1], 'Second')].join('\n');
    const staff = await app.users.page('prison.staff');
    await visit(staff, '/cases');
    await staff.getByRole('button', { name: 'Import cases from CSV' }).click();
    await staff.waitForURL(/\/imports$/);
    await expectAccessible(staff);

    await staff.getByRole('button', { name: 'Import' }).click();
    await expect(staff.locator('.govuk-error-summary').textContent()).resolves.toContain('Select a CSV file, or paste its rows');
    await expectAccessible(staff);
    await staff.getByLabel('CSV file').setInputFiles({ name: 'people.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF') });
    await staff.getByRole('button', { name: 'Import' }).click();
    await expect(staff.locator('.govuk-error-summary').textContent()).resolves.toContain('The selected file must be a CSV file');

    await staff.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await staff.getByRole('button', { name: 'Import' }).click();
    await staff.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    // app.js follows the progress until the import has finished.
    await staff.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 60_000 });
    await expect(staff.locator('#import-bar').getAttribute('value')).resolves.toBe('3');
    await expect(staff.locator('#import-count').textContent()).resolves.toContain('3 of 3 rows processed (100%)');
    const counts = staff.locator('.govuk-summary-list');
    await expect(counts.textContent()).resolves.toMatch(/Cases started\s*2[\s\S]*Already imported \(skipped\)\s*0[\s\S]*Rows with problems \(not started\)\s*1/);
    const problems = staff.locator('table', { has: staff.locator('caption', { hasText: 'Problems by row and column' }) });
    await expect(problems.locator('tbody tr').first().textContent()).resolves.toMatch(/3\s*Date of birth \(dateOfBirth\)/);
    await expect(problems.textContent()).resolves.toContain('prisonNumber');
    await expect(problems.textContent()).resolves.toContain('must be a prison number like A1234BC');
    await expectAccessible(staff);
    await screenshot(staff, 'import-finished');
    // The rows with problems, to fix from.
    const download = await staff.context().request.get(`${app.stack.baseUrl}${await staff.getByRole('link', { name: 'Download the rows with problems (CSV)' }).getAttribute('href')}`);
    const lines = (await download.text()).split('\r\n');
    // One line a row: its number, its problems in words, then its cells under the file's own columns, to fix and import again.
    expect(lines[0]).toBe(`row,problems,${header}`);
    expect(lines).toContainEqual(expect.stringMatching(/^3,"?Date of birth \(dateOfBirth\): .*Prison number \(prisonNumber\): .*,not-a-number,Imported,Bad,1985-13-40,LEI,/));
    expect(lines.filter((l) => l !== '')).toHaveLength(2);
    for (const prisonNumber of good) {
      const found = await app.stack.request('GET', `/api/v1/cases?q=${prisonNumber}`, { token: app.tokens['prison.staff'] });
      expect(found.body.items).toEqual([expect.objectContaining({ prisonNumber, familyName: expect.stringMatching(/First|Second/), prisonCode: 'LEI' })]);
    }

    // The same file again: nothing is started twice.
    await visit(staff, '/imports');
    await staff.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await staff.getByRole('button', { name: 'Import' }).click();
    await staff.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 60_000 });
    await expect(counts.textContent()).resolves.toMatch(/Cases started\s*0[\s\S]*Already imported \(skipped\)\s*2/);
    await visit(staff, '/imports');
    expect(await staff.locator('table', { has: staff.locator('caption', { hasText: 'Your recent imports' }) }).locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await screenshot(staff, 'imports');
  });

  it('works without JavaScript: pasted rows, and a refresh link while the import runs', async () => {
    const prisonNumber = uniquePrisonNumber('P');
    const page = await app.users.page('prison.staff', { javaScriptEnabled: false });
    await page.goto('/imports');
    await page.getByText('Paste the rows instead of uploading a file').click();
    await page.getByLabel('Paste the rows instead, with the header row first').fill([header, row(prisonNumber, 'Pasted')].join('\n'));
    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await until('the import to finish', async () => {
      await page.reload();
      return (await page.getByRole('heading', { name: 'Import finished' }).count()) === 1;
    });
    await expect(page.locator('#import-count').textContent()).resolves.toContain('1 of 1 rows processed');
    const found = await app.stack.request('GET', `/api/v1/cases?q=${prisonNumber}`, { token: app.tokens['prison.staff'] });
    expect(found.body.total).toBe(1);
  });

  it('offers the template with the columns the import reads', async () => {
    const staff = await app.users.page('prison.staff');
    const res = await staff.context().request.get(`${app.stack.baseUrl}/imports/template.csv`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    const [columns, example, ...rest] = (await res.text()).split('\r\n');
    expect(columns.split(',')).toEqual(expect.arrayContaining(header.split(',')));
    // An example row to replace, one value a column.
    expect({ values: example.split(',').length, rest }).toEqual({ values: columns.split(',').length, rest: [''] });
  });
});

describe('administration', () => {
  it('adds a user with a scope who can then sign in, refuses a taken username, deactivates them, and lists the policy versions', async () => {
    const admin = await app.users.page('admin');
    await visit(admin, '/admin/users');
    await admin.getByRole('button', { name: 'Add user' }).click();
    const summary = admin.locator('.govuk-error-summary');
    // In the order of the form, each linked to its field.
    expect((await summary.locator('li').allTextContents()).map((t) => t.trim())).toEqual(['Enter name', 'Enter username', 'Enter temporary password']);
    await summary.getByRole('link', { name: 'Enter username' }).click();
    expect(await admin.locator(':focus').getAttribute('id')).toBe('username');
    // Nobody can lock themselves out.
    expect(await admin.locator('tr', { hasText: 'Alex Admin' }).getByRole('button').count()).toBe(0);
    await expectAccessible(admin);
    await screenshot(admin, 'admin-users-errors');

    const username = `nia.jones.${Date.now() % 100000}`;
    const fill = async () => {
      await admin.getByLabel('Name', { exact: true }).fill('Nia Jones');
      await admin.getByLabel('Username').fill(username);
      await admin.getByLabel('Community offender manager').check();
      await admin.getByLabel('Probation team').selectOption('YH-LEEDS-S');
      await admin.getByLabel('Temporary password').fill('a-temporary-password');
      await admin.getByRole('button', { name: 'Add user' }).click();
    };
    await fill();
    await expect(admin.locator('.govuk-notification-banner').textContent()).resolves.toContain(`Nia Jones can now sign in as ${username}`);
    const row = admin.locator('tr', { hasText: username });
    await expect(row.textContent()).resolves.toMatch(/Community offender manager[\s\S]*Leeds South probation team[\s\S]*Active/);

    const context = await app.browser.newContext({ baseURL: app.stack.baseUrl });
    const page = await context.newPage();
    await signIn(page, username, 'a-temporary-password');
    await expect(page.locator('header.moj-header').textContent()).resolves.toContain('Community offender manager, Leeds South probation team');
    await context.close();

    await fill();
    await expect(summary.textContent()).resolves.toContain('Username is taken: choose another');

    await visit(admin, '/admin/users');
    await admin.locator('tr', { hasText: username }).getByRole('button', { name: /Deactivate/ }).click();
    await expect(admin.locator('h1').textContent()).resolves.toBe('Are you sure you want to deactivate Nia Jones?');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Yes, deactivate' }).click();
    await expect(admin.locator('.govuk-notification-banner').textContent()).resolves.toContain('Nia Jones can no longer sign in');
    const refused = await app.stack.request('POST', '/api/v1/auth/token', { body: { username, password: 'a-temporary-password' } });
    expect(refused.status).toBe(401);

    await visit(admin, '/admin/policy-versions');
    await expect(admin.locator('table').textContent()).resolves.toContain('Current');
    const manager = await app.users.page('manager');
    expect((await manager.goto('/admin/users'))?.status()).toBe(403);
  });
});

describe('signing out and unknown addresses', () => {
  it('signs out only with the form: the link without JavaScript asks first', async () => {
    const context = await app.browser.newContext({ baseURL: app.stack.baseUrl, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, 'com.officer');
    await page.getByRole('link', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-out$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign out of Through the Gate');
    // Still signed in: a link (or a forged page's image) cannot sign anyone out.
    expect((await context.cookies()).some((c) => c.name === 'ttg_token')).toBe(true);
    const forged = await context.request.post(`${app.stack.baseUrl}/sign-out`, { form: {}, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1$/);
    expect((await context.cookies()).some((c) => c.name === 'ttg_token')).toBe(false);
    await context.close();
  });

  it('answers an unknown address with a GOV.UK 404 page for people and JSON for programs', async () => {
    const staff = await app.users.page('prison.staff');
    const res = await staff.goto('/no-such-page');
    expect(res?.status()).toBe(404);
    await expect(staff.locator('h1').textContent()).resolves.toBe('Page not found');
    await expect(staff.locator('header.moj-header').textContent()).resolves.toContain('Priya Shah');
    await expectAccessible(staff);
    // The sign-out page (what the header link opens without JavaScript) only asks.
    await visit(staff, '/sign-out');
    await visit(staff, '/tasks');
    const api = await app.stack.request('GET', '/api/v1/no-such-thing', { token: app.tokens['prison.staff'], headers: { Accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
