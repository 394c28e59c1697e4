/**
 * Does a message from the flow side meet an expectation? Compared in SIP
 * terms: method, dialog (the leg's current one), Request-URI user, Replaces,
 * Refer-To with its embedded Replaces, Event and Subscription-State, the
 * sipfrag status, the SDP direction. The answer is `match`, a `mismatch`
 * saying which detail differs (same method on the same leg: the flow meant
 * this message but the trace has it otherwise), or undefined (unrelated).
 */
import { eventOf, subscriptionStateOf } from '../sip/event.js';
import type { SipMessage } from '../sip/message.js';
import type { Replaces } from '../sip/replaces.js';
import { sipfragOf } from '../sip/sipfrag.js';
import { parseUri } from '../sip/uri.js';
import type { DialEffect } from '../effects.js';
import type { EffectExpectation, Expectation } from './expectation.js';
import type { ReplayCall } from './replay-call.js';
import type { TraceDialog } from './trace-dialog.js';
import { isUnbound } from './unbound-inputs.js';
import { referTo as referToOf, replacesOf, requestUser, sdpSummary } from './message-fields.js';

/** An unbound input compared with what the trace had: recorded only if the match is kept. */
export interface UnboundUse {
  readonly expected: string;
  readonly actual: string;
}

export type MatchResult =
  | { readonly kind: 'match'; readonly unbound?: readonly UnboundUse[]; readonly warning?: string }
  | { readonly kind: 'mismatch'; readonly detail: string }
  | undefined;

const MATCH: MatchResult = { kind: 'match' };

function mismatch(detail: string): MatchResult {
  return { kind: 'mismatch', detail };
}

/** `dialog` is the message's dialog when the trace knew its Call-ID before; undefined for a new INVITE. */
export function matchExpectation(expected: Expectation, message: SipMessage, dialog: TraceDialog | undefined): MatchResult {
  if (expected.kind === 'dialTimeout') {
    return message.kind === 'request' && message.method === 'CANCEL' && dialog === expected.dialog ? MATCH : undefined;
  }
  const effect = expected.effect;
  const call = expected.call;
  if (message.kind === 'response') return matchResponse(expected, message.status, message.cseq.method, message.cseq.seq, dialog);
  const method = message.method;
  if (effect.kind === 'dial') return method === 'INVITE' && dialog === undefined ? matchDial(effect, message) : undefined;
  if (effect.kind === 'takeover') return method === 'INVITE' && dialog === undefined ? matchTakeover(call, effect.leg, message) : undefined;
  if (dialog === undefined || dialog.call !== call || dialog.leg !== expected.leg) return undefined;
  const onCurrent = dialog === call.current(expected.leg);
  switch (effect.kind) {
    case 'hangup':
      if (method === 'BYE' || (method === 'CANCEL' && dialog.flowIsUac && dialog.early)) return current(onCurrent, MATCH);
      return undefined;
    case 'cancel':
      return method === 'CANCEL' ? current(onCurrent, MATCH) : undefined;
    case 'hold':
    case 'unhold':
      return method === 'INVITE' && message.to.tag !== undefined ? current(onCurrent, matchDirection(effect.kind, message)) : undefined;
    case 'refer':
      return method === 'REFER' ? current(onCurrent, matchBlindRefer(effect.to, message)) : undefined;
    case 'referReplacing':
      return method === 'REFER' ? current(onCurrent, matchAttendedRefer(call, effect.replacing, message)) : undefined;
    case 'notify':
      return method === 'NOTIFY' ? current(onCurrent, matchNotify(effect.status, message)) : undefined;
    default:
      return undefined;
  }
}

function current(onCurrent: boolean, result: MatchResult): MatchResult {
  return onCurrent ? result : mismatch('sent on the dialog the leg had before its takeover');
}

function matchResponse(expected: EffectExpectation, status: number, method: string, seq: number, dialog: TraceDialog | undefined): MatchResult {
  if (method !== 'INVITE' || dialog === undefined || dialog.call !== expected.call || dialog.leg !== expected.leg) return undefined;
  if (seq !== dialog.inviteSeq || dialog.flowIsUac || status < 200) return undefined;
  const effect = expected.effect;
  switch (effect.kind) {
    case 'answer':
      return status < 300 ? MATCH : mismatch(`final response ${status} instead of a 2xx`);
    case 'reject':
      if (status === effect.status) return MATCH;
      return mismatch(status < 300 ? `answered with ${status} instead of rejecting with ${effect.status}` : `status ${status} instead of ${effect.status}`);
    case 'hangup':
      // Hanging up an offered call not yet answered is a final failure response.
      return status >= 300 ? MATCH : undefined;
    default:
      return undefined;
  }
}

function matchDial(effect: DialEffect, message: SipMessage): MatchResult {
  if (replacesOf(message) !== undefined) return mismatch('the INVITE carries Replaces (a takeover, not a dial)');
  const unbound: UnboundUse[] = [];
  const requestUri = message.kind === 'request' ? message.requestUri : '';
  if (isUnbound(effect.to)) unbound.push({ expected: effect.to, actual: requestUri });
  else {
    const wanted = userOf(effect.to);
    const actual = requestUser(message);
    if (wanted !== undefined && wanted !== actual) return mismatch(`Request-URI user \`${actual ?? ''}\`, expected \`${wanted}\``);
  }
  for (const name of Object.keys(effect.headers)) {
    const wanted = effect.headers[name] ?? '';
    const actual = message.headers.get(name);
    if (isUnbound(wanted)) {
      if (actual !== undefined) unbound.push({ expected: wanted, actual });
    } else if (actual !== wanted) {
      return mismatch(actual === undefined ? `no ${name} header, expected \`${wanted}\`` : `${name}: \`${actual}\`, expected \`${wanted}\``);
    }
  }
  return unbound.length === 0 ? MATCH : { kind: 'match', unbound };
}

function matchTakeover(call: ReplayCall, leg: string, message: SipMessage): MatchResult {
  const replaced = call.current(leg);
  const replaces = replacesOf(message);
  if (replaces === undefined) return mismatch('the INVITE has no Replaces header');
  if (!replaces.ok) return mismatch(replaces.reason);
  if (replaced === undefined) return mismatch(`leg ${leg} has no dialog to replace`);
  const detail = sameDialog(replaces.value, replaced, 'Replaces');
  if (detail !== undefined) return mismatch(detail);
  if (!requiresReplaces(message)) {
    return { kind: 'match', warning: 'INVITE with Replaces lacks `Require: replaces` (RFC 3891 §4)' };
  }
  return MATCH;
}

/** Whether a `Require` line names `replaces` (header names and option tags compare case-insensitively). */
function requiresReplaces(message: SipMessage): boolean {
  return message.headers.list('Require').some((option) => option.toLowerCase() === 'replaces');
}

/**
 * Replaces names a dialog by Call-ID and the tags as the UA receiving it
 * sees them (to-tag: its own). Which UA that is depends on the dialog's
 * direction and on who will act on it, so either order of the two tags is
 * accepted; both tags must be the dialog's, and different from each other.
 */
export function sameDialog(replaces: Replaces, dialog: TraceDialog, what: string): string | undefined {
  if (replaces.callId !== dialog.callId) return `${what} names Call-ID \`${replaces.callId}\`, the leg's dialog is \`${dialog.callId}\``;
  const a = dialog.uacTag;
  const b = dialog.uasTag;
  const straight = replaces.fromTag === a && replaces.toTag === b;
  const swapped = replaces.fromTag === b && replaces.toTag === a;
  if (straight || swapped) return undefined;
  return `${what} tags to-tag=${replaces.toTag};from-tag=${replaces.fromTag} are not the dialog's (${b ?? '?'}, ${a ?? '?'})`;
}

function matchDirection(kind: 'hold' | 'unhold', message: SipMessage): MatchResult {
  const sdp = sdpSummary(message);
  if (sdp === undefined) return mismatch('re-INVITE without SDP');
  const holding = sdp.direction === 'sendonly' || sdp.direction === 'inactive';
  if (kind === 'hold') {
    return holding ? MATCH : mismatch(`SDP a=${sdp.direction}${sdp.connectionZero ? ' c=0.0.0.0' : ''}, hold needs sendonly, inactive or c=0.0.0.0`);
  }
  return sdp.direction === 'sendrecv' ? MATCH : mismatch(`SDP a=${sdp.direction}${sdp.connectionZero ? ' c=0.0.0.0' : ''}, unhold needs sendrecv`);
}

function matchBlindRefer(to: string, message: SipMessage): MatchResult {
  const referTo = referToOf(message);
  if (referTo === undefined) return mismatch('REFER without Refer-To');
  if (!referTo.ok) return mismatch(referTo.reason);
  if (referTo.value.replaces !== undefined) return mismatch('Refer-To carries Replaces (an attended transfer), expected a blind one');
  if (isUnbound(to)) return { kind: 'match', unbound: [{ expected: to, actual: referTo.value.uri }] };
  const wanted = userOf(to);
  const actual = referTo.value.target.user;
  if (wanted !== undefined && wanted !== actual) return mismatch(`Refer-To user \`${actual ?? ''}\`, expected \`${wanted}\``);
  return MATCH;
}

function matchAttendedRefer(call: ReplayCall, replacing: string, message: SipMessage): MatchResult {
  const referTo = referToOf(message);
  if (referTo === undefined) return mismatch('REFER without Refer-To');
  if (!referTo.ok) return mismatch(referTo.reason);
  const replaces = referTo.value.replaces;
  if (replaces === undefined) return mismatch('Refer-To has no ?Replaces= (a blind transfer), expected an attended one');
  if (!replaces.ok) return mismatch(`Refer-To: ${replaces.reason}`);
  const target = call.current(replacing);
  if (target === undefined) return mismatch(`leg ${replacing} has no dialog`);
  const detail = sameDialog(replaces.value, target, 'Refer-To Replaces');
  return detail === undefined ? MATCH : mismatch(detail);
}

function matchNotify(status: number, message: SipMessage): MatchResult {
  const event = eventOf(message);
  if (event === undefined || !event.ok || event.value.package.toLowerCase() !== 'refer') {
    return mismatch(`Event: ${message.headers.get('Event') ?? '(none)'}, expected refer`);
  }
  const frag = sipfragOf(message);
  if (frag === undefined) return mismatch('NOTIFY without a message/sipfrag body');
  if (!frag.ok) return mismatch(frag.reason);
  if (frag.value.status !== status) return mismatch(`sipfrag SIP/2.0 ${frag.value.status}, expected ${status}`);
  const state = subscriptionStateOf(message);
  if (state !== undefined && state.ok) {
    // RFC 3515 §2.4.7: the NOTIFY with a final status ends the implicit subscription.
    const final = status >= 200;
    if (final !== (state.value.state === 'terminated')) {
      return mismatch(`Subscription-State: ${state.value.state}, expected ${final ? 'terminated' : 'active'} for sipfrag ${status}`);
    }
  }
  return MATCH;
}

/**
 * The Request-URI user a dial's INVITE must have; undefined when any will
 * do (an input not given, a URI without a user). Pending dials are indexed
 * by it (pending-invites.ts), so it must agree with matchDial.
 */
export function dialUser(effect: DialEffect): string | undefined {
  return isUnbound(effect.to) ? undefined : userOf(effect.to);
}

/** The flow's URIs are few (its inputs and constants) and compared once per call: read each once. */
const users = new Map<string, string | undefined>();
const MAX_CACHED_USERS = 1024;

function userOf(uri: string): string | undefined {
  if (users.has(uri)) return users.get(uri);
  const parsed = parseUri(uri);
  const user = parsed.ok ? parsed.value.user : undefined;
  if (users.size < MAX_CACHED_USERS) users.set(uri, user);
  return user;
}
