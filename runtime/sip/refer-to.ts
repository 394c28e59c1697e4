import type { SipMessage } from './message.js';
import { parseNameAddr } from './name-addr.js';
import { parseFailure, parsedValue, type Parsed } from './parsed.js';
import { unescapePercent } from './percent-encoding.js';
import { parseReplaces, type Replaces } from './replaces.js';
import { parseUri, uriHeader, type Uri } from './uri.js';

/**
 * `Refer-To` (RFC 3515 §2.1): the refer target, and for an attended
 * transfer the dialog to replace, carried as an escaped `?Replaces=` URI
 * header (RFC 3891 §7.1, RFC 5589 §7.1).
 */
export interface ReferTo {
  /** The target URI as written, without its `?headers` part. */
  readonly uri: string;
  readonly target: Uri;
  /** Present when the URI carries `?Replaces=`; a failure says why it cannot be read. */
  readonly replaces: Parsed<Replaces> | undefined;
  /** Header parameters after the URI. */
  readonly params: ReadonlyMap<string, string>;
}

export function parseReferTo(value: string): Parsed<ReferTo> {
  const nameAddr = parseNameAddr(value);
  if (!nameAddr.ok) return parseFailure(`Refer-To: ${nameAddr.reason}`);
  const written = nameAddr.value.uri;
  const target = parseUri(written);
  if (!target.ok) return parseFailure(`Refer-To: ${target.reason}`);
  const question = written.indexOf('?', written.indexOf('@') + 1);
  const raw = uriHeader(target.value, 'Replaces');
  return parsedValue({
    uri: question < 0 ? written : written.slice(0, question),
    target: target.value,
    replaces: raw === undefined ? undefined : parseReplaces(unescapeTwice(raw)),
    params: nameAddr.value.params,
  });
}

/**
 * The URI header value is already unescaped once. Some senders escape it
 * twice (`%253B`); if no `;` appeared but an escaped one remains, undo the
 * second layer too, rather than report a Replaces without tags.
 */
function unescapeTwice(value: string): string {
  return value.indexOf(';') < 0 && /%3b/i.test(value) ? unescapePercent(value) : value;
}

/** The message's Refer-To header; undefined when it has none. */
export function referToOf(message: SipMessage): Parsed<ReferTo> | undefined {
  const value = message.headers.get('Refer-To');
  return value === undefined ? undefined : parseReferTo(value);
}
