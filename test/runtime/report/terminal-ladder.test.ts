import { describe, expect, it } from 'vitest';
import { buildLadder } from '../../../runtime/report/ladder-rows.js';
import { reportStyle } from '../../../runtime/report/report-style.js';
import { renderTerminalLadder } from '../../../runtime/report/terminal-ladder.js';
import { failingResult, passingResult, REPORT_FLOW } from './hand-built-result.js';

const plain = reportStyle(false);

function lines(text: string): string[] {
  return text.split('\n');
}

/** Columns of the `|` lifelines (and arrow ends) on a line. */
function bars(line: string): number[] {
  return [...line].flatMap((c, i) => (c === '|' ? [i] : []));
}

describe('renderTerminalLadder', () => {
  const text = renderTerminalLadder(buildLadder(passingResult(), REPORT_FLOW), plain);
  const all = lines(text);

  it('heads each lifeline with its party and, below, its legs (the flow side first)', () => {
    const [parties, legs] = all;
    const first = all.find((l) => l.includes('caller: INVITE')) ?? '';
    const [flow, phone, media] = bars(first);
    expect(parties?.indexOf('10.0.0.1')).toBe(flow);
    expect(parties?.indexOf('10.0.0.2')).toBe(phone);
    expect(parties?.indexOf('10.0.0.3')).toBe(media);
    expect(parties?.startsWith(' frame     time')).toBe(true);
    expect(legs?.indexOf('flow side')).toBe(flow);
    expect(legs?.indexOf('caller')).toBe(phone);
  });

  it('draws requests and answers as arrows between lifelines, with the frame, time, state and note', () => {
    const invite = all.find((l) => l.includes('caller: INVITE')) ?? '';
    expect(invite).toMatch(/^ {5}1 {4}0\.000 {2}\|-+ caller: INVITE -+>\| +\| +Ringing +expected: dial caller, line 3$/);
    const ok = all.find((l) => l.includes('caller: 200 INVITE')) ?? '';
    expect(ok).toMatch(/^ {5}2 {4}1\.000 {2}\|<-+ caller: 200 INVITE -+\| +\| +Talking +caller\.answered, line 4$/);
  });

  it('runs an arrow across the lifelines it passes over', () => {
    const hold = all.filter((l) => l.includes('caller: INVITE'))[1] ?? '';
    expect(bars(hold)).toHaveLength(2);
    expect(hold).toMatch(/\|-+ caller: INVITE -+>\|/);
  });

  it('writes assumed commands and timers at the flow side, problems as `! frame N:` lines', () => {
    expect(all.find((l) => l.includes('[assumed Hold'))).toMatch(/^ {5}4 {4}3\.000 {2}\| \[assumed Hold reason="lunch"\]/);
    expect(all.find((l) => l.includes('[timer Held#0]'))).toMatch(/^ {6} {3}33\.000 {2}\| \[timer Held#0\] +\| +\| +Talking +after 30s in Held$/);
    expect(all).toContain('! frame 6: warning: non-SIP UDP payload (12 bytes) on SIP port 5060 skipped');
  });

  it('keeps the state column aligned on every row', () => {
    const rows = all.filter((l) => /^ +\d+ +\d+\.\d{3} {2}\|/.test(l) && !l.includes('['));
    const at = rows.map((l) => l.search(/(Ringing|Talking|Held|Done) /));
    expect(new Set(at).size).toBe(1);
  });

  it('marks the divergence with a `!` line after the arrow', () => {
    const failing = lines(renderTerminalLadder(buildLadder(failingResult(), REPORT_FLOW), plain));
    const i = failing.findIndex((l) => l.startsWith('! frame 4: divergence'));
    expect(failing[i - 1]).toMatch(/caller: INVITE .* diverges$/);
    expect(failing[i + 1]).toMatch(/caller: BYE .* {2}not compared$/);
  });

  it('uses no escape codes without colour, and colours the divergence with it', () => {
    expect(text).not.toContain('\u001b[');
    const coloured = renderTerminalLadder(buildLadder(failingResult(), REPORT_FLOW), reportStyle(true));
    expect(coloured).toContain('\u001b[1;31m! frame 4: divergence');
  });

  it('cuts a label too long for its arrow and marks the cut', () => {
    const base = passingResult();
    const long = { ...base, steps: base.steps.map((s) => (s.kind === 'sip' && s.frame === 2 ? { ...s, leg: 'a-very-long-leg-name-that-will-not-fit-anywhere' } : s)) };
    const line = lines(renderTerminalLadder(buildLadder(long, REPORT_FLOW), plain)).find((l) => l.includes('|<- a-very-long')) ?? '';
    expect(line).toMatch(/\|<- a-very-long[^|]*~ -+\|/);
  });
});
