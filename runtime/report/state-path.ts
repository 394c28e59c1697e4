/**
 * The path a call took through the flow's states, step by step: where the
 * state changed, at which frame, and what moved it. The HTML report draws
 * it above the ladder; it reads faster than the ladder when a trace fails.
 */
import type { SimulationResult, SimulationStep } from '../simulate/index.js';
import { messageLabel } from './message-label.js';
import { leafStates, type ReportFlow } from './report-flow.js';

export interface StatePathEntry {
  readonly state: string;
  /** Index into `steps` of the step after which the call was in `state`. */
  readonly step: number;
  /** The frame of that step; undefined for a timer. */
  readonly frame?: number;
  readonly time: number;
  /** What moved the flow: `agent: 200 INVITE`, `assumed Consult`, `timer Transferring#0`; undefined for the initial state. */
  readonly via?: string;
}

export interface CallPath {
  readonly call: number;
  readonly entries: readonly StatePathEntry[];
}

export function statePaths(result: SimulationResult, flow: ReportFlow): CallPath[] {
  const paths = new Map<number, StatePathEntry[]>();
  result.steps.forEach((step, index) => {
    if (step.call === undefined || step.configuration.length === 0) return;
    if ((step.kind === 'sip' || step.kind === 'event') && step.outcome.kind === 'notCompared') return;
    const state = leafStates(flow, step.configuration).join(', ');
    let entries = paths.get(step.call);
    if (entries === undefined) {
      entries = [];
      paths.set(step.call, entries);
    }
    const last = entries[entries.length - 1];
    if (last?.state === state) return;
    const via = last === undefined ? undefined : cause(step);
    entries.push({ state, step: index, ...(step.kind === 'timer' ? {} : { frame: step.frame }), time: step.time, ...(via === undefined ? {} : { via }) });
  });
  return [...paths.entries()].sort((a, b) => a[0] - b[0]).map(([call, entries]) => ({ call, entries }));
}

function cause(step: SimulationStep): string {
  switch (step.kind) {
    case 'sip':
      if (step.assumed !== undefined) return `assumed ${step.assumed.event}`;
      return messageLabel(step);
    case 'event':
      return `event ${step.summary}`;
    case 'timer':
      return `timer ${step.timer}`;
    case 'problem':
      return step.summary;
  }
}
