/**
 * Small edits on SDP text for hold and unhold (RFC 3264 §5.1, §8.4): set one
 * direction for the whole description and bump the origin's version, since
 * a changed offer must carry a higher version (§8).
 */
import { parseSdpDirection, type SdpDirection } from '../sip/sdp-direction.js';

const DIRECTION_LINE = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/i;
const MAY_NOT_SENDRECV = /a=(?:sendonly|recvonly|inactive)|0\.0\.0\.0/i;

/** The description with every direction attribute replaced by one session-level `a=<direction>`. */
export function withDirection(sdp: string, direction: SdpDirection): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(/\r?\n/).filter((line) => !DIRECTION_LINE.test(line));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const firstMedia = lines.findIndex((line) => line.startsWith('m='));
  const at = firstMedia < 0 ? lines.length : firstMedia;
  lines.splice(at, 0, `a=${direction}`);
  return `${lines.join(eol)}${eol}`;
}

/** The description with its `o=` session version one higher; unchanged when there is no readable `o=` line. */
export function withNextVersion(sdp: string): string {
  return sdp.replace(/^(o=\S+\s+\S+\s+)(\d+)/m, (_whole, head: string, version: string) => `${head}${(BigInt(version) + 1n).toString()}`);
}

/** The `o=` session version of a description, or undefined. */
export function versionOf(sdp: string): bigint | undefined {
  const m = /^o=\S+\s+\S+\s+(\d+)/m.exec(sdp);
  return m?.[1] === undefined ? undefined : BigInt(m[1]);
}

/** The description with this `o=` session version. */
export function withVersion(sdp: string, version: bigint): string {
  return sdp.replace(/^(o=\S+\s+\S+\s+)(\d+)/m, (_whole, head: string) => `${head}${version.toString()}`);
}

/** The direction an answer takes for an offer's direction (RFC 3264 §6.1). */
export function answerDirection(offer: SdpDirection): SdpDirection {
  if (offer === 'sendonly') return 'recvonly';
  if (offer === 'recvonly') return 'sendonly';
  return offer;
}

/** What the peer's description asks for: holding us (sendonly, inactive, c=0.0.0.0) or not. */
export function offersHold(sdp: string): boolean {
  const direction = parseSdpDirection(sdp).direction;
  return direction === 'sendonly' || direction === 'inactive';
}

export function directionOf(sdp: string): SdpDirection {
  // Most offers say nothing or sendrecv and hold no zero address: no parse needed to know it.
  if (!MAY_NOT_SENDRECV.test(sdp)) return 'sendrecv';
  return parseSdpDirection(sdp).direction;
}
