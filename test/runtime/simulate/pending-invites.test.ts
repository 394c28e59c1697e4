/**
 * The index of pending dials and takeovers answers as a scan of them in
 * the order they were made would: the oldest one a new INVITE meets, dials
 * by Request-URI user or any user, takeovers only of the call whose dialog
 * Replaces names; and what the INVITE nearly met, among those pending when
 * it was first looked for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { expectationOf, type Expectation, type SipEffect } from '../../../runtime/simulate/expectation.js';
import { PendingInvites } from '../../../runtime/simulate/pending-invites.js';
import { ReplayCall } from '../../../runtime/simulate/replay-call.js';
import { createReplayPorts } from '../../../runtime/simulate/replay-ports.js';
import { TraceDialog } from '../../../runtime/simulate/trace-dialog.js';
import { prepareInput } from '../../../runtime/simulate/unbound-inputs.js';
import { externalTransfer } from './fixtures.js';
import { sipRequest, sipResponse } from './sip-text.js';

const AT = { line: 1, column: 1 };
let machine: AnyFlowMachine;
let number = 0;

beforeAll(async () => {
  ({ machine } = await externalTransfer());
});

function newCall(): ReplayCall {
  return new ReplayCall(++number, machine, { ports: createReplayPorts(), clock: new VirtualClock() }, {});
}

function dial(call: ReplayCall, to: string, headers: Record<string, string> = {}): Expectation {
  return made({ kind: 'dial', leg: 'customer', to, headers, at: AT }, call);
}

function made(effect: SipEffect, call: ReplayCall): Expectation {
  const expectation = expectationOf(effect, call, 1, 0);
  if (expectation === undefined) throw new Error('no expectation');
  return expectation;
}

function invite(user: string, extra: string[] = []): ReturnType<typeof sipRequest> {
  return sipRequest('INVITE', { uri: `sip:${user}@10.0.0.2`, to: '<sip:x@10.0.0.2>', extra });
}

/** A confirmed dialog of `call` on `leg`, tags `a` (ours) and `b`. */
function bound(call: ReplayCall, leg: string, callId: string): TraceDialog {
  const dialog = new TraceDialog(callId, true, 1, sipRequest('INVITE', { callId, from: '<sip:mpp@10.0.0.1>;tag=a', to: '<sip:x@10.0.0.2>' }));
  dialog.noteTags(sipResponse('200 OK', { callId, from: '<sip:mpp@10.0.0.1>;tag=a', to: '<sip:x@10.0.0.2>;tag=b' }));
  call.bind(leg, dialog, 'dialed');
  return dialog;
}

describe('PendingInvites', () => {
  it('meets the oldest dial the INVITE can meet, by user or any user', () => {
    const index = new PendingInvites();
    const unbound = prepareInput(machine, {}).input['customerUri'];
    if (typeof unbound !== 'string') throw new Error('no placeholder');
    const [a, b, c, d] = [newCall(), newCall(), newCall(), newCall()];
    const other = dial(a, 'sip:+1999@gw');
    const first = dial(b, 'sip:+1555@gw');
    const anyone = dial(c, unbound);
    const second = dial(d, 'sip:+1555@gw');
    for (const e of [other, first, anyone, second]) index.add(e);
    expect(index.find(invite('+1555'), new Map())?.expectation).toBe(first);
    index.remove(first);
    // The dial that takes any user is older than the second +1555 one.
    expect(index.find(invite('+1555'), new Map())?.expectation).toBe(anyone);
    index.remove(anyone);
    expect(index.find(invite('+1555'), new Map())?.expectation).toBe(second);
    expect(index.find(invite('+1777'), new Map())).toBeUndefined();
    // An INVITE with Replaces meets no dial.
    expect(index.find(invite('+1999', ['Replaces: x;to-tag=1;from-tag=2']), new Map())).toBeUndefined();
  });

  it('compares the headers a dial asks for, and goes on to a younger dial that has them', () => {
    const index = new PendingInvites();
    const picky = dial(newCall(), 'sip:+1555@gw', { 'X-Campaign': '7' });
    const plain = dial(newCall(), 'sip:+1555@gw');
    index.add(picky);
    index.add(plain);
    expect(index.find(invite('+1555'), new Map())?.expectation).toBe(plain);
    expect(index.find(invite('+1555', ['X-Campaign: 7']), new Map())?.expectation).toBe(picky);
  });

  it('meets a takeover only from the call whose dialog Replaces names', () => {
    const index = new PendingInvites();
    const [one, two] = [newCall(), newCall()];
    const dialogs = new Map([
      ['c1@10.0.0.1', bound(one, 'customer', 'c1@10.0.0.1')],
      ['c2@10.0.0.1', bound(two, 'customer', 'c2@10.0.0.1')],
    ]);
    const takeOne = made({ kind: 'takeover', leg: 'customer', at: AT }, one);
    const takeTwo = made({ kind: 'takeover', leg: 'customer', at: AT }, two);
    index.add(takeOne);
    index.add(takeTwo);
    const replacing = (callId: string) => invite('+1555', [`Replaces: ${callId};to-tag=b;from-tag=a`, 'Require: replaces']);
    expect(index.find(replacing('c2@10.0.0.1'), dialogs)?.expectation).toBe(takeTwo);
    expect(index.find(replacing('c1@10.0.0.1'), dialogs)?.expectation).toBe(takeOne);
    expect(index.find(replacing('c9@10.0.0.1'), dialogs)).toBeUndefined();
    expect(index.find(invite('+1555'), dialogs)).toBeUndefined();
  });

  it('says what the INVITE nearly met among those pending at the mark, oldest first', () => {
    const index = new PendingInvites();
    const older = dial(newCall(), 'sip:+1999@gw');
    index.add(older);
    const mark = index.mark;
    index.add(dial(newCall(), 'sip:+1888@gw'));
    expect(index.near(invite('+1555'), mark)).toMatchObject({ expectation: older, detail: 'Request-URI user `+1555`, expected `+1999`' });
    expect(index.near(invite('+1555'), 0)).toBeUndefined();
  });
});
