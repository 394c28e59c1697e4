/**
 * The ladder as monospace text: one lifeline per party, one line per row,
 * the frame and time on the left, the flow's state and what the replay made
 * of the message on the right.
 *
 *  frame     time  127.0.0.10          127.0.0.20
 *                  flow side           agent
 *      1    0.000  |-- agent: INVITE ->|          Nailing    expected: dial agent, line 24
 */
import type { ArrowRow, Ladder, LadderRow, MarkRow, RowTone } from './ladder-rows.js';
import type { ReportStyle } from './report-style.js';

/** Gap between lifelines: room for `-- external: 200 NOTIFY ->`, never wider than a terminal can bear. */
const MIN_GAP = 16;
const MAX_GAP = 32;
const STATE_WIDTH_MAX = 24;
const FRAME_WIDTH = 6;
const TIME_WIDTH = 9;

export function renderTerminalLadder(ladder: Ladder, style: ReportStyle): string {
  const gap = gapWidth(ladder);
  const width = (ladder.parties.length - 1) * gap + 1;
  const stateWidth = Math.min(STATE_WIDTH_MAX, Math.max(5, ...ladder.rows.map((r) => (r.kind === 'arrow' || r.kind === 'mark' ? (r.state?.length ?? 0) : 0))));
  const left = ' '.repeat(FRAME_WIDTH + TIME_WIDTH + 2);
  const lines: string[] = [
    `${'frame'.padStart(FRAME_WIDTH)}${'time'.padStart(TIME_WIDTH)}  ${style.bold(headerLine(ladder.parties.map((p) => p.label), gap))}`.trimEnd(),
    `${left}${style.dim(headerLine(ladder.parties.map((p) => (p.flowSide ? 'flow side' : p.legs.join(', '))), gap))}`.trimEnd(),
  ];
  for (const row of ladder.rows) lines.push(renderRow(row, ladder.parties.length, gap, width, stateWidth, style));
  return lines.join('\n');
}

function gapWidth(ladder: Ladder): number {
  let longest = 0;
  for (const row of ladder.rows) {
    if (row.kind === 'arrow' && Math.abs(row.to - row.from) === 1) longest = Math.max(longest, row.label.length);
  }
  // `|-- ` + label + ` ->|`
  return Math.min(MAX_GAP, Math.max(MIN_GAP, longest + 7));
}

/** Labels at their lifelines, each cut to fit before the next one. */
function headerLine(labels: readonly string[], gap: number): string {
  let line = '';
  labels.forEach((label, i) => {
    const last = i === labels.length - 1;
    line = line.padEnd(i * gap);
    line += last ? label : fit(label, gap - 1);
  });
  return line;
}

function renderRow(row: LadderRow, parties: number, gap: number, width: number, stateWidth: number, style: ReportStyle): string {
  switch (row.kind) {
    case 'gap':
      return style.dim(`${' '.repeat(FRAME_WIDTH + TIME_WIDTH + 2)}... ${row.steps} ${row.steps === 1 ? 'step' : 'steps'} ${row.where === 'before' ? 'before' : 'after'} this not shown`);
    case 'problem': {
      const paint = row.severity === 'warning' ? style.warn : style.fail;
      return paint(row.text);
    }
    case 'arrow':
    case 'mark': {
      const frame = row.kind === 'mark' && row.frame === 0 ? '' : String(row.frame);
      const ladder = row.kind === 'arrow' ? arrowLine(row, parties, gap) : markLine(row, parties, gap);
      const drawn = tone(row.tone, style)(ladder.padEnd(width));
      const state = row.state === undefined ? ' '.repeat(stateWidth) : (row.stateChanged ? style.bold : style.dim)(fit(row.state, stateWidth).padEnd(stateWidth));
      const note = row.tone === 'divergence' ? style.fail(row.note) : row.tone === 'expected' || row.tone === 'handled' ? row.note : style.dim(row.note);
      return `${frame.padStart(FRAME_WIDTH)}${row.seconds.padStart(TIME_WIDTH)}  ${drawn}  ${state}  ${note}`.trimEnd();
    }
  }
}

function lifelines(parties: number, gap: number): string[] {
  const chars = Array.from({ length: (parties - 1) * gap + 1 }, () => ' ');
  for (let i = 0; i < parties; i++) chars[i * gap] = '|';
  return chars;
}

function arrowLine(row: ArrowRow, parties: number, gap: number): string {
  const chars = lifelines(parties, gap);
  const a = row.from * gap;
  const b = row.to * gap;
  if (a === b) {
    // A message between two addresses of the same party: a loop beside its lifeline.
    return place(chars, a + 1, `<-> ${row.label}`);
  }
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  for (let x = lo + 1; x < hi; x++) chars[x] = '-';
  if (b > a) chars[hi - 1] = '>';
  else chars[lo + 1] = '<';
  // The label sits in the shaft with two characters of arrow either side (`<-`, `--`, `->`).
  const shaft = hi - lo - 1;
  const label = ` ${fit(row.label, Math.max(1, shaft - 6))} `;
  const start = lo + 1 + Math.max(2, Math.floor((shaft - label.length) / 2));
  return place(chars, start, label);
}

function markLine(row: MarkRow, parties: number, gap: number): string {
  return place(lifelines(parties, gap), 2, row.text);
}

/** Writes `text` over `chars` from `at`, growing the line when it runs past the end. */
function place(chars: string[], at: number, text: string): string {
  const out = [...chars];
  for (let i = 0; i < text.length; i++) out[at + i] = text[i] ?? ' ';
  return Array.from(out, (c) => c ?? ' ').join('');
}

/** `text` cut to `width` characters, the cut marked with `~`. */
function fit(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}~`;
}

function tone(t: RowTone, style: ReportStyle): (text: string) => string {
  switch (t) {
    case 'expected':
      return style.bold;
    case 'handled':
    case 'ignored':
      return (text) => text;
    case 'background':
      return style.dim;
    case 'assumed':
      return style.accent;
    case 'divergence':
      return style.fail;
  }
}
