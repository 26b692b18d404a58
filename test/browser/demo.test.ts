import { createDemoCaseload } from '../../scripts/lib/demo-caseload';
import { PASSWORD } from '../e2e/stack';
import { screenshot } from './support/browser';
import { visit } from './support/cases';
import { useBrowserStack } from './support/stack';

/**
 * The demo caseload `npm start` makes on a first start, as each demo user sees it: a handover
 * waiting in the COM's inbox, two COMs with different caseloads, a recall, someone due out in
 * days with no address, someone released with an unmet need, someone whose needs are all met.
 */
jest.setTimeout(600_000);

const app = useBrowserStack(['com.officer', 'com.officer2', 'manager']);
const tokens = app.tokens;

interface NeedsView {
  stage: string;
  unmetNeeds: boolean;
  unmetNeedList: string[];
  immediateNeeds: string[];
  releasedWithUnmetNeeds: string[] | null;
  readinessAlarm: { open: string[] } | null;
}
interface CaseRow { id: string; stage: string; prisonNumber: string; lostContact: boolean; handover: { status: string; comUserId: string | null } }

async function cases(token: string, query = ''): Promise<CaseRow[]> {
  const res = await app.stack.request('GET', `/api/v1/cases?pageSize=200${query}`, { token });
  expect(res.status).toBe(200);
  return res.body.items as CaseRow[];
}

describe('the demo caseload', () => {
  let made: number;
  beforeAll(async () => {
    made = await createDemoCaseload(app.stack.baseUrl, PASSWORD);
  });

  it('gives the COM a handover waiting in the inbox', async () => {
    expect(made).toBeGreaterThanOrEqual(30);
    const com = await app.users.page('com.officer');
    await visit(com, '/handovers');
    const waiting = com.locator('tr', { hasText: 'Awaiting acceptance' });
    expect(await waiting.count()).toBeGreaterThanOrEqual(1);
    await expect(waiting.first().getByRole('link', { name: /Review and decide/ }).count()).resolves.toBe(1);
    await screenshot(com, 'demo-com-handovers');
  });

  it('has two COMs with different caseloads, and a person recalled', async () => {
    const mine = await cases(tokens['com.officer']);
    const theirs = await cases(tokens['com.officer2']);
    const held = (rows: CaseRow[], user: string) => rows.filter((c) => c.handover.comUserId === user).length;
    expect(held(mine, 'u-com-officer')).toBeGreaterThan(0);
    expect(held(theirs, 'u-com-officer-2')).toBeGreaterThan(0);
    expect(held(mine, 'u-com-officer')).not.toBe(held(theirs, 'u-com-officer-2'));
    // The demo's people (prison numbers A…; other test files' people share the database).
    const demo = (await cases(tokens.manager)).filter((c) => /^A\d{4}[A-Z]{2}$/.test(c.prisonNumber));
    expect(demo.filter((c) => c.stage === 'RECALLED')).toHaveLength(1);
    // Someone released weeks ago with no contact since: flagged as lost contact.
    expect(demo.filter((c) => c.stage === 'SUPERVISION' && c.lostContact).length).toBeGreaterThanOrEqual(1);
    expect(demo.filter((c) => c.handover.status === 'AWAITING_ACCEPTANCE').length).toBeGreaterThanOrEqual(2);
    // Every accepted pack held what the COM needs: a release address, licence conditions and a first appointment.
    const accepted = demo.filter((c) => c.handover.status === 'ACCEPTED');
    expect(accepted.length).toBeGreaterThan(0);
    for (const c of accepted) {
      const pack = await app.stack.request('GET', `/api/v1/cases/${c.id}/handover-pack`, { token: tokens.manager });
      expect({ id: c.id, status: pack.status, address: typeof pack.body.releaseAddress, conditions: pack.body.licenceConditions?.length > 0, appointment: Boolean(pack.body.provisionalFirstAppointment?.location) }).toEqual({ id: c.id, status: 200, address: 'string', conditions: true, appointment: true });
    }
  });

  it('tells the three needs stories: due out in days with no address, released with an unmet need, every need met', async () => {
    const demo = (await cases(tokens.manager)).filter((c) => /^A\d{4}[A-Z]{2}$/.test(c.prisonNumber));
    const details = await Promise.all(
      demo.map(async (c) => (await app.stack.request('GET', `/api/v1/cases/${c.id}`, { token: tokens.manager })).body as NeedsView),
    );
    // The readiness alarm raised and still open for accommodation.
    const noAddressDueOut = details.filter((d) => d.stage !== 'SUPERVISION' && (d.readinessAlarm?.open ?? []).includes('ACCOMMODATION'));
    expect(noAddressDueOut.length).toBeGreaterThanOrEqual(1);
    expect(noAddressDueOut[0].unmetNeedList).toContain('ACCOMMODATION');
    expect(noAddressDueOut[0].immediateNeeds).toContain('Methadone prescription to continue on release');
    const releasedUnmet = details.filter((d) => (d.releasedWithUnmetNeeds ?? []).includes('ACCOMMODATION'));
    expect(releasedUnmet.length).toBeGreaterThanOrEqual(1);
    expect(releasedUnmet[0].stage).toBe('SUPERVISION');
    const allMet = details.filter((d) => d.immediateNeeds.length > 0 && d.unmetNeedList.length === 0 && !d.unmetNeeds);
    expect(allMet.length).toBeGreaterThanOrEqual(1);
    expect(allMet[0].readinessAlarm?.open ?? []).toEqual([]);
  });

  it('has a COM allocation overdue and another escalated to the manager, named on the manager\'s notifications', async () => {
    const res = await app.stack.request('GET', '/api/v1/tasks?type=COM_ALLOCATION&overdue=true&pageSize=200', { token: tokens.manager });
    expect(res.status).toBe(200);
    const late = (res.body.items as { escalated: boolean; person?: { prisonNumber: string; givenName: string; familyName: string } }[]).filter((t) => /^A\d{4}[A-Z]{2}$/.test(t.person?.prisonNumber ?? ''));
    expect(late.filter((t) => !t.escalated).length).toBeGreaterThanOrEqual(1);
    const escalated = late.filter((t) => t.escalated);
    expect(escalated.length).toBeGreaterThanOrEqual(1);
    // The manager finds it by prison number on the task list: the person named, the row tagged escalated.
    const manager = await app.users.page('manager');
    const { givenName, familyName, prisonNumber } = escalated[0].person!;
    await visit(manager, `/tasks?tab=all&type=COM_ALLOCATION&q=${prisonNumber}`);
    const row = manager.locator('main table tbody tr', { hasText: `${givenName} ${familyName}` });
    await expect(row.count()).resolves.toBe(1);
    expect(await row.textContent()).toContain('Escalated');
    await screenshot(manager, 'demo-allocation-escalated');
  });

  it('gives the manager dashboard counts that agree with the lists they link to', async () => {
    const manager = await app.users.page('manager');
    await visit(manager, '/dashboard');
    await screenshot(manager, 'demo-dashboard');
    const links = await manager.locator('main a:has(.govuk-heading-xl)').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', count: Number(a.querySelector('.govuk-heading-xl')?.textContent?.trim()) })));
    expect(links).toHaveLength(4);
    const listed: Record<string, number> = {};
    for (const { href, count } of links) {
      if (href === '#overdue-releases') {
        await visit(manager, '/dashboard/overdue-releases');
        listed[href] = count === 0 ? 0 : Number(/of ([\d,]+) people/.exec((await manager.locator('main').textContent()) ?? '')?.[1]?.replace(',', '') ?? (await manager.locator('main table tbody tr').count()));
      } else if (href.startsWith('/tasks')) {
        await visit(manager, href);
        const summary = (await manager.locator('#results-summary').textContent()) ?? '';
        listed[href] = /^No /.test(summary.trim()) ? 0 : Number(/of ([\d,]+)/.exec(summary)?.[1]?.replace(',', ''));
      } else {
        await visit(manager, '/dashboard');
        listed[href] = await manager.locator('#caseloads ~ table').first().locator('tbody tr', { hasText: 'Over threshold' }).count();
      }
      await visit(manager, '/dashboard');
    }
    expect(listed).toEqual(Object.fromEntries(links.map((l) => [l.href, l.count])));
    expect(links.find((l) => l.href === '#overdue-releases')?.count).toBeGreaterThan(0); // the demo has people due out with problems
  });
});
