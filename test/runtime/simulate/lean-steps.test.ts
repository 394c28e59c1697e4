/**
 * `steps: 'lean'` keeps only the steps the terminal report shows: on long
 * traces that pass, diverge early, in the middle or at the end, the lean
 * result is the full one but for the steps left out, each kept step is the
 * full result's step at the same index, and the terminal report (every
 * ladder mode, quiet or not) is the same text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { renderTraceReport, type LadderMode, type ReportFlow } from '../../../runtime/report/index.js';
import { LEAN_AFTER, LEAN_BEFORE, LEAN_WHOLE_STEPS, simulate, type SimulateOptions, type SimulationResult } from '../../../runtime/simulate/index.js';
import { readTrace, type TraceRead } from '../../../runtime/trace/index.js';
import { CAPTURE_INPUT, externalTransfer, TRACES } from './fixtures.js';
import { manyCallsPcap } from './many-calls.js';
import { rewritten } from './trace-edits.js';

let machine: AnyFlowMachine;
let flow: ReportFlow;
let many: TraceRead;

beforeAll(async () => {
  const compiled = await externalTransfer();
  machine = compiled.machine;
  flow = { description: machine, text: compiled.source };
  const happy = readTrace(readFileSync(join(TRACES, 'external-transfer-happy.pcap')), 'happy.pcap');
  many = readTrace(manyCallsPcap(happy, 40, 2).pcap, 'many.pcap');
});

/** The trace without its last request of `method`. */
function withoutLast(trace: TraceRead, method: string): TraceRead {
  const last = trace.items.findLast((i) => i.kind === 'sip' && i.message.kind === 'request' && i.message.method === method);
  return { ...trace, items: trace.items.filter((i) => i !== last) };
}

/** The trace with the n-th request of `method` rewritten. */
function withRequestEdited(trace: TraceRead, method: string, n: number, edit: (text: string) => string): TraceRead {
  let seen = 0;
  return {
    ...trace,
    items: trace.items.map((i) => (i.kind === 'sip' && i.message.kind === 'request' && i.message.method === method && ++seen === n ? rewritten(i, edit) : i)),
  };
}

function expectLeanAsFull(trace: TraceRead, options: SimulateOptions): { full: SimulationResult; lean: SimulationResult; kept: number } {
  const full = simulate(machine, trace, options);
  const lean = simulate(machine, trace, { ...options, steps: 'lean' });
  expect({ ...lean, steps: [] }).toEqual({ ...full, steps: [] });
  expect(lean.steps.length).toBe(full.steps.length);
  let kept = 0;
  lean.steps.forEach((step, index) => {
    kept++;
    expect(step).toEqual(full.steps[index]);
  });
  for (const ladder of ['auto', 'none'] as const satisfies readonly LadderMode[]) {
    for (const quiet of [false, true]) {
      // In colour a state shown bold marks a change from the call's previous step, which may lie before the window.
      for (const color of [false, true]) {
        const options = { color, ladder, quiet };
        expect(renderTraceReport(lean, flow, options)).toBe(renderTraceReport(full, flow, options));
      }
    }
  }
  return { full, lean, kept };
}

describe("steps: 'lean'", () => {
  it('keeps every step of a short trace', () => {
    const happy = readTrace(readFileSync(join(TRACES, 'external-transfer-happy.pcap')), 'happy.pcap');
    const { full, lean, kept } = expectLeanAsFull(happy, { input: CAPTURE_INPUT });
    expect(full.steps.length).toBeLessThanOrEqual(LEAN_WHOLE_STEPS);
    expect(kept).toBe(full.steps.length);
    expect(lean.steps).toEqual(full.steps);
  });

  it('keeps a few steps of a long passing trace, and its report is the same', () => {
    const { full, kept } = expectLeanAsFull(many, { input: CAPTURE_INPUT });
    expect(full.verdict).toBe('pass');
    expect(full.steps.length).toBeGreaterThan(LEAN_WHOLE_STEPS);
    expect(kept).toBeLessThan(full.steps.length / 2);
  });

  it('keeps the window around a divergence in the middle of a long trace, and what the ladder reads before it', () => {
    // The first hold re-INVITE offers sendrecv: a mismatch at that message. The window starts with BYEs of
    // calls whose previous step lies before the window, further back than the last steps kept as they come.
    let holds = 0;
    const held = {
      ...many,
      items: many.items.map((i) =>
        i.kind === 'sip' && i.message.kind === 'request' && i.message.method === 'INVITE' && i.message.to.tag !== undefined && ++holds === 1
          ? rewritten(i, (text) => text.replace('a=sendonly', 'a=sendrecv'))
          : i,
      ),
    };
    // Long before it, one peer message comes from an address seen nowhere else: a column of the ladder all the same.
    const late = held.items.findIndex((item, index) => index > LEAN_WHOLE_STEPS && item.kind === 'sip' && item.src.ip === '127.0.0.30');
    const edited = { ...held, items: held.items.map((item, index) => (index === late && item.kind === 'sip' ? { ...item, src: { ip: '127.0.0.99', port: 5060 } } : item)) };
    const { full, lean } = expectLeanAsFull(edited, { input: CAPTURE_INPUT });
    expect(full.divergence?.reason).toBe('mismatch');
    expect(renderTraceReport(full, flow, { color: false, ladder: 'auto', quiet: false })).toContain('127.0.0.99');
    const at = full.divergence?.step ?? -1;
    expect(at).toBeGreaterThan(LEAN_WHOLE_STEPS);
    expect(at).toBeLessThan(full.steps.length - LEAN_AFTER - 1);
    for (let i = at - LEAN_BEFORE; i <= at + LEAN_AFTER; i++) expect(lean.steps[i]).toEqual(full.steps[i]);
    expect(lean.steps[at + LEAN_AFTER + 1]).toBeUndefined();
  });

  it('keeps the last steps of a long trace that diverges at its end', () => {
    // The last call never sends its BYE: missing, at the trace's last step.
    const { full, lean } = expectLeanAsFull(withoutLast(many, 'BYE'), { input: CAPTURE_INPUT });
    expect(full.divergence?.reason).toBe('missing');
    const last = full.steps.length - 1;
    expect(full.divergence?.step).toBe(last);
    for (let i = last - LEAN_BEFORE; i <= last; i++) expect(lean.steps[i]).toEqual(full.steps[i]);
  });

  it('keeps the steps of a divergence among the first steps of a long trace', () => {
    // The first INVITE dials another number than the flow's agent: no call of the flow starts with it.
    const edited = withRequestEdited(many, 'INVITE', 1, (text) => text.replace('INVITE sip:5020@', 'INVITE sip:5021@'));
    const { full } = expectLeanAsFull(edited, { input: CAPTURE_INPUT });
    expect(full.divergence?.reason).toBe('unexpected');
    expect(full.divergence?.step).toBeLessThan(LEAN_WHOLE_STEPS);
  });
});
