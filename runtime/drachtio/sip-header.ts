/**
 * Reads a header whatever form the peer wrote it in. drachtio-srf keys
 * headers as they arrived, so `Refer-To` sent compact (`r:`) is found only
 * under `r` (RFC 3261 §7.3.3, RFC 3515 §2.1, RFC 3892 §3, RFC 6665 §8.2.1).
 */
import type { SrfMessage } from './srf-api.js';

const COMPACT: Readonly<Record<string, string>> = {
  'call-id': 'i',
  contact: 'm',
  'content-type': 'c',
  event: 'o',
  from: 'f',
  'refer-to': 'r',
  'referred-by': 'b',
  supported: 'k',
  to: 't',
};

export function headerOf(message: SrfMessage, name: string): string | undefined {
  const value = message.get(name);
  if (value !== undefined) return value;
  const compact = COMPACT[name.toLowerCase()];
  return compact === undefined ? undefined : message.get(compact);
}
