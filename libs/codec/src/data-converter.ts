import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { EncryptionCodec, newPayloadKey, parsePayloadKeys, type PayloadKeys } from './payload-codec';

/**
 * The data converter every Temporal client and worker of ttg uses: payloads sealed by the
 * encryption codec. Without keys there is nothing to run: start-up stops with the reason.
 */
export function encryptedDataConverter(keys: PayloadKeys | undefined): DataConverter {
  return { payloadCodecs: [payloadCodec(keys)] };
}

export function payloadCodec(keys: PayloadKeys | undefined): EncryptionCodec {
  if (!keys) throw new Error('TTG_PAYLOAD_KEYS is not set: workflow payloads are encrypted with it (npm start makes a development key in the data folder; set one everywhere else)');
  return new EncryptionCodec(keys);
}

/** A key made for one run (a test stack, a benchmark), kept nowhere: `spec` as TTG_PAYLOAD_KEYS writes it. */
export function ephemeralPayloadKeys(id: string): { spec: string; codec: EncryptionCodec; dataConverter: DataConverter } {
  const spec = newPayloadKey(id);
  const codec = new EncryptionCodec(parsePayloadKeys(spec));
  return { spec, codec, dataConverter: { payloadCodecs: [codec] } };
}

/** A payload as Temporal's JSON has it (the remote codec protocol, `temporal workflow show --output json`): bytes in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

export function payloadFromJson(p: JsonPayload): Payload {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]));
  return { metadata, data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')) };
}

export function payloadToJson(p: Payload): JsonPayload {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]));
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}

const isJsonPayload = (v: unknown): v is JsonPayload => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const meta = o.metadata as Record<string, unknown> | undefined;
  return typeof meta === 'object' && meta !== null && typeof meta.encoding === 'string' && (o.data === undefined || typeof o.data === 'string');
};

/**
 * A history (or any part of one) in Temporal's JSON form with every payload in it passed through
 * a codec's decode: what an operator with the keys sees. Other values are copied as they are.
 */
export async function decodeJsonPayloads<T>(tree: T, codec: PayloadCodec): Promise<T> {
  const walk = async (v: unknown): Promise<unknown> => {
    if (isJsonPayload(v)) return payloadToJson((await codec.decode([payloadFromJson(v)]))[0] as Payload);
    if (Array.isArray(v)) return Promise.all(v.map(walk));
    if (typeof v === 'object' && v !== null) return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await walk(x)] as const)));
    return v;
  };
  return (await walk(tree)) as T;
}
