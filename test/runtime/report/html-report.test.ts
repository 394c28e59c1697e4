import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../../runtime/report/index.js';
import { failingResult, passingResult, REPORT_FLOW } from './hand-built-result.js';

describe('renderHtmlReport', () => {
  const html = renderHtmlReport([passingResult(), failingResult()], [REPORT_FLOW], { ladder: 'auto' });

  it('is a whole page that needs nothing beside itself', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(http/i);
    expect(html).toContain('</html>');
  });

  it('has the totals, a section per trace with its verdict, and an SVG ladder in each', () => {
    expect(html).toContain('<strong class="">1 passed</strong>, <strong class="fail">1 failed</strong>');
    expect(html.match(/<section class="trace (pass|fail)" id="trace-\d">/g)).toEqual(['<section class="trace pass" id="trace-1">', '<section class="trace fail" id="trace-2">']);
    expect(html.match(/<svg /g)).toHaveLength(2);
    // Arrowheads of the two ladders do not share ids.
    expect(html).toContain('id="trace-1-head-expected"');
    expect(html).toContain('id="trace-2-head-expected"');
  });

  it('highlights the divergence with expected, actual and the quoted .flow line', () => {
    const box = html.slice(html.indexOf('<div class="divergence">'), html.indexOf('</div>', html.indexOf('<div class="divergence">')));
    expect(box).toContain('the flow side sent a message the flow does not explain');
    expect(box).toContain('<dt>expected</dt><dd class="mono">nothing: Talking sends no message by itself; it waits for Hold, caller.hangup</dd>');
    expect(box).toContain('<dt>actual</dt>');
    expect(box).toContain('--&gt; flows/hold.flow:6:3');
    expect(box).toContain('6 |   state Talking {');
    expect(box).toContain('<span class="caret">^</span>');
  });

  it('lists the commands assumed, and counts them per command when there are thousands', () => {
    expect(html).toContain('<dt>assumed</dt><dd>Hold at frame 4 (explains');
    const one = passingResult().assumed[0];
    if (one === undefined) throw new Error('the hand-built result assumes a command');
    const assumed = Array.from({ length: 20_000 }, (_, i) => ({ ...one, event: i % 2 === 0 ? 'Hold' : 'Unhold', frame: 10 + i }));
    const long = renderHtmlReport([{ ...passingResult(), assumed }], [REPORT_FLOW], { ladder: 'auto' });
    expect(long).toContain('<dt>assumed</dt><dd>20000 commands: 10000 Hold (first at frame 10), 10000 Unhold (first at frame 11)</dd>');
    expect(long).not.toContain('at frame 12 ');
  });

  it('draws the state path of each call, ending at the divergence when there is one', () => {
    const passing = html.slice(html.indexOf('id="trace-1"'), html.indexOf('id="trace-2"'));
    const states = [...passing.matchAll(/<span class="state( final)?"[^>]*>(\w+)<\/span>/g)].map((m) => m[2]);
    expect(states).toEqual(['Ringing', 'Talking', 'Held', 'Talking', 'Done']);
    expect(html).toContain('<span class="stop">diverges at frame 4</span>');
  });

  it('has a coverage table row per transition, and a total over the traces', () => {
    const rows = html.match(/<tr class="(taken|missed)">/g) ?? [];
    // Two traces and the total, five transitions each.
    expect(rows).toHaveLength(15);
    expect(html).toContain('Coverage of Hold over 2 traces');
    expect(html).toContain('<td class="mono">on caller.hangup when true -&gt; Done</td><td class="no">no</td>');
  });

  it('leaves the ladder out with `none`', () => {
    expect(renderHtmlReport([passingResult()], [REPORT_FLOW], { ladder: 'none' })).not.toContain('<svg');
  });
});
