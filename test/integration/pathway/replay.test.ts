import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { workflowSource } from '../../../apps/worker/src/pathway-worker';
import { ephemeralPayloadKeys } from '@ttg/codec/data-converter';

/**
 * Every committed history of a released workflow version must replay on today's workflow
 * code: a change that would break running cases fails here (use patched() for such changes).
 * They replay through the payload codec, as a worker runs them: recorded before encryption (or
 * written decoded), their payloads pass through it unchanged.
 */
jest.setTimeout(120_000);

const dir = path.join(__dirname, '../../histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replay of recorded pathway histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>);
    await Worker.runReplayHistory({ ...workflowSource(), dataConverter: ephemeralPayloadKeys('replay').dataConverter }, history, file);
  });
});
