import { PathwayHarness } from './harness';
import { ALL_NEEDS, TWO_YEAR_SENTENCE } from '../../support/pathway-fixtures';

/**
 * A worker stopped mid-pathway (a deploy, a crash) and a new one started: the pathway carries
 * on from its history. Its own server: the workers here keep no sticky cache, so the
 * time-skipping server hands the next task to whichever worker polls.
 */
jest.setTimeout(120_000);

describe('worker restart', () => {
  let h: PathwayHarness;
  beforeAll(async () => {
    h = await PathwayHarness.start({ maxCachedWorkflows: 0 });
    await h.skipTo('2030-01-07T09:00:00Z');
  });
  afterAll(async () => h?.stop());

  it('a worker restarted mid-pathway carries on with nothing lost or duplicated', async () => {
    const start = await h.now();
    const caseId = await h.startCase({ ...TWO_YEAR_SENTENCE, receptionAt: start.replace(/\.\d{3}Z$/, 'Z'), sentenceStartDate: start.slice(0, 10) });
    await h.stopWorker(); // as a deploy or crash would
    await h.startWorker(); // a new worker replays the history and carries on
    await h.skipTo(new Date(new Date(start).getTime() + 73 * 3600_000).toISOString());
    await h.until('overdue after restart', () => h.task(caseId, 'CUSTODY_SCREENING'), (t) => t.overdue);
    await h.complete(caseId, (await h.task(caseId, 'CUSTODY_SCREENING')).id, { needs: ALL_NEEDS });
    const tasks = await h.tasks(caseId);
    expect(tasks.filter((t) => t.type === 'CUSTODY_SCREENING')).toHaveLength(1);
    expect(tasks.filter((t) => t.type === 'RESETTLEMENT_PLAN')).toHaveLength(1);
    expect((await h.audit(caseId)).filter((a) => a.action === 'TASK_OVERDUE')).toHaveLength(1);
  });

});
