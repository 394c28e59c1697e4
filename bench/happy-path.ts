/**
 * The happy path of the POM external transfer, as the flow sees it: the
 * SIPp capture's ladder (test/sipp/external-transfer-happy/ladder.txt) turned
 * into leg signals and desk commands, plus the NOTIFY 100 Trying a real
 * transferee sends first. 13 events from Nailing to Disposed.
 */
import type { FlowEvent } from '../runtime/machine.js';
import type { DialogSignal } from '../runtime/ports/dialog-signal.js';
import type { PeerEvent, PeerLeg } from './peers/external-transfer-xstate.js';

export type PathStep =
  /** A port reports `signal` on the dialog `leg` is on; the flow sees `${leg}.${signal.type}`. */
  | { readonly kind: 'leg'; readonly leg: PeerLeg; readonly signal: DialogSignal; readonly event: PeerEvent & FlowEvent }
  /** A desk command delivered to the session. */
  | { readonly kind: 'app'; readonly event: PeerEvent & FlowEvent };

function leg(legName: PeerLeg, signal: DialogSignal): PathStep {
  return { kind: 'leg', leg: legName, signal, event: { ...signal, type: `${legName}.${signal.type}` } as PeerEvent & FlowEvent };
}

function app(type: 'Consult' | 'CancelConsult' | 'Transfer'): PathStep {
  return { kind: 'app', event: { type } };
}

export const HAPPY_PATH: readonly PathStep[] = [
  leg('agent', { type: 'ringing' }),
  leg('agent', { type: 'answered' }), // Nailing -> Outreach
  leg('customer', { type: 'ringing' }),
  leg('customer', { type: 'answered' }), // Outreach -> Anchoring
  leg('customer', { type: 'answered' }), // the takeover INVITE's 200: Anchoring -> Talking
  app('Consult'), // Talking -> Consulting
  leg('external', { type: 'ringing' }),
  leg('external', { type: 'answered' }), // Consulting -> Consult
  app('Transfer'), // Consult -> Transferring
  leg('external', { type: 'referAccepted' }), // 202 Accepted: nothing to do
  leg('external', { type: 'notify', status: 100 }), // guarded, targetless
  leg('customer', { type: 'hangup' }), // the gateway drops our customer leg once it merges
  leg('external', { type: 'notify', status: 200 }), // Transferring -> Disposed
];

export const HAPPY_PATH_EVENTS: readonly (PeerEvent & FlowEvent)[] = HAPPY_PATH.map((s) => s.event);

export const HAPPY_PATH_FINAL_STATE = 'Disposed';
