/** Several calls of the flow in one capture, overlapping: each is its own instance, bound by its own dialogs. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { readTrace } from '../../../runtime/trace/index.js';
import { CAPTURE_INPUT, externalTransfer, fixtureTrace } from './fixtures.js';
import { HAPPY_PATH, transitionIds } from './flow-paths.js';
import { manyCallsPcap } from './many-calls.js';
import { replaceFrame } from './trace-edits.js';

let machine: AnyFlowMachine;

beforeAll(async () => {
  ({ machine } = await externalTransfer());
});

describe('a capture of overlapping calls', () => {
  it('replays each call as its own instance and passes', () => {
    // 1 s apart: while one call holds and transfers, the next ones are nailing and reaching out.
    const { pcap, messages } = manyCallsPcap(fixtureTrace('external-transfer-happy.pcap'), 5, 1000);
    const result = simulate(machine, readTrace(pcap, 'five.pcap'), { input: CAPTURE_INPUT });
    expect(result.divergence).toBeUndefined();
    expect(result.counts).toMatchObject({ calls: 5, sipMessages: messages, unrelated: 0 });
    expect(result.assumed.map((a) => `${a.call}:${a.event}`).sort()).toEqual(
      [1, 2, 3, 4, 5].flatMap((c) => [`${c}:Consult`, `${c}:Transfer`]).sort(),
    );
    expect(result.coverage.transitions).toEqual(transitionIds(machine, HAPPY_PATH));
    // Each call's legs are on dialogs of that call only (the generator suffixes Call-IDs with c<n>).
    for (const binding of result.bindings) {
      for (const dialog of binding.dialogs) expect(dialog.callId).toContain(`c${binding.call - 1}@`);
    }
  });

  it('stops at the first divergence, in the call where it happens', () => {
    const trace = readTrace(manyCallsPcap(fixtureTrace('external-transfer-happy.pcap'), 3, 1000).pcap, 'three.pcap');
    // The second call's hold, as sendrecv.
    const holds = trace.items.filter((i) => i.kind === 'sip' && i.message.kind === 'request' && i.message.method === 'INVITE' && i.message.to.tag !== undefined && Buffer.from(i.message.body).includes('a=sendonly'));
    const second = holds[1];
    if (second === undefined) throw new Error('no second hold');
    const result = simulate(machine, replaceFrame(trace, second.frame, (t) => t.replace('a=sendonly', 'a=sendrecv')), { input: CAPTURE_INPUT });
    expect(result.divergence).toMatchObject({ call: 2, frame: second.frame, reason: 'mismatch', assumed: 'Consult' });
  });
});
