import { describe, expect, it } from 'vitest';
import { ladderParties } from '../../../runtime/report/ladder-parties.js';
import type { SimulationResult, SipStep } from '../../../runtime/simulate/index.js';
import { failingResult, passingResult } from './hand-built-result.js';

describe('ladderParties', () => {
  it('puts the flow side first, then the other parties by first appearance, with their legs', () => {
    const { parties, columnOf } = ladderParties(passingResult());
    expect(parties.map((p) => [p.label, p.flowSide, p.legs])).toEqual([
      ['10.0.0.1', true, []],
      ['10.0.0.2', false, ['caller']],
      ['10.0.0.3', false, ['caller']],
    ]);
    expect([columnOf('10.0.0.1:5060'), columnOf('10.0.0.2:5060'), columnOf('10.0.0.3:5060')]).toEqual([0, 1, 2]);
  });

  it('keeps every port of the flow side and of a peer in one column when parties have their own IPs', () => {
    const { parties, columnOf } = ladderParties(passingResult());
    expect(columnOf('10.0.0.1:40123')).toBe(0);
    expect(columnOf('10.0.0.2:5070')).toBe(1);
    expect(parties).toHaveLength(3);
  });

  it('tells parties apart by port when they share an IP', () => {
    const base = passingResult();
    const steps = base.steps.map((s) => (s.kind === 'sip' ? { ...s, src: s.src.replace(/10\.0\.0\.\d/, '127.0.0.1'), dst: s.dst.replace(/10\.0\.0\.\d/, '127.0.0.1') } : s));
    const moved = (s: SipStep): SipStep => ({ ...s, src: s.src === '127.0.0.1:5060' && s.direction === 'in' ? '127.0.0.1:5070' : s.src, dst: s.direction === 'out' ? '127.0.0.1:5070' : s.dst });
    const result: SimulationResult = {
      ...base,
      flowSide: { addresses: ['127.0.0.1:5060'], inferred: false, reason: 'given' },
      steps: steps.map((s) => (s.kind === 'sip' ? moved(s) : s)),
    };
    const { parties } = ladderParties(result);
    expect(parties.map((p) => p.label)).toEqual(['127.0.0.1:5060', '127.0.0.1:5070']);
  });

  it('matches IPv6 flow-side addresses written either way', () => {
    const base = failingResult();
    const v6 = (e: string): string => e.replace('10.0.0.1:5060', '[fd00::10]:5060').replace('10.0.0.2:5060', '[fd00::20]:5060').replace('10.0.0.3:5060', '[fd00::30]:5060');
    const result: SimulationResult = {
      ...base,
      flowSide: { addresses: ['FD00::10'], inferred: true, reason: '' },
      steps: base.steps.map((s) => (s.kind === 'sip' ? { ...s, src: v6(s.src), dst: v6(s.dst) } : s)),
    };
    const { parties, columnOf } = ladderParties(result);
    expect(parties.map((p) => p.label)).toEqual(['FD00::10', 'fd00::20', 'fd00::30']);
    expect(columnOf('[fd00::10]:5060')).toBe(0);
  });

  it('names the flow-side column even when no address was found', () => {
    const result: SimulationResult = { ...passingResult(), steps: [], flowSide: { addresses: [], inferred: true, reason: 'the trace has no SIP messages' } };
    expect(ladderParties(result).parties).toEqual([{ label: '(none found)', flowSide: true, legs: [] }]);
  });
});
