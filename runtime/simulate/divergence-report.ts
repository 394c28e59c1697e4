/**
 * The Divergence record: what the flow would have sent (or what its state
 * waits for) against what the trace shows, blamed on a `.flow` line.
 */
import type { FlowDescription } from '../machine.js';
import type { SipMessage } from '../sip/message.js';
import type { EventTraceItem, SipTraceItem, TraceItem } from '../trace/trace-item.js';
import type { SourceRef } from '../values.js';
import type { CommandEvent } from './command-inference.js';
import type { Expectation } from './expectation.js';
import { describeEmit, describeLine, type FlowEmit } from './logged-emits.js';
import { describeExpectation } from './expectation-text.js';
import { describeMessage } from './message-summary.js';
import type { ReplayCall } from './replay-call.js';
import type { AssumedCommand, Divergence, SimulationProblem } from './simulation-result.js';
import { waitingFor } from './waiting-for.js';

export interface MessageDivergence {
  readonly flow: FlowDescription;
  readonly flowSource: string | undefined;
  /** Whether the flow starts calls by dialling (for a message no call explains). */
  readonly dialsFirst: boolean;
  readonly item: SipTraceItem;
  readonly message: SipMessage;
  readonly leg: string | undefined;
  readonly call: ReplayCall | undefined;
  readonly step: number;
  readonly reason: Divergence['reason'];
  /** The expectation to blame; none when the flow would send nothing. */
  readonly expected: Expectation | undefined;
  readonly detail?: string;
  readonly assumed?: AssumedCommand;
}

/** A message from the flow side that parts from the flow. */
export function messageDivergence(d: MessageDivergence): Divergence {
  let expectedText: string;
  let at: SourceRef | undefined = d.expected?.at;
  if (d.expected !== undefined) expectedText = describeExpectation(d.expected);
  else if (d.call !== undefined) {
    const waiting = waitingFor(d.flow, d.call.configuration, !d.call.active);
    expectedText = waiting.text;
    at = waiting.at;
  } else {
    expectedText = d.dialsFirst ? 'nothing: no call of the flow is waiting to send this' : 'nothing: the flow starts with an offered call, not by sending';
    at = d.flow.states[0]?.at;
  }
  return {
    ...(d.call === undefined ? {} : { call: d.call.number }),
    trace: d.item.trace,
    frame: d.item.frame,
    time: d.item.time,
    step: d.step,
    reason: d.reason,
    expected: expectedText,
    actual: describeMessage(d.message, d.leg),
    ...(d.detail === undefined ? {} : { detail: d.detail }),
    ...(d.assumed === undefined ? {} : { assumed: d.assumed.event }),
    ...(at === undefined ? {} : { at }),
    ...sourceLine(d.flowSource, at?.line),
    configuration: d.call?.configuration ?? [],
  };
}

export interface EndOfTrace {
  readonly flow: FlowDescription;
  readonly flowSource: string | undefined;
  readonly traceName: string;
  readonly last: TraceItem | undefined;
  readonly step: number;
  /** The calls the replay still holds (a replay forgets calls that settled long ago: none of them has anything pending). */
  readonly calls: readonly ReplayCall[];
  /** Calls the replay started, forgotten ones included. */
  readonly callCount: number;
  readonly sipMessages: number;
  /** Logged events of a type the flow declares: offered to it even when no call took them. */
  readonly flowEvents: number;
  readonly flowSide: readonly string[];
  readonly problems: readonly SimulationProblem[];
}

/**
 * After the last item: the oldest expectation still unmet never came; or,
 * when no call of the flow started, the trace holds nothing the flow was
 * tested on (`noCall`). Undefined when nothing is missing.
 */
export function endOfTraceDivergence(e: EndOfTrace): Divergence | undefined {
  let oldest: Expectation | undefined;
  for (const call of e.calls) {
    const p = call.pending[0];
    if (p !== undefined && (oldest === undefined || p.time < oldest.time)) oldest = p;
  }
  const where = { trace: e.last?.trace ?? e.traceName, frame: e.last?.frame ?? 0, time: e.last?.time ?? 0, step: e.step };
  if (oldest === undefined) {
    const unlogged = unloggedEmitAtEnd(e.calls);
    if (unlogged !== undefined) {
      const [call, emit] = unlogged;
      return {
        call: call.number,
        ...where,
        reason: 'unexpected',
        expected: `nothing more: the log records ${call.number === 1 ? 'the' : `call ${call.number}'s`} outgoing events and ends`,
        actual: `the flow makes ${describeEmit(emit.effect)}, which the log does not show`,
        at: emit.effect.at,
        ...sourceLine(e.flowSource, emit.effect.at.line),
        configuration: call.configuration,
      };
    }
  }
  if (oldest !== undefined) {
    return {
      call: oldest.call.number,
      ...where,
      reason: 'missing',
      expected: describeExpectation(oldest),
      actual: 'the trace ends without it',
      at: oldest.at,
      ...sourceLine(e.flowSource, oldest.at.line),
      configuration: oldest.call.configuration,
    };
  }
  // Events the flow declares that no call took were still answered by the flow (its first state refused
  // them): that is its behaviour, checked. With none, a pass would say nothing about the flow at all.
  if (e.callCount > 0 || e.flowEvents > 0) return undefined;
  const at = e.flow.states[0]?.at;
  return {
    ...where,
    reason: 'noCall',
    expected: `a call of ${e.flow.name}`,
    actual: `no call of \`${e.flow.name}\` in the trace: ${whatTheTraceHolds(e)}`,
    ...(at === undefined ? {} : { at }),
    ...sourceLine(e.flowSource, at?.line),
    configuration: [],
  };
}

/** `3 SIP messages, none to or from the flow side (10.0.0.1), 1 problem (frame 2: file truncated ...)`. */
function whatTheTraceHolds(e: EndOfTrace): string {
  const parts: string[] = [];
  if (e.last === undefined) parts.push('it is empty');
  else if (e.sipMessages === 0) parts.push('no SIP message');
  else parts.push(`${plural(e.sipMessages, 'SIP message')}, none starting a call on the flow side (${e.flowSide.join(', ') || 'none found'})`);
  const problem = e.problems.find((p) => p.severity === 'error') ?? e.problems[0];
  if (problem !== undefined) parts.push(`${plural(e.problems.length, 'problem')} (first: frame ${problem.frame}: ${problem.reason})`);
  else parts.push('0 problems');
  return parts.join(', ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The oldest emit not in the log, of a call whose log records outgoing events. */
function unloggedEmitAtEnd(calls: readonly ReplayCall[]): [ReplayCall, FlowEmit] | undefined {
  for (const call of calls) {
    const emit = call.unlogged[0];
    if (call.logsEmits && emit !== undefined) return [call, emit];
  }
  return undefined;
}

export interface EmitDivergence {
  readonly flow: FlowDescription;
  readonly flowSource: string | undefined;
  readonly item: EventTraceItem;
  readonly line: CommandEvent;
  readonly call: ReplayCall | undefined;
  readonly step: number;
  /** `unexpected`: `emit` is an older emit the log skipped; `mismatch`: `emit` differs by `detail`; `missing`: the flow makes no such emit. */
  readonly reason: 'unexpected' | 'mismatch' | 'missing';
  readonly emit: FlowEmit | undefined;
  readonly detail?: string;
}

/** An outgoing line of an event log that parts from the flow's emits. */
export function emitDivergence(d: EmitDivergence): Divergence {
  const logged = describeLine(d.line);
  let expected: string;
  let actual = logged;
  let at: SourceRef | undefined = d.emit?.effect.at;
  if (d.emit !== undefined && d.reason === 'unexpected') {
    expected = describeEmit(d.emit.effect);
    actual = `${logged}, but not ${d.emit.effect.event} before it: the flow makes it, the log does not show it`;
  } else if (d.emit !== undefined) {
    expected = describeEmit(d.emit.effect);
  } else if (d.call !== undefined) {
    const waiting = waitingFor(d.flow, d.call.configuration, !d.call.active);
    expected = `no ${d.line.type}: ${waiting.text}`;
    at = waiting.at;
  } else {
    expected = `no ${d.line.type}: no call of ${d.flow.name} makes it`;
    at = d.flow.states[0]?.at;
  }
  return {
    ...(d.call === undefined ? {} : { call: d.call.number }),
    trace: d.item.trace,
    frame: d.item.frame,
    time: d.item.time,
    step: d.step,
    reason: d.reason,
    expected,
    actual,
    ...(d.detail === undefined ? {} : { detail: d.detail }),
    ...(at === undefined ? {} : { at }),
    ...sourceLine(d.flowSource, at?.line),
    configuration: d.call?.configuration ?? [],
  };
}

function sourceLine(source: string | undefined, line: number | undefined): { sourceLine?: string } {
  if (source === undefined || line === undefined) return {};
  const text = source.split('\n')[line - 1];
  return text === undefined ? {} : { sourceLine: text.trim() };
}
