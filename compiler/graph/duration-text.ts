/** Durations as a flow author writes them (`32s`, `1m`, `500ms`), not as the milliseconds the IR holds. */

const UNITS: readonly (readonly [string, number])[] = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

export function durationText(ms: number): string {
  // the largest unit that divides exactly, so the text reads back as the same duration
  for (const [unit, size] of UNITS) {
    if (ms !== 0 && Number.isInteger(ms / size)) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
