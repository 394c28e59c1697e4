/**
 * The ladder as an SVG drawing: the same rows as the terminal's, lifelines
 * under a party header, arrows coloured by what the replay made of each
 * message, the state beside each arrow and the divergence on a red band.
 * Self-contained (its own styles and arrowheads), so it can be saved alone.
 */
import { escapeHtml } from './html-escape.js';
import type { Ladder, LadderRow, RowTone } from './ladder-rows.js';

/** Width of a character of the 12px monospace font, near enough to lay text out. */
const CHAR = 7.3;
const ROW = 22;
const HEADER = 52;
const LADDER_X = 190;
/** Right edge of the time column, clear of the flow side's header centred on its lifeline. */
const TIME_X = 130;
const MIN_GAP = 150;
const MAX_GAP = 300;

const TONES: readonly RowTone[] = ['expected', 'handled', 'ignored', 'background', 'assumed', 'divergence'];

const STYLE = `
.l-text{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:#1f2328}
.l-party{font-weight:700}.l-legs{fill:#57606a}
.l-life{stroke:#afb8c1;stroke-width:1}
.l-num{fill:#57606a;text-anchor:end}
.l-label{text-anchor:middle}
.l-state{font-weight:400;fill:#57606a}.l-state.l-changed{font-weight:700;fill:#0b5394}
.l-note{fill:#57606a}
.l-gap{fill:#8c959f;font-style:italic}
.l-problem{fill:#bc4c00}.l-problem.l-error{fill:#cf222e}
.l-band{fill:#ffebe9}
.l-mark rect{fill:#ddf4ff;stroke:#54aeff}
.t-expected{--c:#0b5394}.t-handled{--c:#1f2328}.t-ignored{--c:#57606a}
.t-background{--c:#8c959f}.t-assumed{--c:#0969da}.t-divergence{--c:#cf222e}
line.tone,path.tone{stroke:var(--c);fill:none}text.tone{fill:var(--c)}marker path{fill:var(--c)}
line.t-background{stroke-dasharray:4 3}
.l-note.t-divergence{font-weight:700}
`;

/** `id` keeps the arrowheads of several ladders on one page apart. */
export function renderSvgLadder(ladder: Ladder, id = 'ladder'): string {
  const gap = gapWidth(ladder);
  const xs = ladder.parties.map((_, i) => LADDER_X + i * gap);
  const right = (xs[xs.length - 1] ?? LADDER_X) + 28;
  const stateChars = Math.max(5, ...ladder.rows.map((r) => (r.kind === 'arrow' || r.kind === 'mark' ? (r.state?.length ?? 0) : 0)));
  const noteX = right + stateChars * CHAR + 24;
  const noteChars = Math.max(0, ...ladder.rows.map((r) => (r.kind === 'arrow' || r.kind === 'mark' ? r.note.length : r.kind === 'problem' ? r.text.length - 20 : 0)));
  const width = Math.ceil(noteX + noteChars * CHAR + 16);
  const height = HEADER + (ladder.rows.length + 1) * ROW;
  const y = (row: number): number => HEADER + (row + 1) * ROW;

  const parts: string[] = [];
  // Bands first, so arrows draw over them: the divergent arrow and its `!` line.
  ladder.rows.forEach((row, i) => {
    if (row.kind === 'problem' && row.severity === 'divergence') {
      const above = ladder.rows[i - 1];
      const top = above !== undefined && above.kind !== 'gap' && above.kind !== 'problem' && above.step === row.step ? y(i - 1) - ROW + 5 : y(i) - ROW + 5;
      parts.push(`<rect class="l-band" x="0" y="${top}" width="${width}" height="${y(i) + 6 - top}"/>`);
    }
  });
  ladder.parties.forEach((party, i) => {
    const x = xs[i] ?? 0;
    const legs = party.flowSide ? 'flow side' : party.legs.join(', ');
    parts.push(
      `<text class="l-text l-party" x="${x}" y="18" text-anchor="middle">${escapeHtml(party.label)}</text>`,
      `<text class="l-text l-legs" x="${x}" y="34" text-anchor="middle">${escapeHtml(legs)}</text>`,
      `<line class="l-life" x1="${x}" y1="${HEADER - 10}" x2="${x}" y2="${height - 4}"/>`,
    );
  });
  parts.push(`<text class="l-text l-num" x="44" y="${HEADER - 12}">frame</text>`, `<text class="l-text l-num" x="${TIME_X}" y="${HEADER - 12}">time</text>`);
  ladder.rows.forEach((row, i) => parts.push(rowSvg(row, y(i), xs, right, noteX, id)));

  const markers = TONES.map(
    (t) => `<marker id="${id}-${t}" class="t-${t}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
  ).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="ladder" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="ladder diagram">`,
    `<style>${STYLE}</style><defs>${markers}</defs>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function gapWidth(ladder: Ladder): number {
  let longest = 0;
  for (const row of ladder.rows) if (row.kind === 'arrow' && Math.abs(row.to - row.from) === 1) longest = Math.max(longest, row.label.length);
  for (const p of ladder.parties) longest = Math.max(longest, p.label.length, p.legs.join(', ').length);
  return Math.min(MAX_GAP, Math.max(MIN_GAP, Math.ceil(longest * CHAR + 40)));
}

function rowSvg(row: LadderRow, y: number, xs: readonly number[], right: number, noteX: number, id: string): string {
  switch (row.kind) {
    case 'gap':
      return `<text class="l-text l-gap" x="${LADDER_X}" y="${y}">... ${row.steps} ${row.steps === 1 ? 'step' : 'steps'} ${row.where} this not shown</text>`;
    case 'problem':
      return `<text class="l-text l-problem${row.severity === 'warning' ? '' : ' l-error'}" x="8" y="${y}">${escapeHtml(row.text)}</text>`;
    case 'arrow':
    case 'mark': {
      const frame = row.kind === 'mark' && row.frame === 0 ? '' : String(row.frame);
      const head = [
        `<g class="l-row l-${row.kind}"><title>${escapeHtml(`${frame === '' ? '' : `frame ${frame}, `}${row.seconds} s: ${row.kind === 'arrow' ? row.label : row.text} (${row.note})`)}</title>`,
        `<text class="l-text l-num" x="44" y="${y}">${frame}</text>`,
        `<text class="l-text l-num" x="${TIME_X}" y="${y}">${row.seconds}</text>`,
      ];
      const body = row.kind === 'arrow' ? arrowSvg(row.from, row.to, row.label, row.tone, y, xs, id) : markSvg(row.text, row.tone, y, xs[0] ?? LADDER_X);
      const state = row.state === undefined ? '' : `<text class="l-text l-state${row.stateChanged ? ' l-changed' : ''}" x="${right}" y="${y}">${escapeHtml(row.state)}</text>`;
      const note = `<text class="l-text l-note${row.tone === 'divergence' ? ' tone t-divergence' : ''}" x="${noteX}" y="${y}">${escapeHtml(row.note)}</text>`;
      return [...head, body, state, note, '</g>'].join('');
    }
  }
}

function arrowSvg(from: number, to: number, label: string, tone: RowTone, y: number, xs: readonly number[], id: string): string {
  const a = xs[from] ?? LADDER_X;
  const b = xs[to] ?? LADDER_X;
  const text = `<text class="l-text l-label tone t-${tone}" x="${a === b ? a + 30 : (a + b) / 2}" y="${y - 5}"${a === b ? ' style="text-anchor:start"' : ''}>${escapeHtml(label)}</text>`;
  if (a === b) {
    return `<g class="l-arrow"><path class="tone t-${tone}" d="M${a},${y - 4} h22 v8 h-20" marker-end="url(#${id}-${tone})"/>${text}</g>`;
  }
  // Stop short of the lifeline so the head touches it rather than crossing it.
  const end = b > a ? b - 1 : b + 1;
  return `<g class="l-arrow"><line class="tone t-${tone}" x1="${a}" y1="${y}" x2="${end}" y2="${y}" stroke-width="1.4" marker-end="url(#${id}-${tone})"/>${text}</g>`;
}

function markSvg(text: string, tone: RowTone, y: number, x: number): string {
  const width = text.length * CHAR + 12;
  return `<g class="l-mark"><rect x="${x + 6}" y="${y - 14}" width="${width}" height="18" rx="4"/><text class="l-text tone t-${tone}" x="${x + 12}" y="${y - 1}">${escapeHtml(text)}</text></g>`;
}
