import { defaultPayloadConverter } from '@temporalio/common';
import { decodeJsonPayloads, encryptedDataConverter, ephemeralPayloadKeys, payloadFromJson, payloadToJson } from '@ttg/codec/data-converter';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@ttg/config/config';
import { payloadKeysFor } from '../../../scripts/lib/payload-keys';

describe('payloads in Temporal JSON, and the keys', () => {
  it('opens every payload of a history in JSON form, leaving plain ones and everything else as they were', async () => {
    const { codec } = ephemeralPayloadKeys('t');
    const plain = defaultPayloadConverter.toPayload({ note: 'Mirabel' });
    const [sealed] = await codec.encode([plain]);
    const tree = { events: [{ eventId: '1', input: { payloads: [payloadToJson(sealed), payloadToJson(plain)] } }], n: 3 };
    expect(Buffer.from(payloadToJson(sealed).data ?? '', 'base64').toString('latin1')).not.toContain('Mirabel');
    const opened = await decodeJsonPayloads(tree, codec);
    expect(opened.n).toBe(3);
    expect(opened.events[0]?.input.payloads.map((p) => defaultPayloadConverter.fromPayload(payloadFromJson(p)))).toEqual([{ note: 'Mirabel' }, { note: 'Mirabel' }]);
  });

  it('will not run without keys', () => {
    expect(() => encryptedDataConverter(undefined)).toThrow(/TTG_PAYLOAD_KEYS is not set/);
  });

  it('npm start: makes a development key once in the data folder (owner-only), then reuses it; configured keys win', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ttg-keys-'));
    const first = payloadKeysFor(loadConfig({}), dir);
    expect(first.generated).toBe(path.join(dir, 'payload-keys'));
    expect(first.env.TTG_PAYLOAD_KEYS).toMatch(/^dev-\d{4}-\d{2}-\d{2}:[A-Za-z0-9+/]{43}=$/);
    expect(statSync(path.join(dir, 'payload-keys')).mode & 0o077).toBe(0);
    const again = payloadKeysFor(loadConfig({}), dir);
    expect(again).toEqual({ env: { TTG_PAYLOAD_KEYS: first.env.TTG_PAYLOAD_KEYS }, generated: undefined });
    expect(readFileSync(path.join(dir, 'payload-keys'), 'utf8').trim()).toBe(first.env.TTG_PAYLOAD_KEYS);
    expect(payloadKeysFor(loadConfig({ TTG_PAYLOAD_KEYS: ephemeralPayloadKeys('x').spec }), dir)).toEqual({ env: {} });
  });
});
