import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@ttg/config/config';
import { newPayloadKey, parsePayloadKeys } from '@ttg/codec/payload-codec';

/**
 * `TTG_PAYLOAD_KEYS` for the processes a start command runs: the configured keys, or on this
 * machine alone a development key generated once and kept in the data folder (never in the
 * repository), so workflows written by one run are readable by the next.
 */
export function payloadKeysFor(config: AppConfig, dataDir: string): { env: Record<string, string>; generated?: string } {
  if (config.temporal.payloadKeys) return { env: {} };
  const file = path.join(dataDir, 'payload-keys');
  let created: string | undefined;
  if (!existsSync(file)) {
    writeFileSync(file, `${newPayloadKey(`dev-${new Date().toISOString().slice(0, 10)}`)}\n`, { mode: 0o600 });
    created = file;
  }
  const spec = readFileSync(file, 'utf8').trim();
  parsePayloadKeys(spec); // a damaged file stops the start with the reason
  return { env: { TTG_PAYLOAD_KEYS: spec }, generated: created };
}
