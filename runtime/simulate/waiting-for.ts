/**
 * What a call's states wait for, in words, for a divergence where the flow
 * would send nothing at all: "Consult sends nothing by itself; it waits for
 * Transfer, CancelConsult, external.hangup, ...", blamed on the state's line.
 */
import type { FlowDescription } from '../machine.js';
import type { SourceRef } from '../values.js';

export interface Waiting {
  readonly text: string;
  readonly at?: SourceRef;
}

export function waitingFor(flow: FlowDescription, configuration: readonly string[], done: boolean): Waiting {
  const innermost = configuration[configuration.length - 1];
  const state = flow.states.find((s) => s.name === innermost);
  const at = state?.at;
  if (innermost === undefined) return { text: 'no call of the flow sends this' };
  if (done) return { text: `nothing: the flow has finished in ${innermost}`, ...(at === undefined ? {} : { at }) };
  const active = new Set(configuration);
  const events: string[] = [];
  for (const t of flow.transitions) {
    if (!active.has(t.source) || t.event.startsWith('done(')) continue;
    const name = t.event.startsWith('$timer:') ? `a timer (${t.event.slice(7)})` : t.event;
    if (!events.includes(name)) events.push(name);
  }
  const list = events.length === 0 ? 'nothing' : events.join(', ');
  return { text: `nothing: ${configuration.join('/')} sends no message by itself; it waits for ${list}`, ...(at === undefined ? {} : { at }) };
}
