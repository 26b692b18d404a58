import { DEFAULT_POLICY, loadPolicyVersion, planSupervision, weekCheckpoints } from '@ttg/policy';
import defaultDocument from '../../../libs/policy/versions/default.json';

/** Work or training is recorded 6 weeks after release as well as at the month checkpoints. */
describe('the checkpoints counted in weeks', () => {
  it('is due 6 weeks after release, moved back to a working day', () => {
    expect(DEFAULT_POLICY.figures.outcomeCheckpointWeeks).toEqual([6]);
    // Thursday 2031-01-09 + 42 days = Thursday 2031-02-20.
    expect(weekCheckpoints('2031-01-09')).toEqual([{ weeks: 6, due: '2031-02-20' }]);
    // Saturday 2026-12-05 + 42 days = Saturday 2027-01-16 → Friday 2027-01-15.
    expect(weekCheckpoints('2026-12-05')).toEqual([{ weeks: 6, due: '2027-01-15' }]);
    // Tuesday 2026-11-24 + 42 days = Tuesday 2027-01-05, a working day.
    expect(weekCheckpoints('2026-11-24')).toEqual([{ weeks: 6, due: '2027-01-05' }]);
  });

  it('opens at the start of that day in London, once: a checkpoint already recorded is not opened again', () => {
    const plan = planSupervision({ releasedOn: '2031-01-09', monthsAlreadyRecorded: [] }, DEFAULT_POLICY);
    expect(plan.weekCheckpoints).toEqual([{ weeks: 6, opensAt: '2031-02-20T00:00:00Z' }]);
    expect(planSupervision({ releasedOn: '2031-01-09', monthsAlreadyRecorded: [], weeksAlreadyRecorded: [6] }, DEFAULT_POLICY).weekCheckpoints).toEqual([]);
    // Supervision over before 6 weeks: no checkpoint after its end.
    expect(planSupervision({ releasedOn: '2031-01-09', monthsAlreadyRecorded: [], keepEndsOn: '2031-02-01' }, DEFAULT_POLICY).weekCheckpoints).toEqual([]);
  });

  it('is taken by versions stored before it existed, and refuses weeks out of order', () => {
    const { outcomeCheckpointWeeks: _weeks, ...older } = defaultDocument.figures;
    expect(loadPolicyVersion({ ...defaultDocument, figures: older }).figures.outcomeCheckpointWeeks).toEqual([6]);
    expect(() => loadPolicyVersion({ ...defaultDocument, figures: { ...defaultDocument.figures, outcomeCheckpointWeeks: [8, 6] } })).toThrow('figures.outcomeCheckpointWeeks: expected weeks in increasing order');
  });
});
