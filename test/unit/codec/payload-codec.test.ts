import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, newPayloadKey, parsePayloadKeys } from '@ttg/codec/payload-codec';

const note = { caseId: 'c-1', text: 'Zebedee Quillfeather, born 1977-07-17, will live with his sister' };

describe('the payload encryption codec', () => {
  const k1 = newPayloadKey('k1');
  const k2 = newPayloadKey('k2');

  it('seals a payload so none of its text is readable, names the key, and opens it again', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(k1));
    const payload = defaultPayloadConverter.toPayload(note);
    const [sealed] = await codec.encode([payload]);
    expect(new TextDecoder().decode(sealed.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(new TextDecoder().decode(sealed.metadata?.[KEY_ID_METADATA])).toBe('k1');
    expect(Buffer.from(sealed.data ?? []).toString('latin1')).not.toMatch(/Zebedee|Quillfeather|1977|sister|json/);
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual(note);
  });

  it('reads payloads sealed with an old key after rotation, and seals new ones with the current key', async () => {
    const [old] = await new EncryptionCodec(parsePayloadKeys(k1)).encode([defaultPayloadConverter.toPayload(note)]);
    const rotated = new EncryptionCodec(parsePayloadKeys(`${k1},${k2}`, 'k2'));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old]))[0])).toEqual(note);
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(note)]);
    expect(new TextDecoder().decode(fresh.metadata?.[KEY_ID_METADATA])).toBe('k2');
    await expect(new EncryptionCodec(parsePayloadKeys(k1)).decode([fresh])).rejects.toThrow('k2');
  });

  it('passes through payloads recorded before encryption', async () => {
    const plain = defaultPayloadConverter.toPayload(note);
    expect(await new EncryptionCodec(parsePayloadKeys(k1)).decode([plain])).toEqual([plain]);
  });

  it('refuses a tampered payload and malformed keys', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(k1));
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(note)]);
    const data = Buffer.from(sealed.data ?? []);
    data[20] ^= 1;
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow();
    expect(() => parsePayloadKeys('k1:c2hvcnQ=')).toThrow('32 bytes');
    expect(() => parsePayloadKeys(k1, 'k9')).toThrow('k9');
  });
});
