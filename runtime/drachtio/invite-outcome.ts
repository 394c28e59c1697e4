/**
 * What the answers to an INVITE we sent mean for the flow (docs/simulate.md,
 * "Peer messages become leg events"): 180 is `ringing`, 183 `early`, other
 * provisional answers nothing; a 2xx `answered`; a failure `failed(status)`,
 * except the 487 after our own CANCEL, which is `cancelled`, or `failed(408)`
 * when the CANCEL was the dial timeout's.
 */
import type { DialogSignal } from '../ports/dialog-signal.js';

/** The status a `dial ... timeout` reports when nobody answered in time. */
export const DIAL_TIMEOUT_STATUS = 408;

export function provisionalSignal(status: number): DialogSignal | undefined {
  if (status === 180) return { type: 'ringing' };
  if (status === 183) return { type: 'early' };
  return undefined;
}

export interface CancelState {
  readonly cancelRequested: boolean;
  readonly timedOut: boolean;
}

export function failureSignal(status: number, state: CancelState): DialogSignal {
  if (state.cancelRequested && (status === 487 || status === 408)) {
    return state.timedOut ? { type: 'failed', status: DIAL_TIMEOUT_STATUS } : { type: 'cancelled' };
  }
  return { type: 'failed', status };
}
