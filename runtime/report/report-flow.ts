/**
 * What the renderers know of the flow besides the result: its description
 * (states, transitions and where they are written) for coverage and state
 * names, and its source text to quote whole lines with a caret.
 */
import type { FlowDescription } from '../machine.js';

export interface ReportFlow {
  readonly description: FlowDescription;
  /** The `.flow` file's text; without it the renderers quote the trimmed line the result carries. */
  readonly text?: string;
}

/** Line `line` (1-based) of the flow's source, untrimmed, or undefined. */
export function sourceLine(flow: ReportFlow, line: number): string | undefined {
  if (flow.text === undefined || line < 1) return undefined;
  // Splitting per call is fine: a report quotes a handful of lines.
  return flow.text.split(/\r?\n/)[line - 1];
}

/**
 * The innermost active states of a configuration (those that are no other
 * active state's parent): `Talking`, not `Call, Talking`.
 */
export function leafStates(flow: ReportFlow, configuration: readonly string[]): readonly string[] {
  if (configuration.length <= 1) return configuration;
  const parents = new Set<string>();
  const byName = new Map(flow.description.states.map((s) => [s.name, s]));
  for (const name of configuration) {
    const parent = byName.get(name)?.parent;
    if (parent !== undefined) parents.add(parent);
  }
  return configuration.filter((name) => !parents.has(name));
}
