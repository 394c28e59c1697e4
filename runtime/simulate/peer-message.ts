/**
 * What a message from a peer means for its dialog and, through the dialog,
 * for the flow: the leg event it becomes (`ringing`, `answered`,
 * `failed(486)`, `hangup`, `held`, `dtmf(5)`, `refer(to)`, `notify(200)`...)
 * or nothing (100 Trying, the answer to a re-INVITE). Keeps the dialog's
 * state (answered, ended, held) as it goes.
 */
import { asBuffer } from '../sip/buffer-view.js';
import { bodyOfType } from '../sip/body-part.js';
import { eventOf } from '../sip/event.js';
import type { SipRequest, SipResponse } from '../sip/message.js';
import { sdpOf } from '../sip/sdp-direction.js';
import { sipfragOf } from '../sip/sipfrag.js';
import type { DialogSignal } from '../ports/dialog-signal.js';
import { referTo as referToOf } from './message-fields.js';
import type { TraceDialog } from './trace-dialog.js';

export type PeerReading =
  | { readonly kind: 'signal'; readonly signal: DialogSignal }
  | { readonly kind: 'none'; readonly note: string }
  /** The message does not add up (an answer to a request nobody sent): reported, no event. */
  | { readonly kind: 'problem'; readonly reason: string };

/**
 * Signals without data are constants, each with its reading: a replay
 * allocates none per message, and the replay can keep the leg event each
 * becomes (`isConstantSignal`).
 */
const constantReadings = new Map<DialogSignal, PeerReading>();

type ConstantSignalType = 'ringing' | 'early' | 'answered' | 'hangup' | 'replaced' | 'cancelled' | 'held' | 'resumed' | 'referAccepted';

function constant(type: ConstantSignalType): DialogSignal {
  const s: DialogSignal = { type };
  constantReadings.set(s, { kind: 'signal', signal: s });
  return s;
}

const RINGING = constant('ringing');
const EARLY = constant('early');
const ANSWERED = constant('answered');
const HANGUP = constant('hangup');
export const REPLACED = constant('replaced');
const CANCELLED = constant('cancelled');
const HELD = constant('held');
const RESUMED = constant('resumed');
const REFER_ACCEPTED = constant('referAccepted');
/** The status a `dial ... timeout` reports: the INVITE was cancelled because nobody answered in time. */
export const DIAL_TIMEOUT_STATUS = 408;

/** One of the signals above: the same object every time. */
export function isConstantSignal(s: DialogSignal): boolean {
  return constantReadings.has(s);
}

function signal(s: DialogSignal): PeerReading {
  return constantReadings.get(s) ?? { kind: 'signal', signal: s };
}

/** Readings without an event carry constant notes: one object each, not one per message. */
const nones = new Map<string, PeerReading>();

function none(note: string): PeerReading {
  let reading = nones.get(note);
  if (reading === undefined) {
    reading = { kind: 'none', note };
    if (nones.size < 256) nones.set(note, reading);
  }
  return reading;
}

export function readPeerResponse(message: SipResponse, dialog: TraceDialog): PeerReading {
  const { seq, method } = message.cseq;
  const status = message.status;
  if (!dialog.flowSent.has(seq, method)) {
    return { kind: 'problem', reason: `${status} ${method} answers a ${method} (CSeq ${seq}) the flow side did not send in this trace` };
  }
  dialog.noteTags(message);
  if (method === 'INVITE') {
    if (seq !== dialog.inviteSeq) return none(status < 200 ? 'provisional answer to a re-INVITE' : 'answer to a re-INVITE');
    return inviteResponse(status, dialog);
  }
  if (method === 'REFER') {
    if (status < 200) return none('provisional answer to REFER');
    return status < 300 ? signal(REFER_ACCEPTED) : signal({ type: 'referRejected', status });
  }
  return none('answer to a request the flow side sent');
}

function inviteResponse(status: number, dialog: TraceDialog): PeerReading {
  if (status < 200) {
    if (status === 180) return signal(RINGING);
    if (status === 183) return signal(EARLY);
    return none(status === 100 ? '100 Trying' : `provisional ${status}`);
  }
  if (status < 300) {
    if (dialog.answered) return none('another 2xx to the same INVITE (a fork)');
    dialog.answered = true;
    dialog.final = true;
    return signal(ANSWERED);
  }
  const wasFinal = dialog.final;
  dialog.final = true;
  dialog.ended = true;
  if (wasFinal && dialog.answered) return none(`${status} after a 2xx`);
  if (status === 487 && dialog.flowCancelled) return signal(dialog.timedOut ? { type: 'failed', status: DIAL_TIMEOUT_STATUS } : CANCELLED);
  return signal({ type: 'failed', status });
}

export function readPeerRequest(message: SipRequest, dialog: TraceDialog): PeerReading {
  dialog.noteTags(message);
  switch (message.method) {
    case 'BYE':
      dialog.ended = true;
      return signal(dialog.superseded ? REPLACED : HANGUP);
    case 'CANCEL':
      dialog.peerCancelled = true;
      if (dialog.flowIsUac || !dialog.early) return none('CANCEL of an INVITE already answered');
      dialog.ended = true;
      return signal(CANCELLED);
    case 'INVITE':
      return message.to.tag === undefined ? none('INVITE retried') : reInvite(message, dialog);
    case 'INFO':
      return info(message);
    case 'REFER': {
      const referTo = referToOf(message);
      if (referTo === undefined) return { kind: 'problem', reason: 'REFER without Refer-To' };
      if (!referTo.ok) return { kind: 'problem', reason: referTo.reason };
      return signal({ type: 'refer', to: referTo.value.uri });
    }
    case 'NOTIFY': {
      const event = eventOf(message);
      if (event === undefined || !event.ok || event.value.package.toLowerCase() !== 'refer') return none('NOTIFY of another event package');
      const frag = sipfragOf(message);
      if (frag === undefined) return { kind: 'problem', reason: 'NOTIFY (Event: refer) without a message/sipfrag body' };
      if (!frag.ok) return { kind: 'problem', reason: frag.reason };
      return signal({ type: 'notify', status: frag.value.status });
    }
    default:
      return none(message.method);
  }
}

function reInvite(message: SipRequest, dialog: TraceDialog): PeerReading {
  const sdp = sdpOf(message);
  if (sdp === undefined) return none('re-INVITE without SDP');
  const holding = sdp.direction === 'sendonly' || sdp.direction === 'inactive';
  if (holding && !dialog.peerHeld) {
    dialog.peerHeld = true;
    return signal(HELD);
  }
  if (!holding && dialog.peerHeld) {
    dialog.peerHeld = false;
    return signal(RESUMED);
  }
  return none('re-INVITE that changes no hold');
}

const SIGNAL_LINE = /^\s*signal\s*=\s*(\S+)/im;

/** RFC 2976 INFO: `application/dtmf-relay` (`Signal=5`) or `application/dtmf` (the digit); else `info(body)`. */
function info(message: SipRequest): PeerReading {
  const relay = bodyOfType(message, 'application/dtmf-relay');
  if (relay !== undefined) {
    const m = SIGNAL_LINE.exec(asBuffer(relay).toString('utf8'));
    if (m === null) return { kind: 'problem', reason: 'application/dtmf-relay INFO without Signal=' };
    return signal({ type: 'dtmf', digits: dtmfDigit(m[1] ?? '') });
  }
  const plain = bodyOfType(message, 'application/dtmf');
  if (plain !== undefined) return signal({ type: 'dtmf', digits: dtmfDigit(asBuffer(plain).toString('utf8').trim()) });
  return signal({ type: 'info', body: asBuffer(message.body).toString('utf8') });
}

/** Event codes 10 and 11 are `*` and `#` (RFC 4733 §3.2). */
function dtmfDigit(text: string): string {
  if (text === '10') return '*';
  if (text === '11') return '#';
  return text;
}
