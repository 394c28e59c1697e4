/**
 * What an in-dialog request from the peer means for the flow, and how the
 * adapter answers it: INFO carrying DTMF (RFC 2976 `application/dtmf-relay`
 * or `application/dtmf`) is `dtmf(digits)`, other INFO `info(body)`, REFER
 * `refer(to)` answered 202, NOTIFY of the refer event package with a sipfrag
 * `notify(status)`. The same readings as simulate's (docs/simulate.md), so a
 * flow behaves live as it replays.
 */
import type { DialogSignal } from '../ports/dialog-signal.js';
import { parseEventHeader } from '../sip/event.js';
import { parseReferTo } from '../sip/refer-to.js';
import { parseSipfragStatus } from '../sip/sipfrag.js';
import { headerOf } from './sip-header.js';
import type { SrfMessage } from './srf-api.js';

export type PeerReading =
  /** Answer with `status`, then give the flow the signal. */
  | { readonly kind: 'signal'; readonly signal: DialogSignal; readonly status: number }
  /** Answer with `status`; nothing for the flow. `note` says why (for the log). */
  | { readonly kind: 'answer'; readonly status: number; readonly note: string };

function answer(status: number, note: string): PeerReading {
  return { kind: 'answer', status, note };
}

function signal(value: DialogSignal, status = 200): PeerReading {
  return { kind: 'signal', signal: value, status };
}

/** `type/subtype` of the message's body, lowercased, without parameters. */
export function contentTypeOf(message: SrfMessage): string {
  const value = headerOf(message, 'Content-Type') ?? '';
  return (value.split(';', 1)[0] ?? '').trim().toLowerCase();
}

const SIGNAL_LINE = /^\s*signal\s*=\s*(\S+)/im;

/** Event codes 10 and 11 are `*` and `#` (RFC 4733 §3.2). */
export function dtmfDigit(text: string): string {
  if (text === '10') return '*';
  if (text === '11') return '#';
  return text;
}

export function readInfo(message: SrfMessage): PeerReading {
  const type = contentTypeOf(message);
  const body = message.body ?? '';
  if (type === 'application/dtmf-relay') {
    const m = SIGNAL_LINE.exec(body);
    if (m === null) return answer(400, 'application/dtmf-relay INFO without Signal=');
    return signal({ type: 'dtmf', digits: dtmfDigit(m[1] ?? '') });
  }
  if (type === 'application/dtmf') {
    const digit = body.trim();
    return digit === '' ? answer(400, 'empty application/dtmf INFO') : signal({ type: 'dtmf', digits: dtmfDigit(digit) });
  }
  return signal({ type: 'info', body });
}

export function readRefer(message: SrfMessage): PeerReading {
  const value = headerOf(message, 'Refer-To');
  if (value === undefined) return answer(400, 'REFER without Refer-To');
  const referTo = parseReferTo(value);
  if (!referTo.ok) return answer(400, referTo.reason);
  // 202: the REFER is accepted; its progress is the flow's to report (`notify leg status N`).
  return signal({ type: 'refer', to: referTo.value.uri }, 202);
}

export function readNotify(message: SrfMessage): PeerReading {
  const value = headerOf(message, 'Event');
  const event = value === undefined ? undefined : parseEventHeader(value);
  if (event === undefined || !event.ok || event.value.package.toLowerCase() !== 'refer') {
    return answer(200, 'NOTIFY of another event package');
  }
  if (contentTypeOf(message) !== 'message/sipfrag') return answer(400, 'NOTIFY (Event: refer) without a message/sipfrag body');
  const frag = parseSipfragStatus(message.body ?? '');
  if (!frag.ok) return answer(400, frag.reason);
  return signal({ type: 'notify', status: frag.value.status });
}
