/** An expectation in SIP terms, with the dialogs and tags it stands for at the time it is shown. */
import type { Expectation } from './expectation.js';
import type { TraceDialog } from './trace-dialog.js';
import { readableValue } from './unbound-inputs.js';

export function describeExpectation(expected: Expectation): string {
  const call = expected.call;
  const on = (leg: string): string => {
    const dialog = call.current(leg);
    return dialog === undefined ? `on ${leg}` : `on ${leg} (${dialog.callId})`;
  };
  if (expected.kind === 'dialTimeout') {
    return `CANCEL on ${expected.leg} (${expected.dialog.callId}): the dial timeout of ${expected.effect.timeoutMs ?? 0} ms expired`;
  }
  const effect = expected.effect;
  switch (effect.kind) {
    case 'dial': {
      const headers = Object.entries(effect.headers).map(([name, value]) => `, ${name}: ${readableValue(value)}`);
      return `INVITE ${readableValue(effect.to)} for ${expected.leg}${headers.join('')}`;
    }
    case 'takeover': {
      const dialog = call.current(expected.leg);
      return `INVITE with Replaces: ${dialog === undefined ? '(no dialog)' : replacesText(dialog)} and Require: replaces, taking over ${expected.leg}`;
    }
    case 'answer':
      return `2xx to the INVITE ${on(expected.leg)}`;
    case 'reject':
      return `${effect.status} to the INVITE ${on(expected.leg)}`;
    case 'hangup':
      return `BYE ${on(expected.leg)}`;
    case 'cancel':
      return `CANCEL ${on(expected.leg)}`;
    case 'hold':
      return `re-INVITE ${on(expected.leg)} with SDP a=sendonly (or inactive, or c=0.0.0.0): hold`;
    case 'unhold':
      return `re-INVITE ${on(expected.leg)} with SDP a=sendrecv: unhold`;
    case 'refer':
      return `REFER ${on(expected.leg)} with Refer-To ${readableValue(effect.to)}`;
    case 'referReplacing': {
      const target = call.current(effect.replacing);
      const replaces = target === undefined ? `(${effect.replacing} has no dialog)` : replacesText(target);
      return `REFER ${on(expected.leg)} with Refer-To <...?Replaces=${replaces}> (${effect.replacing}'s dialog)`;
    }
    case 'notify':
      return `NOTIFY ${on(expected.leg)}, Event: refer, sipfrag SIP/2.0 ${effect.status}`;
  }
}

/** As the peer of the dialog would receive it: to-tag is the peer's own tag. */
function replacesText(dialog: TraceDialog): string {
  return `${dialog.callId};to-tag=${dialog.remoteTag ?? '?'};from-tag=${dialog.localTag ?? '?'}`;
}
