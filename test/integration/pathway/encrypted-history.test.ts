import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { decodeJsonPayloads, ephemeralPayloadKeys } from '@ttg/codec/data-converter';
import { ENCRYPTED_ENCODING } from '@ttg/codec/payload-codec';
import { pathwayWorkflowId } from '@ttg/contracts';
import { workflowSource } from '../../../apps/worker/src/pathway-worker';
import { ALL_NEEDS, TWO_YEAR_SENTENCE_STATED } from '../../support/pathway-fixtures';
import { HARNESS_KEYS, PathwayHarness } from './harness';

/**
 * A history written today is sealed by the payload codec: none of its personal free text is
 * readable without the key, and it replays through the codec (and not without it).
 */
jest.setTimeout(120_000);

const NOTE = 'Zebedee has a self-harm history and sleeps at his aunt Mirabel';

describe('an encrypted pathway history', () => {
  let h: PathwayHarness;
  let caseId: string;
  let history: temporal.api.history.v1.IHistory;
  beforeAll(async () => {
    h = await PathwayHarness.start();
    await h.skipTo('2030-01-07T09:00:00Z');
    caseId = await h.startCase(TWO_YEAR_SENTENCE_STATED, { prisonNumber: 'A1234ZZ' });
    await h.complete(caseId, (await h.task(caseId, 'CUSTODY_SCREENING')).id, { immediateNeeds: [NOTE], riskFlags: ['self-harm history'], needs: ALL_NEEDS });
    history = await h.env.client.workflow.getHandle(pathwayWorkflowId(caseId)).fetchHistory();
  });
  afterAll(async () => h?.stop());

  const asJson = () => temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String });

  it('holds no readable personal data: every payload is sealed, and decoded with the key the note is there', async () => {
    const raw = JSON.stringify(asJson());
    const decodedRaw = (s: string) => Buffer.from(s, 'base64').toString('latin1');
    const texts = [...raw.matchAll(/"data":"([^"]*)"/g)].map((m) => decodedRaw(m[1] ?? ''));
    expect(texts.length).toBeGreaterThan(3);
    expect(raw).toContain(Buffer.from(ENCRYPTED_ENCODING).toString('base64'));
    for (const t of texts) expect(t).not.toMatch(/Zebedee|Mirabel|A1234ZZ|self-harm|Person|1990-01-01/);
    const opened = JSON.stringify(await decodeJsonPayloads(asJson(), HARNESS_KEYS.codec));
    const openedTexts = [...opened.matchAll(/"data":"([^"]*)"/g)].map((m) => decodedRaw(m[1] ?? '')).join('\n');
    expect(openedTexts).toContain(NOTE);
    expect(openedTexts).toContain('A1234ZZ');
  });

  it('replays through the codec, and not without the key that sealed it', async () => {
    const h1 = temporal.api.history.v1.History.fromObject(asJson());
    await expect(Worker.runReplayHistory({ ...workflowSource(), dataConverter: HARNESS_KEYS.dataConverter }, h1, 'encrypted')).resolves.toBeUndefined();
    await expect(Worker.runReplayHistory({ ...workflowSource(), dataConverter: ephemeralPayloadKeys('other').dataConverter }, h1, 'wrong-key')).rejects.toThrow();
  });
});
