import { describe, expect, it } from 'vitest';
import { buildLadder, type ArrowRow, type LadderRow } from '../../../runtime/report/ladder-rows.js';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import { DIVERGENCE, failingResult, passingResult, REPORT_FLOW } from './hand-built-result.js';

const kinds = (rows: readonly LadderRow[]): string[] => rows.map((r) => (r.kind === 'arrow' ? `${r.frame}:${r.from}->${r.to}` : r.kind === 'mark' ? r.text : r.kind === 'problem' ? r.text : `gap ${r.steps}`));

describe('buildLadder', () => {
  it('draws messages as arrows between party columns, the assumed command just before the message it explains', () => {
    const ladder = buildLadder(passingResult(), REPORT_FLOW);
    expect(kinds(ladder.rows)).toEqual([
      '1:0->1',
      '2:1->0',
      '3:0->1',
      '[assumed Hold reason="lunch"]',
      '4:0->2',
      '[timer Held#0]',
      '! frame 6: warning: non-SIP UDP payload (12 bytes) on SIP port 5060 skipped',
      '7:1->0',
    ]);
  });

  it('labels arrows with the leg and the method or status, and says what the replay made of each', () => {
    const arrows = buildLadder(passingResult(), REPORT_FLOW).rows.filter((r): r is ArrowRow => r.kind === 'arrow');
    expect(arrows.map((a) => [a.label, a.tone, a.note])).toEqual([
      ['caller: INVITE', 'expected', 'expected: dial caller, line 3'],
      ['caller: 200 INVITE', 'handled', 'caller.answered, line 4'],
      ['caller: ACK', 'background', 'ACK: sent by the SIP stack'],
      ['caller: INVITE', 'expected', 'expected: hold caller, line 11'],
      ['caller: BYE', 'handled', 'caller.hangup, line 8'],
    ]);
  });

  it('gives the state after each step and marks where it changed', () => {
    const rows = buildLadder(passingResult(), REPORT_FLOW).rows;
    const states = rows.flatMap((r) => (r.kind === 'arrow' || r.kind === 'mark' ? [`${r.state ?? '-'}${r.stateChanged ? '*' : ''}`] : []));
    expect(states).toEqual(['Ringing*', 'Talking*', 'Talking', '-', 'Held*', 'Talking*', 'Done*']);
  });

  it('prefixes the call number when the trace holds several calls', () => {
    const result: SimulationResult = { ...passingResult(), counts: { ...passingResult().counts, calls: 2 } };
    const first = buildLadder(result, REPORT_FLOW).rows[0];
    expect(first).toMatchObject({ kind: 'arrow', state: '#1 Ringing' });
  });

  it('marks the divergent arrow, adds the `!` line right after it, and shows no state for steps not compared', () => {
    const rows = buildLadder(failingResult(), REPORT_FLOW).rows;
    expect(kinds(rows).slice(3)).toEqual(['4:0->2', '! frame 4: divergence: the flow side sent a message the flow does not explain', '7:1->0']);
    expect(rows[3]).toMatchObject({ tone: 'divergence', note: 'diverges', state: 'Talking' });
    expect(rows[5]).toMatchObject({ tone: 'background', note: 'not compared' });
    expect((rows[5] as ArrowRow).state).toBeUndefined();
  });

  it('shows replay problems under the step of their frame', () => {
    const result: SimulationResult = {
      ...passingResult(),
      problems: [{ trace: 'hold.pcap', frame: 3, time: 0, severity: 'error', source: 'replay', reason: 'an ACK for no INVITE' }],
    };
    expect(kinds(buildLadder(result, REPORT_FLOW).rows).slice(2, 4)).toEqual(['3:0->1', '! frame 3: an ACK for no INVITE']);
  });

  it('says how many steps a window leaves out on either side', () => {
    const rows = buildLadder(passingResult(), REPORT_FLOW, { from: 2, to: 4 }).rows;
    expect(kinds(rows)).toEqual(['gap 2', '3:0->1', '[assumed Hold reason="lunch"]', '4:0->2', 'gap 3']);
    // The state before the window counts as seen: frame 3 is still Talking, not a change.
    expect(rows[1]).toMatchObject({ state: 'Talking', stateChanged: false });
  });

  it('the divergence line names its frame even when the divergence is at the last item (a missing message)', () => {
    const result: SimulationResult = { ...failingResult(), divergence: { ...DIVERGENCE, reason: 'missing', step: 4, frame: 7 } };
    expect(kinds(buildLadder(result, REPORT_FLOW).rows).at(-1)).toBe('! frame 7: divergence: the trace lacks a message the flow sends');
  });
});
