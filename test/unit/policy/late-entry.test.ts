import { doneOnProblem } from '@ttg/policy';

describe('the day work recorded later was done', () => {
  // Received 23:30 UTC on 31 July 2026: 1 August in London (BST).
  const receptionAt = '2026-07-31T23:30:00Z';
  it.each([
    ['2026-08-01', null],
    ['2026-12-07', null],
    ['2026-12-08', 'cannot be in the future'],
    ['2026-07-31', 'cannot be before the person was received into custody on 2026-08-01'],
  ])('%s: %s', (doneOn, problem) => {
    expect(doneOnProblem(doneOn, receptionAt, '2026-12-07')).toBe(problem);
  });
});
