import { NOTIFICATION_ACTIONS, notificationEmail, notificationText } from '../../../libs/contracts/src/notification-text';

/** The one place a notification's words are made: the page and the email read the same. */
describe('notification wording', () => {
  const person = { givenName: 'Jo', familyName: 'Bloggs', prisonNumber: 'A1234BC' };
  const overdue = { kind: 'OVERDUE', message: 'Custody screening was due on 2026-11-27 and is overdue.', caseId: 'c1', taskId: 't1', person };

  it('names the person, writes the deadline with its time in London, and says what to do', () => {
    // 27 November is GMT: 14:57Z is 2:57pm in London.
    expect(notificationText({ ...overdue, due: { dueDate: '2026-11-27', dueAt: '2026-11-27T14:57:00Z' } })).toEqual({
      person: 'Jo Bloggs (A1234BC)',
      kindName: 'Overdue',
      message: 'Custody screening was due on 27 November 2026 at 2:57pm and is overdue.',
      action: NOTIFICATION_ACTIONS.OVERDUE,
    });
  });

  it('a deadline at the end of a day is a date alone; a settled task asks nothing', () => {
    const t = notificationText({ ...overdue, settled: true, due: { dueDate: '2026-11-27', dueAt: '2026-11-27T23:59:59Z' } });
    expect(t.message).toBe('Custody screening was due on 27 November 2026 and is overdue.');
    expect(t.action).toBe('Nothing to do: the task has been completed or cancelled.');
  });

  it('an email: the kind and person in the subject; what happened, what to do and a link in the body', () => {
    expect(notificationEmail({ ...overdue, due: { dueDate: '2026-11-27', dueAt: '2026-11-27T14:57:00Z' } }, 'https://ttg.example.gov.uk/')).toEqual({
      subject: 'Overdue: Jo Bloggs (A1234BC)',
      body: 'Jo Bloggs (A1234BC):\nCustody screening was due on 27 November 2026 at 2:57pm and is overdue.\n\nWhat to do: Complete the task now, or ask a manager to reassign it.\n\nOpen the task: https://ttg.example.gov.uk/tasks/t1',
    });
    const handover = notificationEmail({ kind: 'HANDOVER', message: 'The handover was accepted; prison staff can read the case until 2027-01-15.', caseId: 'c1', taskId: null, person }, 'http://localhost:3000');
    expect(handover.body).toBe('Jo Bloggs (A1234BC):\nThe handover was accepted; prison staff can read the case until 15 January 2027.\n\nWhat to do: Open the case to read the handover pack and act on it.\n\nOpen the case: http://localhost:3000/cases/c1');
  });
});
