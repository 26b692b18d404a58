import { recordHistoryIfAsked, usePathwayHarness } from './harness';
import { ALL_NEEDS, COM, MANAGER, PRISON, planOutcome, WHOLE_PATHWAY_SENTENCE } from '../../support/pathway-fixtures';
import { pathwayWorkflowId } from '@ttg/contracts';

/**
 * One person's whole pathway, reception to closure after 12 months of supervision, on the
 * time-skipping server with a real worker and PostgreSQL. Every figure is the default policy's.
 *
 * Sentence: received Monday 2030-01-07 09:00Z, 24 months, conditional release Friday 2031-01-10.
 *   effective release: Thursday 2031-01-09 (no release before a weekend)
 *   handover: 2031-01-10 - 8 months - 14 days = Friday 2030-04-26
 *   pre-release review opens 2030-10-17, due 2030-11-14; duty to refer due 2030-11-14
 *   first appointment by Friday 2031-01-10; supervision ends 2032-01-09
 */
jest.setTimeout(120_000);

describe('the whole pathway', () => {
  const h = usePathwayHarness();

  it('runs from reception to closure with every deadline, escalation and read-model row', async () => {
    const caseId = await h.startCase(WHOLE_PATHWAY_SENTENCE);

    // Reception: key dates, custody screening due in 72 hours, COM allocation due on the handover date.
    let c = await h.caseRow(caseId);
    expect(c.stage).toBe('CUSTODY_SCREENING');
    expect(c.release_date).toBe('2031-01-09');
    expect(c.handover_date).toBe('2030-04-26');
    expect(c.key_dates).toMatchObject({
      earliestReleaseDate: '2031-01-10',
      releaseDate: '2031-01-09',
      custodyScreeningDueAt: '2030-01-10T09:00:00Z',
      dutyToReferDue: '2030-11-14',
      preReleaseReviewOpens: '2030-10-17',
      preReleaseReviewDue: '2030-11-14',
      handoverDate: '2030-04-26',
      comResponsibleFromStart: false,
      firstAppointmentDue: '2031-01-10',
      supervisionEndDate: '2032-01-09',
      victimContactEligible: true,
    });
    const screening = await h.task(caseId, 'CUSTODY_SCREENING');
    expect(new Date(screening.due_at).toISOString()).toBe('2030-01-10T09:00:00.000Z');
    const allocation = await h.task(caseId, 'COM_ALLOCATION');
    expect(allocation.due_date).toBe('2030-04-26');

    // Custody screening, then risk screening and the resettlement plan (5 working days).
    await h.update(caseId, 'claimTask', { taskId: screening.id, actor: PRISON });
    await h.complete(caseId, screening.id, { immediateNeeds: ['prescription medication'], riskFlags: [], needs: ALL_NEEDS });
    c = await h.caseRow(caseId);
    expect(c.stage).toBe('RISK_SCREENING');
    const plan = await h.task(caseId, 'RESETTLEMENT_PLAN');
    expect(plan.due_date).toBe('2030-01-14');
    const risk = await h.task(caseId, 'RISK_SCREENING');
    await h.complete(caseId, risk.id, { roshLevel: 'MEDIUM' });
    expect((await h.caseRow(caseId)).stage).toBe('RESETTLEMENT_PLAN');
    const rmp = await h.task(caseId, 'RISK_MANAGEMENT_PLAN');
    expect(rmp.due_date).toBe('2030-04-26');
    await h.complete(caseId, (await h.task(caseId, 'DOMESTIC_ABUSE_CHECK')).id, { result: 'NO_CONCERNS' });
    await h.complete(caseId, (await h.task(caseId, 'SAFEGUARDING_CHECK')).id, { result: 'NO_CONCERNS' });
    await h.complete(caseId, plan.id, planOutcome(['ACCOMMODATION', 'EDUCATION_SKILLS_AND_WORK', 'FINANCE_ID_AND_DEBT']));
    c = await h.caseRow(caseId);
    expect(c.stage).toBe('PATHWAY_WORK');
    expect(c.pathways).toMatchObject({ ACCOMMODATION: 'IN_PROGRESS', HEALTH: 'SUPPORT_NOT_REQUIRED' });
    const dtr = await h.task(caseId, 'DUTY_TO_REFER');
    expect(dtr.due_date).toBe('2030-11-14');
    for (const type of ['SECURE_ADDRESS', 'ETE_REFERRAL', 'BANK_ACCOUNT', 'ID_DOCUMENTS', 'DEBT_ADVICE']) {
      expect((await h.task(caseId, type)).due_date).toBe('2030-11-14');
    }
    await h.complete(caseId, rmp.id, { summary: 'Managed at MAPPA level 1', fullAssessmentCompleted: true });

    // COM allocation: reminder 56 days before handover, overdue from handover + 2 days, escalated at + 14.
    await h.skipTo('2030-03-01T06:00:00Z');
    await h.until('the allocation reminder', () => h.notifications(caseId), (ns) => ns.some((n) => n.kind === 'REMINDER' && n.message.includes('community offender manager')));
    await h.skipTo('2030-04-27T22:00:00Z'); // Saturday 23:00 London: not yet overdue
    expect((await h.task(caseId, 'COM_ALLOCATION')).overdue).toBe(false);
    await h.skipTo('2030-04-27T23:00:01Z'); // Sunday 2030-04-28 00:00:01 London
    await h.until('allocation overdue', () => h.task(caseId, 'COM_ALLOCATION'), (t) => t.overdue);
    expect((await h.caseRow(caseId)).handover).toMatchObject({ allocationOverdue: true, allocationEscalated: false });
    await h.skipTo('2030-05-09T22:59:00Z');
    expect((await h.task(caseId, 'COM_ALLOCATION')).escalated).toBe(false);
    await h.skipTo('2030-05-09T23:00:01Z');
    await h.until('allocation escalated', () => h.task(caseId, 'COM_ALLOCATION'), (t) => t.escalated);
    const escalation = (await h.notifications(caseId)).find((n) => n.kind === 'ESCALATION' && n.audience === 'MANAGER' && n.message.includes('community offender manager'));
    expect(escalation?.message).toContain('2030-04-26');

    // The manager allocates a COM; the COM accepts the handover; prison read access for 28 days.
    await h.complete(caseId, allocation.id, { comUserId: COM.userId, teamCode: 'YH-LEEDS-N' }, MANAGER);
    const acceptance = await h.task(caseId, 'HANDOVER_ACCEPTANCE');
    expect(acceptance.assignee).toBe(COM.userId);
    expect(acceptance.compressed).toBe(true); // the handover date had passed: next working day
    expect(acceptance.due_date).toBe('2030-05-13');
    await h.complete(caseId, acceptance.id, { decision: 'ACCEPTED' }, COM);
    c = await h.caseRow(caseId);
    expect(c.handover_status).toBe('ACCEPTED');
    expect(c.com_user_id).toBe(COM.userId);
    expect(c.prison_access_until).toBe('2030-06-07');

    // Pathway work done before the pre-release review.
    await h.complete(caseId, dtr.id, { localAuthority: 'Leeds City Council', referredOn: '2030-05-10' });
    await h.complete(caseId, (await h.task(caseId, 'SECURE_ADDRESS')).id, { accommodation: 'SETTLED', address: '1 Example Street, Leeds' });
    await h.complete(caseId, (await h.task(caseId, 'ETE_REFERRAL')).id, { arranged: 'WORK' });
    await h.complete(caseId, (await h.task(caseId, 'BANK_ACCOUNT')).id, { opened: true });
    await h.complete(caseId, (await h.task(caseId, 'ID_DOCUMENTS')).id, { documents: ['BIRTH_CERTIFICATE'] });
    await h.complete(caseId, (await h.task(caseId, 'DEBT_ADVICE')).id, { referred: true, debtsResolved: 'PARTLY' });
    c = await h.caseRow(caseId);
    expect(c.pathways).toMatchObject({ ACCOMMODATION: 'DONE', EDUCATION_SKILLS_AND_WORK: 'DONE', FINANCE_ID_AND_DEBT: 'DONE' });
    expect(c.unmet_needs).toBe(false);

    // Pre-release review window opens 12 weeks before release.
    await h.skipTo('2030-10-16T22:00:00Z');
    expect((await h.tasks(caseId)).some((t) => t.type === 'PRE_RELEASE_REVIEW')).toBe(false);
    await h.skipTo('2030-10-16T23:00:01Z'); // 2030-10-17 00:00:01 London (BST)
    const review = await h.until('the pre-release review', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'PRE_RELEASE_REVIEW')).then(() => h.task(caseId, 'PRE_RELEASE_REVIEW'));
    expect(review.due_date).toBe('2030-11-14');
    expect((await h.caseRow(caseId)).stage).toBe('PRE_RELEASE');
    await h.complete(caseId, review.id, {
      needsReviewed: true,
      releaseAddress: '1 Example Street, Leeds',
      licenceConditions: ['Reside at the approved address'],
      provisionalFirstAppointment: { date: '2031-01-10', location: 'Leeds probation office' },
    });
    const victim = await h.task(caseId, 'VICTIM_CONTACT');
    expect(victim.due_date).toBe('2031-01-09');
    await h.complete(caseId, victim.id, { informedOn: '2030-10-20' }, COM);

    // Release day: outcomes recorded, supervision starts, first appointment by the next working day.
    await h.skipTo('2031-01-09T08:00:00Z');
    const releaseTask = await h.until('release-day task', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'RELEASE_OUTCOMES')).then(() => h.task(caseId, 'RELEASE_OUTCOMES'));
    expect(releaseTask.due_date).toBe('2031-01-09');
    await h.complete(caseId, releaseTask.id, { releasedOn: '2031-01-09', accommodation: 'SETTLED', workOrTraining: 'WORK', bankAccount: true, id: true, debts: 'IN_HAND' });
    c = await h.caseRow(caseId);
    expect(c.stage).toBe('SUPERVISION');
    expect(c.detail).toMatchObject({ supervision: { releasedOn: '2031-01-09', endsOn: '2032-01-09' } });
    const first = await h.task(caseId, 'FIRST_APPOINTMENT');
    expect(first.due_date).toBe('2031-01-10');
    expect(first.assignee).toBe(COM.userId);
    const homeVisit = await h.task(caseId, 'HOME_VISIT'); // medium risk: a home visit after release
    expect(homeVisit.assignee).toBe(COM.userId);

    await h.skipTo('2031-01-10T10:00:00Z');
    await h.complete(caseId, first.id, { outcome: 'ATTENDED', date: '2031-01-10' }, COM);
    await h.complete(caseId, homeVisit.id, { outcome: 'ATTENDED', date: '2031-01-10' }, COM);

    // Lost contact: at the end of the 10th working day without a successful contact (Friday 2031-01-24),
    // escalated at the end of the 5th working day after that.
    const sup = (await h.state(caseId)).supervision!;
    expect(sup.lastSuccessfulContactOn).toBe('2031-01-10');
    expect(sup.lostContactFlagAt).toBe('2031-01-25T00:00:00Z');
    expect(sup.lostContactEscalateAt).toBe('2031-02-01T00:00:00Z');
    await h.skipTo('2031-01-24T23:59:00Z');
    expect((await h.caseRow(caseId)).lost_contact).toBe(false);
    await h.skipTo('2031-01-25T00:00:01Z');
    await h.until('lost contact', () => h.caseRow(caseId), (r) => r.lost_contact);
    await h.skipTo('2031-02-01T00:00:01Z');
    await h.until('lost contact escalated', () => h.notifications(caseId), (ns) => ns.some((n) => n.kind === 'LOST_CONTACT_ESCALATION'));
    await h.update(caseId, 'recordContact', { contactId: `${caseId}-c1`, date: '2031-01-31', kind: 'OFFICE', outcome: 'ATTENDED', actor: COM });
    expect((await h.caseRow(caseId)).lost_contact).toBe(false);

    // Work or training at 6 weeks (Thursday 2031-02-20, due 10 working days later).
    await h.skipTo('2031-02-20T00:00:01Z');
    const sixWeeks = await h.until('6-week outcomes', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'OUTCOME_CHECKPOINT')).then(() => h.task(caseId, 'OUTCOME_CHECKPOINT'));
    expect(sixWeeks.due_date).toBe('2031-03-06');
    await h.complete(caseId, sixWeeks.id, { accommodation: 'SETTLED', workOrTraining: 'TRAINING' }, COM);

    // Outcomes at 3, 6 and 12 months; closure at the end of supervision.
    for (const [months, opens, due] of [[3, '2031-04-08T23:00:01Z', '2031-04-25'], [6, '2031-07-08T23:00:01Z', '2031-07-23']] as const) {
      await h.skipTo(opens);
      const checkpoint = await h.until(`${months}-month outcomes`, () => h.tasks(caseId), (ts) => ts.filter((t) => t.type === 'OUTCOME_CHECKPOINT').length >= (months === 3 ? 2 : 3)).then(() => h.task(caseId, 'OUTCOME_CHECKPOINT'));
      expect(checkpoint.due_date).toBe(due);
      await h.complete(caseId, checkpoint.id, { accommodation: 'SETTLED', workOrTraining: 'WORK' }, COM);
    }
    await h.skipTo('2032-01-09T00:00:01Z');
    const closure = await h.until('closure task', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'CLOSURE')).then(() => h.task(caseId, 'CLOSURE'));
    const twelve = await h.task(caseId, 'OUTCOME_CHECKPOINT');
    await h.complete(caseId, twelve.id, { accommodation: 'SETTLED', workOrTraining: 'WORK' }, COM);
    await h.complete(caseId, closure.id, { summary: 'Settled accommodation and in work throughout supervision' }, COM);

    c = await h.caseRow(caseId);
    expect(c.stage).toBe('CLOSED');
    expect(c.active).toBe(false);
    expect(c.detail).toMatchObject({ outcomes: [{ months: 0, weeks: 6, outcome: { workOrTraining: 'TRAINING' } }, { months: 3 }, { months: 6 }, { months: 12 }], closureSummary: 'Settled accommodation and in work throughout supervision' });
    const final = await h.env.client.workflow.getHandle(pathwayWorkflowId(caseId)).result();
    expect(final.stage).toBe('CLOSED');
    const actions = (await h.audit(caseId)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['CASE_STARTED', 'TASK_OVERDUE', 'TASK_ESCALATED', 'LOST_CONTACT', 'LOST_CONTACT_ESCALATED', 'LOST_CONTACT_CLEARED', 'SUPERVISION_STARTED', 'CASE_CLOSED']));
    await recordHistoryIfAsked(h, caseId, 'whole-pathway-v1');
    const openLeft: { n: number }[] = await h.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND status IN ('OPEN','IN_PROGRESS')`, [caseId]);
    expect(openLeft[0].n).toBe(0);
  });
});
