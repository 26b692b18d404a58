import { ReportRepository } from '../../../apps/api/src/reports/report.repository';
import type { Principal } from '../../../apps/api/src/auth/principal';
import { recordHistoryIfAsked, usePathwayHarness } from './harness';
import { ALL_NEEDS, PLAN_NO_NEED, planOutcome, TWO_YEAR_SENTENCE_STATED } from '../../support/pathway-fixtures';

const ADMIN: Principal = { id: 'u-admin', username: 'admin', displayName: 'Admin', role: 'ADMIN', prisonCode: null, teamCode: null, regionCode: null };
/** Moorland's manager: the report in their scope holds only this file's two people. */
const MOORLAND: Principal = { id: 'u-mdi-manager', username: 'mdi.manager', displayName: 'Moorland manager', role: 'MANAGER', prisonCode: 'MDI', teamCode: null, regionCode: null };

/**
 * Outcomes, not ticks, on the time-skipping server with PostgreSQL. Two people with the same
 * sentence: the secure-address task of both ends "no address".
 *
 * Sentence: received Monday 2030-01-07, 24 months, conditional release Friday 2031-01-10:
 *   effective release Thursday 2031-01-09;
 *   readiness alarms: 14 days before, 2030-12-26 00:00 London (GMT) = 2030-12-26T00:00:00Z;
 *   2 working days before, Tuesday 2031-01-07 00:00 London = 2031-01-07T00:00:00Z.
 * The second person's address is found on day −5 (Saturday 2031-01-04): the alarm clears.
 */
jest.setTimeout(180_000);

const SENTENCE = TWO_YEAR_SENTENCE_STATED;

const ALARM_14 = '2030-12-26T00:00:00.000Z';
const ALARM_2WD = '2031-01-07T00:00:00.000Z';

describe('needs met only by outcomes that meet them', () => {
  const h = usePathwayHarness();

  const needRows = (caseId: string) =>
    h.ds.query(`SELECT pathway, status, reason, open_items FROM case_needs WHERE case_id = $1 ORDER BY pathway`, [caseId]) as Promise<{ pathway: string; status: string; reason: string | null; open_items: string[] }[]>;
  const alarms = async (caseId: string) => (await h.notifications(caseId)).filter((n) => n.message.includes('Due for release'));

  async function screenAndPlan(caseId: string): Promise<void> {
    await h.complete(caseId, (await h.task(caseId, 'CUSTODY_SCREENING')).id, { immediateNeeds: ['prescription medication'], riskFlags: ['self-harm history'], needs: ALL_NEEDS });
    await h.complete(caseId, (await h.task(caseId, 'RESETTLEMENT_PLAN')).id, planOutcome(['ACCOMMODATION']));
    await h.complete(caseId, (await h.task(caseId, 'DUTY_TO_REFER')).id, { localAuthority: 'Leeds City Council', referredOn: '2030-01-09' });
    await h.complete(caseId, (await h.task(caseId, 'SECURE_ADDRESS')).id, { accommodation: 'NONE' });
  }

  it('keeps a "no address" need open with its follow-up, raises the alarms at their instants, records release with the unmet need; an address found at day −5 clears it', async () => {
    const unmet = await h.startCase(SENTENCE, { prisonCode: 'MDI' });
    const found = await h.startCase(SENTENCE, { prisonCode: 'MDI' });
    await screenAndPlan(unmet);
    await screenAndPlan(found);

    // The need stays open: not DONE, a follow-up of the duty to refer with its own deadline (5 working days).
    let c = await h.caseRow(unmet);
    expect(c.pathways.ACCOMMODATION).toBe('IN_PROGRESS');
    expect(c.unmet_needs).toBe(true);
    const followUp = await h.task(unmet, 'SECURE_ADDRESS');
    expect(followUp.due_date).toBe('2030-01-14');
    const state = await h.state(unmet);
    expect(state.tasks.find((t) => t.id === followUp.id)?.title).toBe('Follow up the duty to refer with the local housing authority');
    expect(state.plan?.needs.ACCOMMODATION).toMatchObject({ status: 'IN_PROGRESS', open: ['SECURE_ADDRESS'] });
    expect(state.plan?.needs.HEALTH).toMatchObject({ status: 'SUPPORT_NOT_REQUIRED', reason: 'No need found at custody screening' });
    // The plan revised screening's needs: work and finance not required after all.
    expect(state.plan?.needs.FINANCE_ID_AND_DEBT).toMatchObject({ status: 'SUPPORT_NOT_REQUIRED', reason: PLAN_NO_NEED });
    expect(await needRows(unmet)).toEqual(expect.arrayContaining([{ pathway: 'ACCOMMODATION', status: 'IN_PROGRESS', reason: null, open_items: ['SECURE_ADDRESS'] }]));
    const people: { immediate_needs: string[]; risk_flags: string[]; unmet_need_list: string[] }[] = await h.ds.query(`SELECT immediate_needs, risk_flags, unmet_need_list FROM cases WHERE id = $1`, [unmet]);
    expect(people[0]).toEqual({ immediate_needs: ['prescription medication'], risk_flags: ['self-harm history'], unmet_need_list: ['ACCOMMODATION'] });
    const history: { from_status: string; to_status: string; actor_id: string }[] = await h.ds.query(`SELECT from_status, to_status, actor_id FROM need_changes WHERE case_id = $1 AND pathway = 'ACCOMMODATION' ORDER BY at, id`, [unmet]);
    expect(history.map((r) => `${r.from_status}>${r.to_status}`)).toEqual(['NOT_STARTED>SUPPORT_REQUIRED', 'SUPPORT_REQUIRED>IN_PROGRESS']);
    expect((await h.audit(unmet)).some((a) => a.action === 'NEED_OUTCOME_UNMET')).toBe(true);

    // The follow-up also ends "no address": a referral for short-term accommodation, escalated to the manager.
    await h.complete(unmet, followUp.id, { accommodation: 'NONE' });
    await h.complete(found, (await h.task(found, 'SECURE_ADDRESS')).id, { accommodation: 'NONE' });
    const shortTerm = await h.task(unmet, 'SECURE_ADDRESS');
    expect((await h.state(unmet)).tasks.find((t) => t.id === shortTerm.id)?.title).toBe('Refer for short-term accommodation for release night');
    expect((await h.notifications(unmet)).some((n) => n.kind === 'ESCALATION' && n.audience === 'MANAGER' && n.message.includes('accommodation need still unmet'))).toBe(true);

    // 14 days before release: nothing a second early, the alarm at 00:00 London.
    await h.skipTo('2030-12-25T23:59:59Z');
    expect(await alarms(unmet)).toEqual([]);
    await h.skipTo('2030-12-26T00:00:01Z');
    const first = await h.until('the 14-day alarm', () => alarms(unmet), (ns) => ns.length >= 2);
    expect(first.map((n) => [n.kind, n.audience, new Date(n.created_at).toISOString()])).toEqual([
      ['INFO', 'PRISON', ALARM_14],
      ['ESCALATION', 'MANAGER', ALARM_14],
    ]);
    expect(first[0].message).toBe('Due for release on 2031-01-09 with unmet needs: accommodation.');
    expect((await alarms(found)).map((n) => n.audience)).toEqual(['PRISON', 'MANAGER']);

    // The pre-release review shows every need and revises it: drug and alcohol support declined, with the reason.
    await h.complete(unmet, (await h.task(unmet, 'PRE_RELEASE_REVIEW')).id, {
      needsReviewed: true,
      provisionalFirstAppointment: { date: '2031-01-10', location: 'Leeds probation office' },
      needs: { DRUGS_AND_ALCOHOL: { status: 'SUPPORT_DECLINED', reason: 'Declined a referral to the drug service' } },
    });
    expect((await h.state(unmet)).plan?.needs.DRUGS_AND_ALCOHOL).toMatchObject({ status: 'SUPPORT_DECLINED', reason: 'Declined a referral to the drug service' });
    expect((await needRows(unmet)).find((r) => r.pathway === 'DRUGS_AND_ALCOHOL')).toEqual({ pathway: 'DRUGS_AND_ALCOHOL', status: 'SUPPORT_DECLINED', reason: 'Declined a referral to the drug service', open_items: [] });
    expect((await h.state(unmet)).plan?.needs.ACCOMMODATION.status).toBe('IN_PROGRESS');

    // Day −5: the second person's address is found; the alarm clears.
    await h.skipTo('2031-01-04T10:00:00Z');
    await h.complete(found, (await h.task(found, 'SECURE_ADDRESS')).id, { accommodation: 'TEMPORARY', address: 'Approved premises, Leeds' });
    const foundState = await h.state(found);
    expect(foundState.plan?.needs.ACCOMMODATION.status).toBe('MET');
    expect(foundState.plan?.alarmOpen).toEqual([]);
    expect((await h.caseRow(found)).pathways.ACCOMMODATION).toBe('DONE');
    expect((await h.caseRow(found)).unmet_needs).toBe(false);
    expect((await h.audit(found)).some((a) => a.action === 'RELEASE_READINESS_ALARM_CLEARED')).toBe(true);

    // 2 working days before release: the unmet need alarms again; the met one does not.
    await h.skipTo('2031-01-06T23:59:59Z');
    expect(await alarms(unmet)).toHaveLength(2);
    await h.skipTo('2031-01-07T00:00:01Z');
    const second = await h.until('the 2-working-day alarm', () => alarms(unmet), (ns) => ns.length >= 4);
    expect(second.slice(2).map((n) => [n.kind, n.audience, new Date(n.created_at).toISOString()])).toEqual([
      ['INFO', 'PRISON', ALARM_2WD],
      ['ESCALATION', 'MANAGER', ALARM_2WD],
    ]);
    await h.until('the met person checked', () => h.audit(found), (as) => as.some((a) => a.action === 'RELEASE_READINESS_CHECKED'));
    expect(await alarms(found)).toHaveLength(2);

    // Release day: released with an unmet accommodation need, recorded in state, read model and audit.
    await h.skipTo('2031-01-09T08:00:00Z');
    for (const caseId of [unmet, found]) {
      await h.until('release-day task', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'RELEASE_OUTCOMES'));
      await h.complete(caseId, (await h.task(caseId, 'RELEASE_OUTCOMES')).id, { releasedOn: '2031-01-09', accommodation: caseId === unmet ? 'NONE' : 'TEMPORARY', workOrTraining: 'NONE', bankAccount: false, id: false, debts: 'NO_DEBTS' });
    }
    expect((await h.state(unmet)).plan?.releasedWithUnmetNeeds).toEqual(['ACCOMMODATION']);
    expect((await h.state(found)).plan?.releasedWithUnmetNeeds).toEqual([]);
    const released: { id: string; released_with_unmet_needs: string[] }[] = await h.ds.query(`SELECT id, released_with_unmet_needs FROM cases WHERE id = ANY($1)`, [[unmet, found]]);
    expect(Object.fromEntries(released.map((r) => [r.id, r.released_with_unmet_needs]))).toEqual({ [unmet]: ['ACCOMMODATION'], [found]: [] });
    expect((await h.audit(unmet)).find((a) => a.action === 'RELEASED_WITH_UNMET_NEEDS')?.details).toEqual({ pathways: ['ACCOMMODATION'], open: { ACCOMMODATION: ['SECURE_ADDRESS'] } });
    // The report counts it: released from Moorland, one with an unmet accommodation need.
    const report = await new ReportRepository(h.ds).resettlement(ADMIN, '2031-01-09', { groupBy: 'prison' });
    expect(report.find((r) => r.group === 'MDI')).toMatchObject({ released: 2, releaseNightNone: 1, releaseNightTemporary: 1, releasedWithUnmetNeeds: 1, releasedWithUnmetAccommodation: 1 });
    // The probation team takes the unmet need on.
    const after = await h.task(unmet, 'PATHWAY_SUPPORT');
    expect(after.pathway).toBe('ACCOMMODATION');
    c = await h.caseRow(unmet);
    expect(c.unmet_needs).toBe(true);


    // Six weeks after release, Thursday 2031-02-20 00:00 London: work or training is recorded.
    const checkpoints = async (caseId: string) => (await h.tasks(caseId)).filter((t) => t.type === 'OUTCOME_CHECKPOINT');
    await h.skipTo('2031-02-19T23:59:59Z');
    expect(await checkpoints(unmet)).toEqual([]);
    await h.skipTo('2031-02-20T00:00:01Z');
    for (const caseId of [unmet, found]) await h.until('the 6-week checkpoint', () => checkpoints(caseId), (ts) => ts.length === 1);
    const sixWeeks = await h.task(unmet, 'OUTCOME_CHECKPOINT');
    expect((await h.state(unmet)).tasks.find((t) => t.id === sixWeeks.id)).toMatchObject({ title: 'Record outcomes at 6 weeks after release', checkpointWeeks: 6, createdAt: '2031-02-20T00:00:00Z' });
    const record = async (caseId: string, accommodation: string, workOrTraining: string) => h.complete(caseId, (await h.task(caseId, 'OUTCOME_CHECKPOINT')).id, { accommodation, workOrTraining });
    await record(unmet, 'TEMPORARY', 'TRAINING');
    await record(found, 'SETTLED', 'NONE');
    expect((await h.state(unmet)).outcomes).toEqual([{ months: 0, weeks: 6, recordedAt: '2031-02-20T00:00:01Z', outcome: { accommodation: 'TEMPORARY', workOrTraining: 'TRAINING' } }]);
    // 3 months (Wednesday 2031-04-09) and 6 months (Wednesday 2031-07-09), at 00:00 London (BST).
    await h.skipTo('2031-04-09T01:00:00Z');
    for (const caseId of [unmet, found]) await h.until('the 3-month checkpoint', () => checkpoints(caseId), (ts) => ts.length === 2);
    await record(unmet, 'SETTLED', 'WORK');
    await record(found, 'SETTLED', 'WORK');
    await h.skipTo('2031-07-09T01:00:00Z');
    for (const caseId of [unmet, found]) await h.until('the 6-month checkpoint', () => checkpoints(caseId), (ts) => ts.length === 3);
    await record(unmet, 'SETTLED', 'WORK');
    await record(found, 'TEMPORARY', 'NONE');
    const outcomes = await new ReportRepository(h.ds).resettlement(MOORLAND, '2031-07-09', { groupBy: 'month' });
    expect(outcomes.find((r) => r.group === '2031-01')).toMatchObject({
      released: 2,
      releaseNightNone: 1,
      releaseNightTemporary: 1,
      workOrTrainingOnRelease: 0,
      workOrTraining6Weeks: 1,
      accommodation3MonthsSettled: 2,
      accommodation6MonthsSettled: 1,
      accommodation6MonthsTemporary: 1,
      workOrTraining6Months: 1,
      accommodation12MonthsSettled: 0,
      releasedWithUnmetNeeds: 1,
      releasedWithUnmetAccommodation: 1,
    });
    // An administrator's report comes from the counters: whole months from the month counters, the rest by day; the same figures.
    const counted = async (from: string, to: string, sex?: 'FEMALE' | 'MALE') =>
      (await new ReportRepository(h.ds).resettlement(ADMIN, '2031-07-09', { groupBy: 'prison', from, to, sex })).find((r) => r.group === 'MDI');
    const sixMonths = { released: 2, releaseNightNone: 1, workOrTraining6Weeks: 1, accommodation3MonthsSettled: 2, accommodation6MonthsTemporary: 1, releasedWithUnmetAccommodation: 1 };
    expect(await counted('2031-01-01', '2031-01-31')).toMatchObject(sixMonths);
    expect(await counted('2031-01-09', '2031-01-09')).toMatchObject(sixMonths);
    expect(await counted('2030-12-15', '2031-02-15')).toMatchObject(sixMonths);
    expect(await counted('2030-01-01', '2031-12-31')).toMatchObject(sixMonths);
    expect([await counted('2031-01-10', '2031-03-31'), await counted('2030-12-01', '2031-01-08'), await counted('2031-01-01', '2031-01-31', 'FEMALE')]).toEqual([undefined, undefined, undefined]);
    const byRegion = await new ReportRepository(h.ds).resettlement(MOORLAND, '2031-07-09', { groupBy: 'region' });
    expect(byRegion.find((r) => r.group === 'YH')).toMatchObject({ released: 2, workOrTraining6Weeks: 1, workOrTraining6Months: 1 });

    await recordHistoryIfAsked(h, unmet, 'outcome-checkpoint-weeks-v1');
  });
});
