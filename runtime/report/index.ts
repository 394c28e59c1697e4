/** Renderers of `SimulationResult`s: terminal text, JSON, and a self-contained HTML page with SVG ladders. */
export { renderTraceReport, renderTotals, type TerminalReportOptions } from './terminal-report.js';
export { simulationJson, type SimulationJson } from './json-report.js';
export { jsonChunks } from './json-chunks.js';
export { renderHtmlReport } from './html-report.js';
export { coverageSummary, type CoverageSummary } from './coverage-summary.js';
export { buildLadder, type Ladder, type LadderRow } from './ladder-rows.js';
export { ladderWindow, type LadderMode } from './ladder-window.js';
export type { ReportFlow } from './report-flow.js';
