import { createHash } from 'node:crypto';

/** The project's own namespace for name-based ids. */
const NAMESPACE = Buffer.from('6f1d4c3a9b2e4e57a0d1c2b3a4958677', 'hex');

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1) in the project's namespace: the same name gives
 * the same id, so a repeated request finds what its first attempt started.
 */
export function nameBasedUuid(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
