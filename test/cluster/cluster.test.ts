import path from 'node:path';
import { Client as Pg } from 'pg';
import { ClusterClient } from '../../scripts/lib/cluster-client';
import { LocalCluster } from '../../scripts/lib/local-cluster';
import { expectConsistent, runJourneys, type Journey } from './load';

/**
 * The cluster profile under failure: the real Temporal server on PostgreSQL, two worker processes
 * and two API instances. People are taken through case creation and their first task through
 * both instances while a worker is killed (SIGKILL), an API instance is killed and restarted, and
 * then the Temporal server is restarted. Every command is answered (by the other instance or
 * after the restart), done once, and the read model and the workflows agree.
 */
jest.setTimeout(150_000);

const PASSWORD = 'cluster-password';
const PEOPLE = 24;
const CONCURRENCY = 6;
let cluster: LocalCluster;
let db: Pg;
let http: ClusterClient;
let token: string;

beforeAll(async () => {
  const toolDir = process.env.TTG_TEMPORAL_SERVER_DIR;
  if (!toolDir) throw new Error('run through jest: the cluster global setup provides TTG_TEMPORAL_SERVER_DIR');
  cluster = await LocalCluster.start({ root: path.resolve(__dirname, '..', '..'), toolDir, workers: 2, apiInstances: 2, password: PASSWORD });
  db = new Pg({ connectionString: cluster.databaseUrl });
  await db.connect();
  http = new ClusterClient(cluster.fleet.apiUrls());
  token = await http.token('prison.staff', PASSWORD);
});

afterAll(async () => {
  await db?.end();
  await cluster?.stop();
});

/** Runs `action` once `threshold` journeys have finished (in the background of the load). */
function at(threshold: number, action: () => Promise<void>): { progress: (done: number) => void; done: Promise<void> } {
  let fire!: () => void;
  const reached = new Promise<void>((resolve) => (fire = resolve));
  return { progress: (n) => n >= threshold && fire(), done: reached.then(action) };
}

const expectConsistentRun = (journeys: Journey[]) => expectConsistent(db, cluster, journeys, PEOPLE);

it('keeps going on one worker when the other is killed, and through an API instance killed and restarted', async () => {
  let workerKilledAt = 0;
  const killWorker = at(6, async () => {
    await cluster.fleet.kill('worker-1', 'SIGKILL');
    workerKilledAt = Date.now();
  });
  const bounceApi = at(12, async () => {
    await cluster.fleet.kill('api-2', 'SIGKILL');
    await cluster.restart('api-2');
  });
  const journeys = await runJourneys(http, db, token, 'kill', PEOPLE, CONCURRENCY, (n) => {
    killWorker.progress(n);
    bounceApi.progress(n);
  });
  await Promise.all([killWorker.done, bounceApi.done]);

  expect(cluster.exits).toEqual([
    { name: 'worker-1', how: 'SIGKILL' },
    { name: 'api-2', how: 'SIGKILL' },
  ]);
  expect(cluster.fleet.pid('worker-1')).toBeUndefined();
  // worker-2 alone carried everything after the kill, and both instances answered.
  expect(journeys.filter((j) => j.finishedAt > workerKilledAt).length).toBeGreaterThanOrEqual(PEOPLE - 6 - CONCURRENCY);
  for (const url of http.urls) expect(journeys.flatMap((j) => j.urls)).toContain(url);
  await expectConsistentRun(journeys);
});

it('carries on through a restart of the Temporal server mid-load', async () => {
  await cluster.restart('worker-1');
  const exitsBefore = cluster.exits.length;
  const bounceTemporal = at(6, async () => {
    await cluster.temporal.stop();
    await cluster.startTemporal();
  });
  const journeys = await runJourneys(http, db, token, 'restart', PEOPLE, CONCURRENCY, bounceTemporal.progress);
  await bounceTemporal.done;

  // No worker or API process died with the server: they reconnected.
  expect(cluster.exits).toHaveLength(exitsBefore);
  for (const spec of cluster.fleet.specs) expect(cluster.fleet.pid(spec.name)).toEqual(expect.any(Number));
  await expectConsistentRun(journeys);
});
