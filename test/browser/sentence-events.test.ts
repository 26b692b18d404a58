import { screenshot } from './support/browser';
import { day, newCase as newCase_, until, visit, type NewCase } from './support/cases';
import { useBrowserStack } from './support/stack';

/**
 * The sentence's events the API records, from the pages: an earlier release and time unlawfully
 * at large, each refused with plain words when incomplete and confirmed before it is recorded.
 */
jest.setTimeout(240_000);

const app = useBrowserStack(['prison.staff', 'manager']);
const tokens = app.tokens;
const newCase = (fields: NewCase) => newCase_(app.stack, tokens['prison.staff'], fields, 'S');
const caseOf = async (id: string) => (await app.stack.request('GET', `/api/v1/cases/${id}`, { token: tokens.manager })).body;

describe('sentence events', () => {
  it('moves release one eligible working day earlier after a confirmation', async () => {
    const c = await newCase({ givenName: 'Emlyn', familyName: 'Early', releaseInDays: 40, months: 6, receivedDaysAgo: 50 });
    const before: string = (await caseOf(c.id)).keyDates.releaseDate;

    // Prison staff are not offered it: the decision is the COM's or a manager's.
    const staff = await app.users.page('prison.staff');
    await visit(staff, `/cases/${c.id}/sentence-events`);
    await expect(staff.locator('main').textContent()).resolves.toContain('There is nothing you can record here');

    const manager = await app.users.page('manager');
    await visit(manager, `/cases/${c.id}`);
    await manager.getByRole('tab', { name: 'Key dates' }).click();
    await manager.getByRole('link', { name: /Record a sentence event/ }).click();
    await manager.waitForURL(new RegExp(`/cases/${c.id}/sentence-events$`));
    await screenshot(manager, 'sentence-events');
    await manager.locator('#earlier-release ~ form').getByRole('button', { name: 'Continue' }).click();
    await expect(manager.locator('.govuk-error-summary').textContent()).resolves.toContain('Reason for the decision must say why');
    await manager.getByLabel('Reason for the decision').fill('Release falls on a day the hostel cannot take arrivals.');
    await manager.locator('#earlier-release ~ form').getByRole('button', { name: 'Continue' }).click();
    await expect(manager.locator('h1').textContent()).resolves.toBe('Are you sure Emlyn Early is to be released one eligible working day earlier?');
    expect((await caseOf(c.id)).keyDates.releaseDate).toBe(before); // nothing recorded before the confirmation
    await screenshot(manager, 'sentence-events-confirm');
    await manager.getByRole('button', { name: 'Yes, release a day earlier' }).click();
    await manager.waitForURL(new RegExp(`/cases/${c.id}$`));
    await expect(manager.locator('.govuk-notification-banner').textContent()).resolves.toContain('Release moved one eligible working day earlier');
    await until('the earlier release date', async () => (await caseOf(c.id)).keyDates.releaseDate < before);
  });

  it('records time unlawfully at large after release: the licence end moves later by as many days', async () => {
    const c = await newCase({ givenName: 'Lowri', familyName: 'Large', releaseInDays: 0, months: 6, receivedDaysAgo: 90 });
    const task = (await app.stack.request('GET', `/api/v1/tasks?caseId=${c.id}&type=RELEASE_OUTCOMES`, { token: tokens['prison.staff'] })).body.items[0];
    const outcome = { releasedOn: day(), accommodation: 'TEMPORARY', workOrTraining: 'NONE', bankAccount: true, id: false, debts: 'NO_DEBTS' };
    expect((await app.stack.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: tokens['prison.staff'], body: { outcome } })).status).toBe(200);
    await until('supervision', async () => (await caseOf(c.id)).stage === 'SUPERVISION');
    const endsBefore: string = (await caseOf(c.id)).supervision.endsOn;

    const manager = await app.users.page('manager');
    await visit(manager, `/cases/${c.id}/sentence-events`);
    expect(await manager.locator('#licence-termination').count()).toBe(0); // a fixed-end licence is not terminated
    await manager.getByLabel('Days unlawfully at large').fill('twelve');
    await manager.getByLabel('Reason', { exact: true }).fill('Absconded from the approved premises.');
    await manager.locator('#unlawfully-at-large ~ form').getByRole('button', { name: 'Continue' }).click();
    await expect(manager.locator('.govuk-error-summary').textContent()).resolves.toContain('Days unlawfully at large must be a whole number, for example 12');
    await manager.getByLabel('Days unlawfully at large').fill('12');
    await manager.locator('#unlawfully-at-large ~ form').getByRole('button', { name: 'Continue' }).click();
    await expect(manager.locator('h1').textContent()).resolves.toBe('Are you sure Lowri Large was unlawfully at large for 12 days?');
    await manager.getByRole('button', { name: 'Yes, record the time' }).click();
    await manager.waitForURL(new RegExp(`/cases/${c.id}$`));
    await until('the later end of supervision', async () => (await caseOf(c.id)).supervision.endsOn !== endsBefore);
    const moved = (Date.parse((await caseOf(c.id)).supervision.endsOn) - Date.parse(endsBefore)) / 86_400_000;
    expect(moved).toBe(12);
  });
});
