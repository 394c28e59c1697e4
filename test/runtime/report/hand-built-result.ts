/**
 * SimulationResults built by hand for the renderer tests: a small flow
 * (caller answered, put on hold with music from a media server, a hold
 * timer, hangup) and a trace of it that passes, and one that diverges.
 * Built by hand so the renderers are tested against the result contract,
 * not against whatever the replay engine produces today.
 */
import type { FlowDescription } from '../../../runtime/machine.js';
import type { ReportFlow } from '../../../runtime/report/index.js';
import type { Divergence, SimulationResult, SimulationStep, SipStep } from '../../../runtime/simulate/index.js';

export const FLOW_TEXT = [
  'flow Hold {', //                                       1
  '  initial state Ringing {', //                        2
  '    entry { dial caller to callerUri }', //           3
  '    on caller.answered -> Talking', //                4
  '  }', //                                              5
  '  state Talking {', //                                6
  '    on Hold -> Held', //                              7
  '    on caller.hangup -> Done  // the usual end', //   8
  '  }', //                                              9
  '  state Held {', //                                  10
  '    entry { hold caller music moh }', //             11
  '    after 30s -> Talking { unhold caller }', //      12
  '    on caller.hangup when true -> Done', //          13
  '  }', //                                             14
  '  final state Done', //                              15
  '}', //                                               16
  '',
].join('\n');

export const FLOW: FlowDescription = {
  name: 'Hold',
  source: 'flows/hold.flow',
  legs: [{ name: 'caller', inbound: false }],
  inputs: [{ name: 'callerUri', type: 'uri', optional: false }],
  events: [],
  emits: [],
  states: [
    { name: 'Ringing', kind: 'atomic', at: { line: 2, column: 3 } },
    { name: 'Talking', kind: 'atomic', at: { line: 6, column: 3 } },
    { name: 'Held', kind: 'atomic', at: { line: 10, column: 3 } },
    { name: 'Done', kind: 'final', at: { line: 15, column: 3 } },
  ],
  transitions: [
    { id: 0, source: 'Ringing', event: 'caller.answered', target: 'Talking', guarded: false, at: { line: 4, column: 5 } },
    { id: 1, source: 'Talking', event: 'Hold', target: 'Held', guarded: false, at: { line: 7, column: 5 } },
    { id: 2, source: 'Talking', event: 'caller.hangup', target: 'Done', guarded: false, at: { line: 8, column: 5 } },
    { id: 3, source: 'Held', event: '$timer:Held#0', target: 'Talking', guarded: false, at: { line: 12, column: 5 } },
    { id: 4, source: 'Held', event: 'caller.hangup', target: 'Done', guarded: true, at: { line: 13, column: 5 } },
  ],
};

export const REPORT_FLOW: ReportFlow = { description: FLOW, text: FLOW_TEXT };

/** 2024-01-01T10:00:00Z: a capture's wall clock. */
export const T0 = Date.UTC(2024, 0, 1, 10, 0, 0);

const FLOW_SIDE = '10.0.0.1:5060';
const PHONE = '10.0.0.2:5060';
const MEDIA = '10.0.0.3:5060';

function sip(index: number, fields: Partial<SipStep> & Pick<SipStep, 'frame' | 'summary' | 'outcome'>): SipStep {
  return {
    kind: 'sip',
    index,
    time: T0 + fields.frame * 1000,
    call: 1,
    trace: 'hold.pcap',
    direction: 'out',
    src: FLOW_SIDE,
    dst: PHONE,
    dialog: 'call-1@10.0.0.1',
    leg: 'caller',
    taken: [],
    effects: [],
    configuration: ['Ringing'],
    ...fields,
  };
}

const PASSING_STEPS: readonly SimulationStep[] = [
  sip(0, {
    frame: 1,
    summary: 'INVITE sip:bob@10.0.0.2',
    outcome: { kind: 'expected', expectation: { kind: 'dial', call: 1, leg: 'caller', description: 'INVITE <callerUri> for caller', at: { line: 3, column: 13 } } },
  }),
  sip(1, {
    frame: 2,
    direction: 'in',
    src: PHONE,
    dst: FLOW_SIDE,
    summary: '200 INVITE',
    outcome: { kind: 'event', delivered: { event: { type: 'caller.answered' }, handled: true } },
    taken: [{ id: 0, at: { line: 4, column: 5 } }],
    configuration: ['Talking'],
  }),
  sip(2, { frame: 3, summary: 'ACK sip:bob@10.0.0.2', outcome: { kind: 'stack', note: 'ACK: sent by the SIP stack' }, configuration: ['Talking'] }),
  sip(3, {
    frame: 4,
    dst: MEDIA,
    dialog: 'moh-1@10.0.0.1',
    summary: 'INVITE sip:moh@10.0.0.3',
    outcome: { kind: 'expected', expectation: { kind: 'hold', call: 1, leg: 'caller', description: 're-INVITE on caller with a=sendonly', at: { line: 11, column: 13 } } },
    assumed: { call: 1, frame: 4, time: T0 + 4000, event: 'Hold', fields: { reason: 'lunch' }, explains: 'INVITE sip:moh@10.0.0.3', at: { line: 7, column: 5 } },
    taken: [{ id: 1, at: { line: 7, column: 5 } }],
    configuration: ['Held'],
  }),
  {
    kind: 'timer',
    index: 4,
    time: T0 + 34_000,
    call: 1,
    timer: 'Held#0',
    summary: 'after 30s in Held',
    delivered: { event: { type: '$timer' }, handled: true },
    taken: [{ id: 3, at: { line: 12, column: 5 } }],
    effects: [],
    configuration: ['Talking'],
  },
  {
    kind: 'problem',
    index: 5,
    time: T0 + 35_000,
    trace: 'hold.pcap',
    frame: 6,
    summary: 'non-SIP UDP payload (12 bytes) on SIP port 5060 skipped',
    outcome: { kind: 'problem', severity: 'warning', reason: 'non-SIP UDP payload (12 bytes) on SIP port 5060 skipped' },
    taken: [],
    effects: [],
    configuration: [],
  },
  sip(6, {
    frame: 7,
    direction: 'in',
    src: PHONE,
    dst: FLOW_SIDE,
    summary: 'BYE sip:mpp@10.0.0.1',
    outcome: { kind: 'event', delivered: { event: { type: 'caller.hangup' }, handled: true } },
    taken: [{ id: 2, at: { line: 8, column: 5 } }],
    configuration: ['Done'],
  }),
];

const BASE: Omit<SimulationResult, 'verdict' | 'steps' | 'coverage' | 'assumed'> = {
  trace: 'hold.pcap',
  flow: 'Hold',
  source: 'flows/hold.flow',
  flowSide: { addresses: ['10.0.0.1'], inferred: true, reason: '10.0.0.1 sends the first INVITE (frame 1)' },
  problems: [{ trace: 'hold.pcap', frame: 6, time: T0 + 35_000, severity: 'warning', source: 'trace', reason: 'non-SIP UDP payload (12 bytes) on SIP port 5060 skipped' }],
  bindings: [],
  unboundInputs: [{ name: 'callerUri', observed: ['sip:bob@10.0.0.2'] }],
  counts: { items: 7, sipMessages: 5, retransmissions: 0, events: 0, problems: 1, unrelated: 0, calls: 1 },
};

export function passingResult(): SimulationResult {
  const assumed = PASSING_STEPS.flatMap((s) => (s.kind === 'sip' && s.assumed !== undefined ? [s.assumed] : []));
  return {
    ...BASE,
    verdict: 'pass',
    steps: PASSING_STEPS,
    assumed,
    coverage: { states: ['Ringing', 'Talking', 'Held', 'Done'], transitions: [0, 1, 2, 3], totalStates: 4, totalTransitions: 5 },
  };
}

export const DIVERGENCE: Divergence = {
  call: 1,
  trace: 'hold.pcap',
  frame: 4,
  time: T0 + 4000,
  step: 3,
  reason: 'unexpected',
  expected: 'nothing: Talking sends no message by itself; it waits for Hold, caller.hangup',
  actual: 'INVITE sip:moh@10.0.0.3, SDP a=sendonly',
  at: { line: 6, column: 3 },
  sourceLine: 'state Talking {',
  configuration: ['Talking'],
};

/** The same trace replayed with `--strict-commands`: the hold INVITE has no command to explain it. */
export function failingResult(): SimulationResult {
  const steps: SimulationStep[] = PASSING_STEPS.slice(0, 3).map((s) => s);
  steps.push(
    sip(3, { frame: 4, dst: MEDIA, dialog: 'moh-1@10.0.0.1', summary: 'INVITE sip:moh@10.0.0.3', outcome: { kind: 'divergence' }, configuration: ['Talking'] }),
    sip(4, { frame: 7, direction: 'in', src: PHONE, dst: FLOW_SIDE, summary: 'BYE sip:mpp@10.0.0.1', outcome: { kind: 'notCompared' }, configuration: ['Talking'] }),
  );
  return {
    ...BASE,
    problems: [],
    verdict: 'fail',
    steps,
    assumed: [],
    divergence: DIVERGENCE,
    coverage: { states: ['Ringing', 'Talking'], transitions: [0], totalStates: 4, totalTransitions: 5 },
    counts: { ...BASE.counts, problems: 0 },
  };
}
