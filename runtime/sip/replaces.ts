import { parseHeaderParams } from './header-params.js';
import { trimLws } from './lws.js';
import type { SipMessage } from './message.js';
import { parseFailure, parsedValue, type Parsed } from './parsed.js';

/** `Replaces: call-id;to-tag=...;from-tag=...[;early-only]` (RFC 3891 §6.1): the dialog an INVITE replaces. */
export interface Replaces {
  readonly callId: string;
  readonly toTag: string;
  readonly fromTag: string;
  readonly earlyOnly: boolean;
}

export function parseReplaces(value: string): Parsed<Replaces> {
  const semi = value.indexOf(';');
  const callId = trimLws(semi < 0 ? value : value.slice(0, semi));
  if (callId === '') return parseFailure(`Replaces \`${value}\` has no Call-ID`);
  const { params, unterminatedQuote } = parseHeaderParams(semi < 0 ? '' : value.slice(semi));
  if (unterminatedQuote) return parseFailure(`unterminated quoted parameter in Replaces \`${value}\``);
  const toTag = params.get('to-tag');
  const fromTag = params.get('from-tag');
  if (toTag === undefined || fromTag === undefined) {
    return parseFailure(`Replaces \`${value}\` lacks ${toTag === undefined ? 'to-tag' : 'from-tag'}`);
  }
  return parsedValue({ callId, toTag, fromTag, earlyOnly: params.has('early-only') });
}

/** The message's Replaces header; undefined when it has none. */
export function replacesOf(message: SipMessage): Parsed<Replaces> | undefined {
  const value = message.headers.get('Replaces');
  return value === undefined ? undefined : parseReplaces(value);
}
