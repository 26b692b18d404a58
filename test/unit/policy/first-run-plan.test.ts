import { DEFAULT_POLICY, planFirstRun } from '@ttg/policy';
import { TWO_YEAR_SENTENCE } from '../../support/pathway-fixtures';

// Received Monday 2030-01-07 09:00Z; handover Friday 2030-04-26 (due that day, overdue from 28 April, escalated on 10 May).
const sentence = TWO_YEAR_SENTENCE;

describe('the first-run plan', () => {
  it('recorded at reception: the COM allocation is due on the handover date, with its reminder 56 days before', () => {
    const plan = planFirstRun(sentence, DEFAULT_POLICY, '2030-01-07T09:05:00Z');
    expect(plan.comAllocation).toEqual({
      dueDate: '2030-04-26',
      dueAt: '2030-04-27T23:00:00Z', // the start of 28 April in London (BST)
      reminderAt: '2030-03-01T00:00:00Z',
      escalateAt: '2030-05-09T23:00:00Z',
      compressed: false,
    });
    expect(plan.screening).toMatchObject({ dueAt: '2030-01-10T09:00:00Z', compressed: false });
  });

  it('recorded weeks after reception: the deadlines are those the steps had when the person was received, already past, not compressed to fresh ones', () => {
    const late = planFirstRun(sentence, DEFAULT_POLICY, '2030-05-08T10:00:00Z');
    const onTime = planFirstRun(sentence, DEFAULT_POLICY, '2030-01-07T09:05:00Z');
    expect(late.comAllocation).toEqual(onTime.comAllocation);
    expect(late.screening).toEqual(onTime.screening);
  });

  it('a handover before the reception itself is compressed to the next working day after reception, wherever it is recorded', () => {
    // An early allocation received Friday 2030-05-03, release 2031-07-11: the handover (15 months before, April 2030)
    // is already behind, so the allocation is due the next working day, Tuesday 7 May (6 May is a bank holiday).
    const received = { ...sentence, receptionAt: '2030-05-03T09:00:00Z', sentenceStartDate: '2030-05-03', sentenceLengthMonths: 30, conditionalReleaseDate: '2031-07-11', earlyAllocation: true };
    for (const recordedAt of ['2030-05-03T10:00:00Z', '2030-05-20T10:00:00Z']) {
      expect(planFirstRun(received, DEFAULT_POLICY, recordedAt).comAllocation).toMatchObject({ dueDate: '2030-05-07', compressed: true });
    }
  });
});
