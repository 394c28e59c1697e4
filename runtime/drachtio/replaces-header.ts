/**
 * The Replaces value naming one of our dialogs to the UA that will receive
 * the INVITE (RFC 3891 §3): that UA compares `to-tag` with its local tag and
 * `from-tag` with its remote tag, and it is our dialog's peer, so `to-tag`
 * is our remote tag and `from-tag` our local tag.
 */
import type { DialogCoordinates } from './dialog-coordinates.js';
import { escapeUriHeaderValue } from './uri-header-escape.js';

export function replacesValue(dialog: DialogCoordinates): string {
  return `${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`;
}

/**
 * Refer-To for an attended transfer (RFC 5589 §7.1): the peer of `replaced`
 * with `?Replaces=` that dialog, escaped as a URI header value. The URI's
 * own headers, if any, are kept.
 */
export function referToReplacing(replaced: DialogCoordinates): string {
  const target = bareUri(replaced.remoteTarget);
  const separator = target.includes('?') ? '&' : '?';
  return `<${target}${separator}Replaces=${escapeUriHeaderValue(replacesValue(replaced))}>`;
}

/** Refer-To for a blind transfer: the URI as the flow wrote it, in angle brackets so its parameters stay the URI's. */
export function referToUri(uri: string): string {
  return `<${bareUri(uri)}>`;
}

/** Referred-By (RFC 3892): who asks for the transfer. */
export function referredBy(dialog: DialogCoordinates): string {
  return `<${bareUri(dialog.localIdentity)}>`;
}

/** A URI without the angle brackets a name-addr may have put around it. */
function bareUri(uri: string): string {
  const trimmed = uri.trim();
  const lt = trimmed.indexOf('<');
  const gt = trimmed.lastIndexOf('>');
  return lt >= 0 && gt > lt ? trimmed.slice(lt + 1, gt) : trimmed;
}
