/**
 * ExternalTransfer driven on the fake drachtio to the points where a restart
 * is interesting: Talking (agent, customer and the takeover up) and
 * Transferring (the 32 s NOTIFY timer armed). Used by the resume tests over
 * a LiveSystem (live-system.test.ts) and over a whole LiveApp with a Redis
 * store (live-app-redis.test.ts).
 */
import { expect } from 'vitest';
import type { LiveSystem } from '../../../runtime/live/live-system.js';
import { FlowSession } from '../../../runtime/session/flow-session.js';
import { peerRequest, settle, type FakeSrf } from '../drachtio/fake-drachtio.js';
import { EXTERNAL_TRANSFER_INPUTS } from './memory-live.js';

export interface OnFakeDrachtio {
  readonly srf: FakeSrf;
  readonly system: LiveSystem;
}

function started(value: unknown): FlowSession {
  if (!(value instanceof FlowSession)) throw new Error(`not started: ${JSON.stringify(value)}`);
  return value;
}

/** Runs ExternalTransfer to Talking: agent, customer and the takeover up, the gateway's BYE on the replaced dialog. */
export async function toTalking(live: OnFakeDrachtio, key = 'c1') {
  const session = started(live.system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, key));
  const answer = async () => {
    await settle();
    const dialog = live.srf.lastUac().sent().answer();
    await settle();
    return dialog;
  };
  await answer(); // agent
  const customer = await answer();
  await answer(); // the takeover of the customer
  peerRequest(customer, 'BYE'); // the gateway ends the dialog the takeover replaced
  expect(session.snapshot?.configuration).toEqual(['Talking']);
  return { session, answer };
}

/** On to Transferring (the 32 s NOTIFY timer armed), saved. */
export async function toTransferring(live: OnFakeDrachtio, key = 'c1') {
  const { session, answer } = await toTalking(live, key);
  expect(session.deliver({ type: 'Consult' })).toBeUndefined();
  await settle();
  live.srf.agent.respond(live.srf.agent.last('INVITE'), 200, { body: 'v=0\r\n' }); // the hold re-INVITE
  await answer(); // external
  expect(session.deliver({ type: 'Transfer' })).toBeUndefined();
  await settle();
  live.srf.agent.respond(live.srf.agent.last('REFER'), 202);
  await settle();
  await live.system.persister.flush();
  expect(session.snapshot?.configuration).toEqual(['Transferring']);
  expect(session.pendingTimers()).toHaveLength(1);
  return { session };
}
