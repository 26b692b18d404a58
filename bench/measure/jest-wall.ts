import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { REPO_ROOT } from '../lib/paths';

export const JEST_TARGET_SECONDS = 10;
export const JEST_RUNS = 3;
const TEST_FILE = 'test/integration/pathway/whole-pathway.test.ts';

export interface JestRun {
  wallSeconds: number;
  /** The test file's own time as Jest reports it (no Jest start-up or global setup). */
  fileSeconds: number;
  /** The test itself (its `it` block, without the file's beforeAll / afterAll). */
  testSeconds: number;
  passed: boolean;
}

export interface JestResult {
  command: string;
  runs: JestRun[];
  medianWallSeconds: number;
  medianFileSeconds: number;
  medianTestSeconds: number;
  /** Bundling the workflow code from source with webpack, as the integration harness does per test file. */
  bundleSeconds: number;
}

interface JestJson {
  success: boolean;
  numTotalTestSuites: number;
  testResults: { startTime?: number; endTime?: number; assertionResults?: { duration?: number | null }[] }[];
}

function runOnce(dir: string, i: number): Promise<{ run: JestRun; output: string }> {
  const outputFile = path.join(dir, `jest-${i}.json`);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // The path first: --selectProjects takes every value after it, so `--selectProjects integration <path>`
    // would select a project named after the path and run every integration suite.
    const child = spawn('npx', ['jest', TEST_FILE, '--selectProjects', 'integration', '--json', `--outputFile=${outputFile}`], {
      cwd: REPO_ROOT,
      env: { ...process.env, TTG_RECORD_HISTORIES: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (c: Buffer) => {
      output = (output + c.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), 240_000);
    child.once('error', reject);
    child.once('exit', () => {
      clearTimeout(timer);
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      let fileSeconds = Number.NaN;
      let testSeconds = Number.NaN;
      let passed = false;
      try {
        const json = JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson;
        const file = json.testResults[0];
        passed = json.success && json.numTotalTestSuites === 1;
        if (file?.startTime !== undefined && file.endTime !== undefined) fileSeconds = (file.endTime - file.startTime) / 1000;
        testSeconds = (file?.assertionResults ?? []).reduce((a, t) => a + (t.duration ?? 0), 0) / 1000;
      } catch {
        // no report: counted as failed below
      }
      resolve({ run: { wallSeconds, fileSeconds, testSeconds, passed }, output });
    });
  });
}

const quietLogger = new DefaultLogger('ERROR');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Measurement 6: the wall time of the whole-pathway time-skipping test, as a developer runs it (median of three). */
export async function measureJest(log: (line: string) => void): Promise<JestResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ttg-bench-jest-'));
  try {
    // What test/integration/pathway/harness.ts does at every worker start (workflowsPath).
    const bundleStarted = Date.now();
    await bundleWorkflowCode({ workflowsPath: require.resolve(path.join(REPO_ROOT, 'dist', 'workflows')), logger: quietLogger });
    const bundleSeconds = (Date.now() - bundleStarted) / 1000;
    log(`  bundling the workflow code with webpack: ${bundleSeconds.toFixed(1)} s`);
    const runs: JestRun[] = [];
    for (let i = 0; i < JEST_RUNS; i += 1) {
      const { run, output } = await runOnce(dir, i);
      if (!run.passed) throw new Error(`the whole-pathway test failed, or more than its one file ran (run ${i + 1}):\n${output}`);
      log(`  run ${i + 1}: ${run.wallSeconds.toFixed(1)} s wall, test file ${run.fileSeconds.toFixed(1)} s, the test ${run.testSeconds.toFixed(1)} s`);
      runs.push(run);
    }
    return {
      command: `npx jest ${TEST_FILE} --selectProjects integration`,
      runs,
      medianWallSeconds: median(runs.map((r) => r.wallSeconds)),
      medianFileSeconds: median(runs.map((r) => r.fileSeconds)),
      medianTestSeconds: median(runs.map((r) => r.testSeconds)),
      bundleSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
