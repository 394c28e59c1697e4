/**
 * Coverage as a report shows it: how many states and transitions of a flow
 * the replays exercised, over one trace or the union of several, and which
 * were not, with where they are written.
 */
import type { FlowDescription, StateInfo, TransitionInfo } from '../machine.js';
import type { Coverage } from '../simulate/index.js';

export interface CoverageSummary {
  readonly flow: string;
  /** The `.flow` file. */
  readonly source: string;
  readonly states: { readonly covered: number; readonly total: number; readonly notEntered: readonly StateInfo[] };
  readonly transitions: { readonly covered: number; readonly total: number; readonly notTaken: readonly TransitionInfo[] };
}

export function coverageSummary(flow: FlowDescription, source: string, coverages: readonly Coverage[]): CoverageSummary {
  const states = new Set<string>();
  const transitions = new Set<number>();
  for (const c of coverages) {
    for (const s of c.states) states.add(s);
    for (const t of c.transitions) transitions.add(t);
  }
  return {
    flow: flow.name,
    source,
    states: { covered: states.size, total: flow.states.length, notEntered: flow.states.filter((s) => !states.has(s.name)) },
    transitions: {
      covered: transitions.size,
      total: flow.transitions.length,
      notTaken: flow.transitions.filter((t) => !transitions.has(t.id)),
    },
  };
}

/** `8/29 (28%)`. */
export function ratio(covered: number, total: number): string {
  return total === 0 ? `${covered}/0` : `${covered}/${total} (${Math.round((covered / total) * 100)}%)`;
}

/**
 * A transition as it reads in `.flow` terms, for when its source line is
 * not at hand: `on agent.failed -> Failed`, `after (Transferring#0) -> Consult`.
 */
export function transitionText(t: TransitionInfo): string {
  const timer = /^\$timer:(.*)$/.exec(t.event);
  const trigger = timer === null ? `on ${t.event}` : `after (timer ${timer[1] ?? ''})`;
  const guard = t.guarded ? ' when ...' : '';
  return `${trigger}${guard}${t.target === undefined ? '' : ` -> ${t.target}`}`;
}
