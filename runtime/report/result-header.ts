/** The lines above a trace's ladder: the flow, the trace and what it holds, and the flow side and why. */
import type { SimulationResult } from '../simulate/index.js';
import type { ReportStyle } from './report-style.js';

export function renderResultHeader(result: SimulationResult, style: ReportStyle): string {
  const c = result.counts;
  const held = [plural(c.sipMessages, 'SIP message'), plural(c.calls, 'call')];
  if (c.events > 0) held.push(plural(c.events, 'event'));
  if (c.retransmissions > 0) held.push(plural(c.retransmissions, 'retransmission'));
  if (c.problems > 0) held.push(plural(c.problems, 'problem'));
  const side = result.flowSide;
  const addresses = side.addresses.length === 0 ? 'none found' : side.addresses.join(', ');
  const how = side.inferred ? `inferred: ${side.reason}` : 'given';
  return [
    `${style.bold('flow')}       ${result.flow} ${style.dim(`(${result.source})`)}`,
    `${style.bold('trace')}      ${result.trace} ${style.dim(`(${held.join(', ')})`)}`,
    `${style.bold('flow side')}  ${style.accent(addresses)} ${style.dim(`(${how})`)}`,
  ].join('\n');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
