/** One-line verdicts: per trace, for the inputs the trace did not pin down, and the total over all traces. */
import type { SimulationResult } from '../simulate/index.js';
import { assumedCounts } from './assumed-counts.js';
import type { ReportStyle } from './report-style.js';

/** `PASS  a.pcap (assumed Consult at frame 17, Transfer at frame 25)`, `FAIL  a.pcap at frame 17`. */
export function verdictLine(result: SimulationResult, style: ReportStyle): string {
  if (result.verdict === 'fail') {
    const at = result.divergence === undefined ? '' : ` at frame ${result.divergence.frame}`;
    return `${style.fail('FAIL')}  ${style.bold(result.trace)}${at}`;
  }
  const assumed = assumedText(result.assumed);
  const note = assumed === undefined ? '' : ` ${style.dim(`(${assumed})`)}`;
  return `${style.pass('PASS')}  ${style.bold(result.trace)}${note}`;
}

/** `assumed Consult at frame 17, Transfer at frame 25`, or counted per command for a long capture (assumed-counts.ts). */
function assumedText(assumed: SimulationResult['assumed']): string | undefined {
  if (assumed.length === 0) return undefined;
  const counts = assumedCounts(assumed);
  if (counts !== undefined) return `assumed ${counts}; --json lists each`;
  return `assumed ${assumed.map((a) => `${a.event} at frame ${a.frame}`).join(', ')}`;
}

/** Inputs not given matched any value: say which, and what the trace showed where they were compared. */
export function unboundInputsLine(result: SimulationResult, style: ReportStyle): string | undefined {
  if (result.unboundInputs.length === 0) return undefined;
  const width = Math.max(...result.unboundInputs.map((u) => u.name.length));
  const lines = result.unboundInputs.map((u) => `             ${u.name.padEnd(width)}  ${u.observed.length === 0 ? style.dim('not compared') : `seen ${u.observed.join(', ')}`}`);
  // Overlapping calls and no inputs: an INVITE meets the oldest pending dial of any call, perhaps another call's (docs/simulate.md).
  const mixed = result.unboundInputs.filter((u) => u.observed.length > 1).map((u) => u.name);
  if (result.verdict === 'fail' && result.counts.calls > 1 && mixed.length > 0) {
    lines.push(
      style.dim(`             ${mixed.join(', ')} met several values: with calls overlapping, an INVITE`),
      style.dim(`             may have met another call's dial. The same in every call? Give it: --input ${mixed[0] ?? ''}=...`),
    );
  }
  return [`${style.bold('inputs')}     not given, so any value matched:`, ...lines].join('\n');
}

/** `1 passed, 0 failed`. */
export function totalsLine(results: readonly SimulationResult[], style: ReportStyle): string {
  const passed = results.filter((r) => r.verdict === 'pass').length;
  const failed = results.length - passed;
  return `${(failed === 0 ? style.pass : (t: string) => t)(`${passed} passed`)}, ${(failed > 0 ? style.fail : (t: string) => t)(`${failed} failed`)}`;
}
