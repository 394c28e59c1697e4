/** One line of the bench's output: a figure of ours, optionally a peer's figure and the ratio, and the target it is held to. */

export type Unit = 'ns/event' | 'events/s' | 'B/session' | 'MB/s' | 'ms' | 'msg/s' | 'x' | 'calls/s' | 'ms/call' | 'B/call';

export interface Figure {
  readonly value: number;
  readonly unit: Unit;
}

/**
 * What a row is held to. `ratio>=`: ours must be at least `value` times
 * better than the peer; `ours<=` / `ours>=`: ours alone against a bound in
 * the figure's unit.
 */
export interface Target {
  readonly kind: 'ratio>=' | 'ours<=' | 'ours>=';
  readonly value: number;
}

/** `ok` / `below` when judged; `info` has no target; `pending` when a figure is missing; `error` when its section failed. */
export type Verdict = 'ok' | 'below' | 'info' | 'pending' | 'error';

export interface ResultRow {
  readonly section: string;
  readonly name: string;
  readonly ours?: Figure;
  readonly peer?: Figure;
  readonly ratio?: number;
  readonly target?: Target;
  readonly verdict: Verdict;
  /** Extra context: the peer's name, CPU time beside wall time, why a row is pending. */
  readonly note?: string;
}

/** Builds a row and judges it against its target. */
export function judged(row: Omit<ResultRow, 'verdict'>): ResultRow {
  return { ...row, verdict: verdictOf(row) };
}

function verdictOf(row: Omit<ResultRow, 'verdict'>): Verdict {
  const target = row.target;
  if (target === undefined) return 'info';
  switch (target.kind) {
    case 'ratio>=':
      return row.ratio === undefined ? 'pending' : row.ratio >= target.value ? 'ok' : 'below';
    case 'ours<=':
      return row.ours === undefined ? 'pending' : row.ours.value <= target.value ? 'ok' : 'below';
    case 'ours>=':
      return row.ours === undefined ? 'pending' : row.ours.value >= target.value ? 'ok' : 'below';
  }
}

/** A section that could not run: one row saying why, so the other sections still report. */
export function errorRow(section: string, error: unknown): ResultRow {
  const message = error instanceof Error ? error.message : String(error);
  // Loader errors can quote a whole generated module; the first lines say enough.
  const short = message.split('\n').slice(0, 3).join(' ').slice(0, 400);
  return { section, name: `${section}: did not run`, verdict: 'error', note: short };
}
