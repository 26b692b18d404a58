import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The encoding an encrypted payload says it has, and the metadata key naming the key that sealed it. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);

/** Payload keys: the one new payloads are sealed with, and every key (old ones kept for reading). */
export interface PayloadKeys {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * Reads `TTG_PAYLOAD_KEYS` (`id:base64-key,id:base64-key`, each key 32 bytes) and
 * `TTG_PAYLOAD_KEY_ID` (which one seals new payloads; default the last listed).
 */
export function parsePayloadKeys(spec: string, currentId?: string): PayloadKeys {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const at = entry.indexOf(':');
    const id = entry.slice(0, at);
    const key = Buffer.from(entry.slice(at + 1), 'base64');
    if (at <= 0 || !/^[A-Za-z0-9._-]+$/.test(id)) throw new Error(`payload key "${id || entry.slice(0, 8)}…": write it as id:base64-key`);
    if (key.length !== 32) throw new Error(`payload key ${id}: must be 32 bytes (base64), is ${key.length}`);
    keys.set(id, key);
  }
  const ids = [...keys.keys()];
  const current = currentId ?? ids[ids.length - 1];
  if (!current || !keys.has(current)) throw new Error(`payload key id ${current ?? '(none)'} is not among the payload keys`);
  return { currentId: current, keys };
}

/** A new key as the configuration writes it. */
export function newPayloadKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/**
 * Workflow payloads (inputs, results, Update arguments, activity data, memos) sealed with
 * AES-256-GCM before they leave the process, so Temporal's history holds no readable personal
 * data. Each payload names its key (rotation: a new current key; old keys kept for reading).
 * Payloads without the encrypted encoding (histories recorded before) pass through unchanged.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.keys.get(this.keys.currentId) as Buffer;
    return payloads.map((p) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(p).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(this.keys.currentId) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (str(p.metadata?.encoding) !== ENCRYPTED_ENCODING) return p;
      const id = str(p.metadata?.[KEY_ID_METADATA]) ?? '';
      const key = this.keys.keys.get(id);
      if (!key) throw new Error(`payload sealed with key ${id}, which is not configured (TTG_PAYLOAD_KEYS)`);
      const data = Buffer.from(p.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      const decoded = temporal.api.common.v1.Payload.decode(plain);
      return { metadata: decoded.metadata ?? {}, data: decoded.data ?? undefined };
    });
  }
}
