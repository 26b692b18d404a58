import { personSearchValue } from '../../../apps/api/src/cases/case.repository';
import { bulkReassignOutcome } from '../../../apps/api/src/web/pages/bulk-reassign';
import { notificationsView } from '../../../apps/api/src/web/pages/notifications.view-model';
import { NOTIFICATION_ACTIONS } from '../../../libs/contracts/src/notification-text';
import { axisScale } from '../../../apps/api/src/web/support/bar-chart';
import { datesInWords, policyVersionWords, relativeDue } from '../../../apps/api/src/web/support/format';
import { DEFAULT_POLICY } from '@ttg/policy';
import { policiesView } from '../../../apps/api/src/web/pages/admin.view-model';
import { auditItem, type AuditEventRow } from '../../../apps/api/src/web/pages/history.view-model';
import { summaryFromDomainError } from '../../../apps/api/src/web/support/form-errors';
import { fieldWords, plainWords } from '../../../apps/api/src/web/support/plain-words';
import { calculatorErrors } from '../../../apps/api/src/web/pages/calculator.view-model';
import { DomainError } from '../../../apps/api/src/common/domain-error';

describe('messages in plain words', () => {
  it.each([
    ['This needs one of the roles MANAGER, ADMIN; you are PRISON_STAFF', 'Only managers and administrators can do this.'],
    ['This needs one of the roles COM; you are MANAGER', 'Only community offender managers can do this.'],
    ['CASE_ALREADY_ACTIVE: A1234BC already has an active case', 'A1234BC already has an active case'],
    ['conditionalReleaseDate: a determinate sentence needs at least one of these dates', 'Conditional release date: a determinate sentence needs at least one of these dates'],
    ['Custody screening is worked by PRISON_STAFF, MANAGER', 'Custody screening is worked by prison resettlement staff, manager'],
    ['The task was due on 2026-11-27 and is IN_PROGRESS', 'The task was due on 27 November 2026 and is in progress'],
    ['must not be before sentenceStartDate (2026-01-05)', 'must not be before sentence start date (5 January 2026)'],
    ['is needed for a DETERMINATE sentence, unless automaticReleaseDate or paroleEligibilityDate is given', 'is needed for a determinate sentence, unless automatic release date or parole eligibility date is given'],
  ])('%s → %s', (message, words) => {
    expect(plainWords(message)).toBe(words);
  });

  it('writes the reception and calculator refusals of the sentence rules without field names, codes or ISO dates', () => {
    const list = calculatorErrors([
      { field: 'conditionalReleaseDate', reason: 'is needed for a DETERMINATE sentence, unless automaticReleaseDate or paroleEligibilityDate is given' },
      { field: 'automaticReleaseDate', reason: 'must not be before sentenceStartDate (2026-01-05)' },
    ]).list.map((e) => e.text);
    expect(list).toEqual([
      'Conditional release date is needed for a determinate sentence, unless automatic release date or parole eligibility date is given',
      'Automatic release date must not be before sentence start date (5 January 2026)',
    ]);
    for (const text of list) expect(text).not.toMatch(/[a-z][A-Z]|[A-Z]{4,}|\d{4}-\d{2}-\d{2}/);
  });

  it('names a field by its words', () => {
    expect(fieldWords('sentence.conditionalReleaseDate')).toBe('Conditional release date');
    expect(fieldWords('rows.3.prisonNumber')).toBe('Prison number');
  });

  it('writes an unknown field of a refusal as words in the error summary', () => {
    const err = new DomainError('VALIDATION_FAILED', 'x', { problems: [{ field: 'sentence.homeDetentionCurfewDate', reason: 'must be before the release date' }] });
    expect(summaryFromDomainError(err, []).list).toEqual([{ text: 'Home detention curfew date must be before the release date' }]);
  });

  it('writes dates in stored text as words', () => {
    expect(datesInWords('Screening is due on 2026-01-05; review 2026-12-31.')).toBe('Screening is due on 5 January 2026; review 31 December 2026.');
    expect(datesInWords('received at 2026-11-25T14:57:00Z, due 2026-11-28T09:00:00Z')).toBe('received at 25 November 2026 at 2:57pm, due 28 November 2026 at 9am');
  });
});

describe('finding a person', () => {
  it.each([
    ['Jo Bloggs', { like: 'jo bloggs%', dob: null }],
    ['  BLOGGS,   Jo ', { like: 'bloggs, jo%', dob: null }],
    ['A1234BC', { like: 'a1234bc%', dob: null }],
    ['15/06/1988', { like: '15/06/1988%', dob: '1988-06-15' }],
    ['15 June 1988', { like: '15 june 1988%', dob: '1988-06-15' }],
    ['50%_off', { like: '50\\%\\_off%', dob: null }],
  ])('%s', (q, value) => {
    expect(JSON.parse(personSearchValue(q))).toEqual(value);
  });
});

describe('notifications', () => {
  const row = { id: 'n1', caseId: 'c1', taskId: 't1', kind: 'OVERDUE', message: 'Custody screening was due on 2026-11-26 and is overdue.', createdAt: '2026-11-27T09:00:00Z', readAt: null, givenName: 'Jo', familyName: 'Bloggs', prisonNumber: 'A1234BC' };

  it('name the person and say what to do, with dates in words', () => {
    const view = notificationsView({ items: [row], total: 1, unread: 1 }, { page: 1 });
    expect(view.items[0]).toMatchObject({ person: 'Jo Bloggs', prisonNumber: 'A1234BC', message: 'Custody screening was due on 26 November 2026 and is overdue.', action: NOTIFICATION_ACTIONS.OVERDUE, taskHref: '/tasks/t1', caseHref: '/cases/c1' });
  });
});

describe('a bulk reassignment', () => {
  it('that moves nothing is an error that says why', () => {
    expect(() => bulkReassignOutcome({ moved: 0, skipped: [] }, 'Ruth Oduya', 'Tom Walsh')).toThrow('No tasks were moved: Ruth Oduya holds no open tasks you can move.');
    expect(() => bulkReassignOutcome({ moved: 0, skipped: [{ reason: 'COM cannot work prison tasks' }] }, 'Priya Shah', 'Chris Morgan')).toThrow('No tasks were moved. 1 task could not be moved: Chris Morgan cannot work prison tasks');
  });

  it('that moves some says how many and from whom', () => {
    expect(bulkReassignOutcome({ moved: 2, skipped: [] }, 'Tom Walsh', 'Priya Shah')).toEqual({ title: 'Moved 2 tasks from Tom Walsh to Priya Shah', text: undefined });
  });
});

describe('a case history', () => {
  it('names the prison a case moved to and the team a COM is in, not their codes', () => {
    const names = new Map([['WDI', 'HMP Wakefield'], ['YH-LEEDS-N', 'Leeds North'], ['u-com-officer', 'Sam Patel'], ['u-prison-staff', 'Priya Shah']]);
    const event = (action: string, after: unknown) => ({ id: 'e1', action, actorId: 'u-prison-staff', actorRole: 'PRISON_STAFF', at: '2026-11-20T10:00:00Z', taskId: null, before: null, after, details: { reason: 'Nearer to family' } }) as unknown as AuditEventRow;
    expect(auditItem(event('TRANSFERRED', { prisonCode: 'WDI', regionCode: 'YH' }), names, new Map()).text).toBe('To HMP Wakefield. Reason: Nearer to family.');
    expect(auditItem(event('COM_REALLOCATED', { comUserId: 'u-com-officer', comTeamCode: 'YH-LEEDS-N' }), names, new Map()).text).toBe('To Sam Patel (Leeds North). Reason: Nearer to family.');
  });

  it('dates work recorded on a later day the day it was done, and says when it was recorded', () => {
    const completed = (details: unknown) =>
      ({ id: 'e2', action: 'TASK_COMPLETED', actorId: 'u-prison-staff', actorRole: 'PRISON_STAFF', at: '2026-11-20T14:57:00Z', taskId: 't1', before: null, after: { type: 'CUSTODY_SCREENING', outcome: {} }, details }) as unknown as AuditEventRow;
    const titles = new Map([['t1', 'Custody screening']]);
    const late = auditItem(completed({ doneOn: '2026-11-02' }), new Map(), titles);
    expect(late.datetime).toEqual({ timestamp: '2026-11-02', type: 'date' });
    expect(late.text).toBe('Custody screening. Done on 2 November 2026, recorded on 20 November 2026 at 2:57pm.');
    const onTheDay = auditItem(completed(null), new Map(), titles);
    expect(onTheDay.datetime).toEqual({ timestamp: '2026-11-20T14:57:00Z', type: 'datetime' });
    expect(onTheDay.text).toBe('Custody screening.');
  });
});

describe('dates and times in words', () => {
  it('names a policy version by its date, without saying when it applies from (the default applies from the start)', () => {
    expect(policyVersionWords('ew-default-2023-11-30')).toBe('England and Wales default policy of 30 November 2023');
    expect(policyVersionWords('custom')).toBe('Custom');
  });

  it('lists the earliest policy version as applying from the start, later ones from their date, and cites no file', () => {
    const later = { id: 'ew-2027-04-01', effectiveFrom: '2027-04-01', description: 'Shorter screening' };
    const view = policiesView([DEFAULT_POLICY, later], '2026-11-27');
    expect(view.versions.map((v) => [v.name, v.effectiveFrom, v.state.text])).toEqual([
      ['England and Wales policy of 1 April 2027', '1 April 2027', 'Future'],
      ['England and Wales default policy of 30 November 2023', 'From the start', 'Current'],
    ]);
    expect(view.versions[1].description).not.toMatch(/\.md\b|docs\/|\d{4}-\d{2}-\d{2}/);
    expect(view.versions[1].description).toContain('30 November 2023');
  });

  it('says the time of a deadline due today or tomorrow, when it has one', () => {
    expect(relativeDue('2026-11-27', '2026-11-27', '2026-11-27T14:57:00Z')).toBe('due today at 2:57pm');
    expect(relativeDue('2026-11-28', '2026-11-27', '2026-11-28T09:00:00Z')).toBe('due tomorrow at 9am');
    expect(relativeDue('2026-11-27', '2026-11-27', '2026-11-27T00:00:00Z')).toBe('due today');
    expect(relativeDue('2026-11-30', '2026-11-27', '2026-11-30T14:57:00Z')).toBe('due in 3 days');
  });

  it('counts days overdue from the deadline, so the words agree with the Overdue tag', () => {
    // A date-only deadline passes at midnight after its due date (London): overdue the next day.
    expect(relativeDue('2026-11-27', '2026-11-28', '2026-11-28T00:00:00Z')).toBe('1 day overdue');
    expect(relativeDue('2026-06-11', '2026-06-14', '2026-06-11T23:00:00Z')).toBe('3 days overdue');
    // A COM allocation due on 27 November becomes overdue at the start of 29 November.
    expect(relativeDue('2026-11-27', '2026-11-27', '2026-11-29T00:00:00Z')).toBe('due today');
    expect(relativeDue('2026-11-27', '2026-11-28', '2026-11-29T00:00:00Z')).toBe('past its due date: overdue from tomorrow');
    expect(relativeDue('2026-11-27', '2026-11-29', '2026-11-29T00:00:00Z')).toBe('1 day overdue');
    expect(relativeDue('2026-11-27', '2026-12-01', new Date('2026-11-29T00:00:00Z'))).toBe('3 days overdue');
    // A longer wait before it counts as overdue names the day it will be.
    expect(relativeDue('2026-11-27', '2026-11-28', '2026-12-01T00:00:00Z')).toBe('past its due date: overdue from 1 December 2026');
    // Without a deadline instant, the due date.
    expect(relativeDue('2026-11-27', '2026-11-29')).toBe('2 days overdue');
  });
});

describe('chart axes', () => {
  it.each([
    [3, { max: 3, step: 1 }],
    [5, { max: 5, step: 1 }],
    [7, { max: 8, step: 2 }],
    [23, { max: 25, step: 5 }],
    [120, { max: 150, step: 50 }],
  ])('values up to %d: whole-number ticks', (n, scale) => {
    expect(axisScale(n)).toEqual(scale);
  });
});
