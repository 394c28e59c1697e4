import { describe, expect, it } from 'vitest';
import { buildLadder } from '../../../runtime/report/ladder-rows.js';
import { renderSvgLadder } from '../../../runtime/report/svg-ladder.js';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import { failingResult, passingResult, REPORT_FLOW } from './hand-built-result.js';

const count = (text: string, pattern: RegExp): number => [...text.matchAll(pattern)].length;

describe('renderSvgLadder', () => {
  const svg = renderSvgLadder(buildLadder(passingResult(), REPORT_FLOW), 't1');

  it('is one svg element with its own styles and arrowheads', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<style>');
    expect(svg).toContain('<marker id="t1-expected"');
    expect(svg).not.toMatch(/href=|url\((?!#t1-)/);
  });

  it('draws a lifeline per party and an arrow per message, coloured by what the replay made of it', () => {
    expect(count(svg, /class="l-life"/g)).toBe(3);
    expect(count(svg, /<line class="tone t-/g)).toBe(5);
    expect(count(svg, /<line class="tone t-expected"/g)).toBe(2);
    expect(count(svg, /marker-end="url\(#t1-expected\)"/g)).toBe(2);
    expect(svg).toContain('>caller: 200 INVITE</text>');
  });

  it('points arrows the way the message went', () => {
    const lines = [...svg.matchAll(/<line class="tone t-\w+" x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1]));
    expect(lines.map(Math.sign)).toEqual([1, -1, 1, 1, -1]);
  });

  it('writes the state beside each step, bold where it changed, and marks for the assumed command and timer', () => {
    expect(svg).toContain('class="l-text l-state l-changed" x=');
    expect(svg).toMatch(/<text class="l-text tone t-assumed"[^>]*>\[assumed Hold reason=&quot;lunch&quot;\]<\/text>/);
    expect(svg).toContain('[timer Held#0]');
  });

  it('puts the divergence on a red band with its `!` line', () => {
    const failing = renderSvgLadder(buildLadder(failingResult(), REPORT_FLOW));
    expect(count(failing, /class="l-band"/g)).toBe(1);
    expect(failing).toContain('<line class="tone t-divergence"');
    expect(failing).toContain('! frame 4: divergence: the flow side sent a message the flow does not explain');
  });

  it('escapes text from the trace', () => {
    const base = passingResult();
    const result: SimulationResult = { ...base, steps: base.steps.map((s) => (s.kind === 'sip' && s.frame === 1 ? { ...s, leg: '<script>&' } : s)) };
    const out = renderSvgLadder(buildLadder(result, REPORT_FLOW));
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;&amp;: INVITE');
  });
});
