/**
 * flows/pom/external-transfer.flow written by hand as an XState v5 machine:
 * the same states, events, guards and targets. Verbs are no-op actions with
 * their operands as params (XState would run them; the flow returns them as
 * effects). Leg states are tracked in context the way the generated machine
 * tracks `snapshot.legs`: every leg event moves its leg (ringing -> early,
 * answered -> connected, failed/hangup/cancelled/replaced -> ended), on the
 * transition a state takes or, when no state handles the event, at the root;
 * verbs move legs too (dial/takeover -> dialing, hold -> held, unhold ->
 * connected, cancel/hangup -> ended).
 * bench/equivalence.ts checks the two agree step by step.
 */
import { assign, setup } from 'xstate';
import type { LegState } from '../../runtime/values.js';

export type PeerLeg = 'agent' | 'customer' | 'external';

export interface PeerInput {
  readonly agentUri: string;
  readonly customerUri: string;
  readonly externalUri: string;
  readonly mohPrompt?: string;
}

export interface PeerContext {
  readonly agentUri: string;
  readonly customerUri: string;
  readonly externalUri: string;
  readonly mohPrompt: string;
  readonly legs: Readonly<Record<PeerLeg, LegState>>;
}

/** Every event the flow declares, as the generated machine receives it (flat objects). */
export type PeerEvent =
  | { readonly type: `${PeerLeg}.${'ringing' | 'early' | 'answered' | 'hangup' | 'cancelled' | 'held' | 'resumed' | 'referAccepted' | 'replaced'}` }
  | { readonly type: `${PeerLeg}.${'failed' | 'referRejected' | 'notify'}`; readonly status: number }
  | { readonly type: `${PeerLeg}.${'dtmf' | 'collected'}`; readonly digits: string }
  | { readonly type: `${PeerLeg}.info`; readonly body: string }
  | { readonly type: `${PeerLeg}.refer`; readonly to: string }
  | { readonly type: 'Consult' | 'CancelConsult' | 'Transfer' };

/** The flow's timers (`$timer` events by timer name) as the delayed events XState raises for the same `after`s. */
export const PEER_TIMER_EVENTS: Readonly<Record<string, string>> = {
  'Transferring#0': 'xstate.after.32000.ExternalTransfer.Transferring',
  'CustomerDropped#0': 'xstate.after.32000.ExternalTransfer.HandedOver.CustomerDropped',
  'Transferred#0': 'xstate.after.32000.ExternalTransfer.HandedOver.Transferred',
};

/** What a leg event does to its leg; events not listed leave it as it is. */
const PHASE: Readonly<Record<string, LegState>> = {
  ringing: 'early',
  early: 'early',
  answered: 'connected',
  failed: 'ended',
  hangup: 'ended',
  cancelled: 'ended',
  replaced: 'ended',
};

const LEGS: readonly PeerLeg[] = ['agent', 'customer', 'external'];

const machineSetup = setup({
  types: {
    context: {} as PeerContext,
    events: {} as PeerEvent,
    input: {} as PeerInput,
  },
  actions: {
    // Verbs: the flow returns these as effects; here they do nothing, which flatters the peer.
    dial: (_, _params: { leg: PeerLeg; to: 'agentUri' | 'customerUri' | 'externalUri'; timeoutMs: number }) => {},
    takeover: (_, _params: { leg: PeerLeg }) => {},
    bridge: (_, _params: { a: PeerLeg; b: PeerLeg }) => {},
    unbridge: (_, _params: { a: PeerLeg; b: PeerLeg }) => {},
    hold: (_, _params: { leg: PeerLeg; music: 'mohPrompt' }) => {},
    unhold: (_, _params: { leg: PeerLeg }) => {},
    cancel: (_, _params: { leg: PeerLeg }) => {},
    hangup: (_, _params: { leg: PeerLeg }) => {},
    referReplacing: (_, _params: { leg: PeerLeg; replacing: PeerLeg }) => {},
    emitDisposed: (_, _params: { code: string }) => {},
    emitTransferFailed: (_, _params: { status: number | 'event' }) => {},
  },
  guards: {
    provisionalNotify: ({ event }) => event.type === 'external.notify' && event.status >= 100 && event.status < 200,
    successNotify: ({ event }) => event.type === 'external.notify' && event.status >= 200 && event.status < 300,
    failureNotify: ({ event }) => event.type === 'external.notify' && event.status >= 300,
  },
});

/** One assign per (leg, state), built once and shared by every transition that moves that leg there. */
const moves = new Map<string, ReturnType<typeof moveLeg>>();

function moveLeg(leg: PeerLeg, phase: LegState) {
  return assign<PeerContext, PeerEvent, undefined, PeerEvent, never>({ legs: ({ context }) => ({ ...context.legs, [leg]: phase }) });
}

function move(leg: PeerLeg, phase: LegState): ReturnType<typeof moveLeg> {
  const key = `${leg}:${phase}`;
  let found = moves.get(key);
  if (found === undefined) moves.set(key, (found = moveLeg(leg, phase)));
  return found;
}

/** The leg-state action for `leg.event`, or none for events that do not move a leg. */
function track(event: string): ReturnType<typeof moveLeg>[] {
  const dot = event.indexOf('.');
  const phase = dot < 0 ? undefined : PHASE[event.slice(dot + 1)];
  return phase === undefined ? [] : [move(event.slice(0, dot) as PeerLeg, phase)];
}

/** Root handlers: a leg event no state takes still moves its leg, as in the generated machine. */
function rootTracking(): Record<string, { actions: ReturnType<typeof moveLeg>[] }> {
  const on: Record<string, { actions: ReturnType<typeof moveLeg>[] }> = {};
  for (const leg of LEGS) for (const name of Object.keys(PHASE)) on[`${leg}.${name}`] = { actions: track(`${leg}.${name}`) };
  return on;
}

// Verbs that move a leg do so right after the verb, as the generated machine does.
const dial = (leg: PeerLeg, to: 'agentUri' | 'customerUri' | 'externalUri', timeoutMs: number) =>
  [{ type: 'dial', params: { leg, to, timeoutMs } }, move(leg, 'dialing')] as const;
const takeover = (leg: PeerLeg) => [{ type: 'takeover', params: { leg } }, move(leg, 'dialing')] as const;
const hold = (leg: PeerLeg) => [{ type: 'hold', params: { leg, music: 'mohPrompt' } }, move(leg, 'held')] as const;
const unhold = (leg: PeerLeg) => [{ type: 'unhold', params: { leg } }, move(leg, 'connected')] as const;
const cancel = (leg: PeerLeg) => [{ type: 'cancel', params: { leg } }, move(leg, 'ended')] as const;
const hangup = (leg: PeerLeg) => [{ type: 'hangup', params: { leg } }, move(leg, 'ended')] as const;
const bridge = (a: PeerLeg, b: PeerLeg) => ({ type: 'bridge', params: { a, b } }) as const;
const unbridge = (a: PeerLeg, b: PeerLeg) => ({ type: 'unbridge', params: { a, b } }) as const;
const disposed = (code: string) => ({ type: 'emitDisposed', params: { code } }) as const;
const transferFailed = (status: number | 'event') => ({ type: 'emitTransferFailed', params: { status } }) as const;

export const externalTransferPeer = machineSetup.createMachine({
  id: 'ExternalTransfer',
  context: ({ input }) => ({
    agentUri: input.agentUri,
    customerUri: input.customerUri,
    externalUri: input.externalUri,
    mohPrompt: input.mohPrompt ?? 'moh/default',
    legs: { agent: 'idle', customer: 'idle', external: 'idle' },
  }),
  initial: 'Nailing',
  on: rootTracking(),
  states: {
    Nailing: {
      entry: [...dial('agent', 'agentUri', 30_000)],
      on: {
        'agent.answered': { target: 'Outreach', actions: track('agent.answered') },
        'agent.failed': { target: 'Failed', actions: track('agent.failed') },
      },
    },
    Outreach: {
      entry: [...dial('customer', 'customerUri', 45_000)],
      on: {
        'customer.answered': { target: 'Anchoring', actions: track('customer.answered') },
        'customer.failed': { target: 'NoCustomer', actions: track('customer.failed') },
        'agent.hangup': { target: 'Failed', actions: [...track('agent.hangup'), ...cancel('customer')] },
      },
    },
    Anchoring: {
      entry: [...takeover('customer')],
      on: {
        'customer.answered': { target: 'Talking', actions: track('customer.answered') },
        'customer.failed': { target: 'NoCustomer', actions: track('customer.failed') },
        'customer.hangup': { target: 'NoCustomer', actions: track('customer.hangup') },
        'agent.hangup': { target: 'Failed', actions: [...track('agent.hangup'), ...hangup('customer')] },
      },
    },
    Talking: {
      entry: [bridge('agent', 'customer')],
      on: {
        Consult: { target: 'Consulting' },
        'customer.hangup': { target: 'Disposed', actions: [...track('customer.hangup'), disposed('Customer hangup')] },
        'agent.hangup': { target: 'Failed', actions: [...track('agent.hangup'), ...hangup('customer')] },
      },
    },
    Consulting: {
      entry: [unbridge('agent', 'customer'), ...hold('customer'), ...dial('external', 'externalUri', 30_000)],
      on: {
        'external.answered': { target: 'Consult', actions: track('external.answered') },
        'external.failed': { target: 'Talking', actions: [...track('external.failed'), ...unhold('customer')] },
        CancelConsult: { target: 'Talking', actions: [...cancel('external'), ...unhold('customer')] },
        'customer.hangup': { target: 'Disposed', actions: [...track('customer.hangup'), ...cancel('external'), disposed('Customer hangup')] },
        'agent.hangup': { target: 'Failed', actions: [...track('agent.hangup'), ...cancel('external'), ...hangup('customer')] },
      },
    },
    Consult: {
      entry: [bridge('agent', 'external')],
      on: {
        Transfer: { target: 'Transferring' },
        CancelConsult: { target: 'Talking', actions: [...hangup('external'), ...unhold('customer')] },
        'external.hangup': { target: 'Talking', actions: [...track('external.hangup'), ...unhold('customer')] },
        'customer.hangup': { target: 'Disposed', actions: [...track('customer.hangup'), ...hangup('external'), disposed('Customer hangup')] },
        'agent.hangup': { target: 'Failed', actions: [...track('agent.hangup'), ...hangup('external'), ...hangup('customer')] },
      },
    },
    Transferring: {
      entry: [{ type: 'referReplacing', params: { leg: 'external', replacing: 'customer' } }],
      on: {
        'external.referRejected': { target: 'Consult', actions: [transferFailed('event')] },
        'customer.hangup': { target: 'HandedOver.CustomerDropped', actions: track('customer.hangup') },
        'external.notify': [
          { guard: 'provisionalNotify' },
          { guard: 'successNotify', target: 'HandedOver.Transferred', actions: [...hangup('external'), disposed('Transferred to external number')] },
          { guard: 'failureNotify', target: 'Consult', actions: [transferFailed('event')] },
        ],
        'external.hangup': { target: 'Talking', actions: [...track('external.hangup'), ...unhold('customer')] },
        'agent.hangup': { target: 'Failed', actions: [...track('agent.hangup'), ...hangup('external'), ...hangup('customer')] },
      },
      after: {
        32_000: { target: 'Consult', actions: [transferFailed(408)] },
      },
    },
    HandedOver: {
      initial: 'CustomerDropped',
      on: {
        'agent.hangup': { actions: track('agent.hangup') },
      },
      states: {
        CustomerDropped: {
          on: {
            'external.notify': [
              { guard: 'successNotify', target: '#ExternalTransfer.Disposed', actions: [...hangup('external'), disposed('Transferred to external number')] },
              { guard: 'failureNotify', target: '#ExternalTransfer.Disposed', actions: [...hangup('external'), disposed('Customer hangup')] },
            ],
            'external.hangup': { target: '#ExternalTransfer.Disposed', actions: [...track('external.hangup'), disposed('Transferred to external number')] },
          },
          after: {
            32_000: { target: '#ExternalTransfer.Disposed', actions: [...hangup('external'), disposed('Transferred to external number')] },
          },
        },
        Transferred: {
          on: {
            'customer.hangup': { target: '#ExternalTransfer.Disposed', actions: track('customer.hangup') },
          },
          after: {
            32_000: { target: '#ExternalTransfer.Disposed', actions: [...hangup('customer')] },
          },
        },
      },
    },
    Disposed: { type: 'final' },
    NoCustomer: { type: 'final' },
    Failed: { type: 'final' },
  },
});
