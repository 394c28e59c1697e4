/**
 * A ladder diagram as data: parties (columns) and rows (arrows, marks for
 * what happened at the flow side without a message, problems). The terminal
 * and SVG renderers draw the same rows, so they never disagree on what the
 * replay did.
 */
import type { Value } from '../values.js';
import type { AssumedCommand, DeliveredEvent, SimulationResult, SimulationStep, StepOutcome } from '../simulate/index.js';
import { divergencePhrase } from './divergence-reason.js';
import { ladderParties, type LadderParty } from './ladder-parties.js';
import { messageLabel } from './message-label.js';
import type { StepRange } from './ladder-window.js';
import { leafStates, type ReportFlow } from './report-flow.js';
import { secondsSince, traceOrigin } from './trace-time.js';

/** How an arrow or mark is drawn: what the replay made of the message. */
export type RowTone =
  /** The flow side sent what one of the flow's effects expected. */
  | 'expected'
  /** A message or event that moved the flow (a transition was taken). */
  | 'handled'
  /** Delivered, but no transition was enabled. */
  | 'ignored'
  /** The SIP stack's own answers, retransmissions, other parties' dialogs, steps after the divergence. */
  | 'background'
  /** Something simulate assumed or that happened on the virtual clock. */
  | 'assumed'
  | 'divergence';

interface RowBase {
  /** Index of the step in `SimulationResult.steps`. */
  readonly step: number;
  readonly frame: number;
  /** Seconds since the trace's first message, `7.012`. */
  readonly seconds: string;
  readonly tone: RowTone;
  /** What the replay made of it: `dial agent, line 24`, `100 Trying`. */
  readonly note: string;
  /** The call's state after the step (`Talking`; `#2 Talking` when the trace has several calls). */
  readonly state?: string;
  /** The state differs from the same call's state on the row before. */
  readonly stateChanged: boolean;
}

export interface ArrowRow extends RowBase {
  readonly kind: 'arrow';
  readonly from: number;
  readonly to: number;
  /** `agent: INVITE`, `external: 200 NOTIFY`. */
  readonly label: string;
}

/** At the flow side, no message: `[assumed Consult]`, `[timer Transferring#0]`, `[event Transfer]`. */
export interface MarkRow extends RowBase {
  readonly kind: 'mark';
  readonly text: string;
}

/** `! frame 17: <reason>`: a problem item, a replay problem, or the divergence. */
export interface ProblemRow {
  readonly kind: 'problem';
  readonly step: number;
  readonly frame: number;
  readonly severity: 'error' | 'warning' | 'divergence';
  readonly text: string;
}

/** Steps left out of the window. */
export interface GapRow {
  readonly kind: 'gap';
  readonly steps: number;
  readonly where: 'before' | 'after';
}

export type LadderRow = ArrowRow | MarkRow | ProblemRow | GapRow;

export interface Ladder {
  readonly parties: readonly LadderParty[];
  readonly rows: readonly LadderRow[];
}

export function buildLadder(result: SimulationResult, flow: ReportFlow, range: StepRange = { from: 0, to: result.steps.length }): Ladder {
  const { parties, columnOf } = ladderParties(result);
  const origin = traceOrigin(result.steps);
  const severalCalls = result.counts.calls > 1;
  const lastState = new Map<number, string>();
  const replayProblems = problemsByFrame(result);
  const rows: LadderRow[] = [];

  const stateOf = (step: SimulationStep): { state?: string; stateChanged: boolean } => {
    if (step.call === undefined || step.configuration.length === 0) return { stateChanged: false };
    if ((step.kind === 'sip' || step.kind === 'event') && step.outcome.kind === 'notCompared') return { stateChanged: false };
    const leaves = leafStates(flow, step.configuration).join(', ');
    const state = severalCalls ? `#${step.call} ${leaves}` : leaves;
    const changed = lastState.get(step.call) !== state;
    lastState.set(step.call, state);
    return { state, stateChanged: changed };
  };

  if (range.from > 0) rows.push({ kind: 'gap', steps: range.from, where: 'before' });
  // States before the window count as seen, so the first row in it is not marked as a change.
  for (let i = 0; i < range.from; i++) {
    const step = result.steps[i];
    if (step !== undefined) stateOf(step);
  }
  for (let i = range.from; i < range.to; i++) {
    const step = result.steps[i];
    if (step === undefined) continue;
    const base = { step: i, frame: step.kind === 'timer' ? 0 : step.frame, seconds: secondsSince(step.time, origin) };
    switch (step.kind) {
      case 'sip': {
        if (step.assumed !== undefined) rows.push(assumedRow(step.assumed, base));
        const tone = outcomeTone(step.outcome);
        rows.push({
          kind: 'arrow',
          ...base,
          from: columnOf(step.src),
          to: columnOf(step.dst),
          label: messageLabel(step),
          tone,
          note: outcomeNote(step.outcome, step.taken),
          ...stateOf(step),
        });
        break;
      }
      case 'event':
        rows.push({ kind: 'mark', ...base, text: `[event ${step.summary}]`, tone: outcomeTone(step.outcome), note: outcomeNote(step.outcome, step.taken), ...stateOf(step) });
        break;
      case 'timer': {
        const handled = step.delivered?.handled === true || step.taken.length > 0;
        rows.push({ kind: 'mark', ...base, text: `[timer ${step.timer}]`, tone: handled ? 'assumed' : 'ignored', note: step.summary, ...stateOf(step) });
        break;
      }
      case 'problem':
        if (step.outcome.kind === 'problem') {
          rows.push({ kind: 'problem', step: i, frame: step.frame, severity: step.outcome.severity, text: problemText(step.frame, step.summary, step.outcome.severity) });
        }
        break;
    }
    if (step.kind !== 'timer') {
      for (const p of replayProblems.get(problemKey(step.trace, step.frame)) ?? []) {
        rows.push({ kind: 'problem', step: i, frame: p.frame, severity: p.severity, text: problemText(p.frame, p.reason, p.severity) });
      }
      replayProblems.delete(problemKey(step.trace, step.frame));
    }
    const divergence = result.divergence;
    if (divergence !== undefined && divergence.step === i) {
      rows.push({ kind: 'problem', step: i, frame: divergence.frame, severity: 'divergence', text: `! frame ${divergence.frame}: divergence: ${divergencePhrase(divergence.reason)}` });
    }
  }
  if (range.to < result.steps.length) rows.push({ kind: 'gap', steps: result.steps.length - range.to, where: 'after' });
  return { parties, rows };
}

function problemText(frame: number, reason: string, severity: 'error' | 'warning'): string {
  return `! frame ${frame}: ${severity === 'warning' ? 'warning: ' : ''}${reason}`;
}

function problemKey(trace: string, frame: number): string {
  return `${frame}\u0000${trace}`;
}

/** Replay problems (a 200 to a BYE nobody sent) are shown under their step; trace problems are steps of their own. */
function problemsByFrame(result: SimulationResult): Map<string, SimulationResult['problems'][number][]> {
  const map = new Map<string, SimulationResult['problems'][number][]>();
  for (const p of result.problems) {
    if (p.source !== 'replay') continue;
    const key = problemKey(p.trace, p.frame);
    const list = map.get(key);
    if (list === undefined) map.set(key, [p]);
    else list.push(p);
  }
  return map;
}

function assumedRow(assumed: AssumedCommand, base: { step: number; frame: number; seconds: string }): MarkRow {
  const line = assumed.at === undefined ? '' : `, line ${assumed.at.line}`;
  return {
    kind: 'mark',
    ...base,
    text: `[assumed ${assumed.event}${fieldsText(assumed.fields)}]`,
    tone: 'assumed',
    note: `explains frame ${assumed.frame}${line}`,
    stateChanged: false,
  };
}

function outcomeTone(outcome: StepOutcome): RowTone {
  switch (outcome.kind) {
    case 'expected':
      return 'expected';
    case 'event':
      return outcome.delivered.handled ? 'handled' : 'ignored';
    case 'command':
      return outcome.delivered?.handled === true ? 'handled' : 'ignored';
    case 'offer':
      return 'handled';
    case 'divergence':
      return 'divergence';
    case 'problem':
      return 'ignored';
    case 'stack':
    case 'retransmission':
    case 'unrelated':
    case 'notCompared':
      return 'background';
  }
}

const EFFECT_WORDS: Readonly<Record<string, string>> = {
  referReplacing: 'refer replacing',
  dialTimeout: 'dial timeout',
};

function outcomeNote(outcome: StepOutcome, taken: SimulationStep['taken']): string {
  const line = taken[0] === undefined ? '' : `, line ${taken[0].at.line}`;
  switch (outcome.kind) {
    case 'expected': {
      const e = outcome.expectation;
      return `expected: ${EFFECT_WORDS[e.kind] ?? e.kind} ${e.leg}, line ${e.at.line}`;
    }
    case 'event':
      return deliveredNote(outcome.delivered, line);
    case 'command':
      if (outcome.rejected !== undefined) return `rejected: ${outcome.rejected}`;
      return outcome.delivered === undefined ? 'not delivered' : deliveredNote(outcome.delivered, line);
    case 'stack':
      return outcome.note;
    case 'offer':
      return `offered: leg ${outcome.leg}${outcome.started ? ', a new call' : ''}${line}`;
    case 'retransmission':
      return 'retransmission';
    case 'unrelated':
      return `unrelated: ${outcome.note}`;
    case 'problem':
      return outcome.reason;
    case 'divergence':
      return 'diverges';
    case 'notCompared':
      return 'not compared';
  }
}

function deliveredNote(delivered: DeliveredEvent, line: string): string {
  const { type, ...fields } = delivered.event;
  return `${type}${fieldsText(fields)}${delivered.handled ? line : ', ignored'}`;
}

/** ` status=200` for an event's fields, `` when it has none. */
function fieldsText(fields: Readonly<Record<string, Value>>): string {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return parts.length === 0 ? '' : ` ${parts.join(' ')}`;
}
