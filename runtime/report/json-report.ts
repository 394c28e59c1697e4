/**
 * `--json`: one document for machines. The results as they are (they are
 * plain JSON by contract), plus the totals a script would otherwise have to
 * recompute: verdict counts and the coverage of each flow over all traces.
 */
import type { SimulationResult } from '../simulate/index.js';
import { coverageSummary, type CoverageSummary } from './coverage-summary.js';
import type { ReportFlow } from './report-flow.js';

export interface SimulationJson {
  readonly results: readonly SimulationResult[];
  readonly totals: {
    readonly traces: number;
    readonly passed: number;
    readonly failed: number;
    /** One per flow, over every trace replayed through it. */
    readonly coverage: readonly CoverageSummary[];
  };
}

export function simulationJson(results: readonly SimulationResult[], flows: readonly ReportFlow[]): SimulationJson {
  const passed = results.filter((r) => r.verdict === 'pass').length;
  const coverage: CoverageSummary[] = [];
  for (const flow of flows) {
    const own = results.filter((r) => r.flow === flow.description.name);
    coverage.push(coverageSummary(flow.description, own[0]?.source ?? flow.description.source, own.map((r) => r.coverage)));
  }
  return { results, totals: { traces: results.length, passed, failed: results.length - passed, coverage } };
}
