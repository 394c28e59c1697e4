/**
 * A trace in which no call of the flow is found fails, whatever the reason
 * (empty, unreadable header, unknown link type, only another party's SIP),
 * with one `noCall` divergence that says what the trace held.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { readTrace, type TraceRead } from '../../../runtime/trace/index.js';
import { externalTransfer, REPO } from './fixtures.js';

let machine: AnyFlowMachine;
let source: string;

beforeAll(async () => {
  ({ machine, source } = await externalTransfer());
});

function broken(file: string): TraceRead {
  return readTrace(readFileSync(join(REPO, 'test', 'fixtures', 'broken', file)), file);
}

describe('no call of the flow in the trace', () => {
  it.each([
    ['truncated-header.pcap', 'no SIP message, 1 problem (first: frame 0: pcap file truncated inside its 24-byte header (14 bytes))'],
    ['unknown-link-type.pcap', 'no SIP message, 1 problem (first: frame 1: unknown link type 147: packets captured on it are skipped)'],
    ['truncated-packet.pcap', '1 SIP message, none starting a call on the flow side (10.0.0.1), 1 problem (first: frame 2: file truncated: frame 2 has 165 of its 265 bytes)'],
  ])('%s fails with noCall, saying what the trace holds', (file, holds) => {
    const result = simulate(machine, broken(file), { flowSource: source });
    expect(result.verdict).toBe('fail');
    expect(result.counts.calls).toBe(0);
    expect(result.divergence).toMatchObject({
      reason: 'noCall',
      expected: 'a call of ExternalTransfer',
      actual: `no call of \`ExternalTransfer\` in the trace: ${holds}`,
      configuration: [],
    });
    // Blamed on the flow's first state, and the step it names exists.
    expect(result.divergence?.sourceLine).toMatch(/state /);
  });

  it('an empty file fails the same way', () => {
    const result = simulate(machine, readTrace(new Uint8Array(), 'empty.pcap'), {});
    expect(result.verdict).toBe('fail');
    expect(result.divergence).toMatchObject({ reason: 'noCall', frame: 0 });
    expect(result.divergence?.actual).toMatch(/^no call of `ExternalTransfer` in the trace: (it is empty|no SIP message), /);
  });

  it('an event log of events the flow does not declare fails too', () => {
    const log = readTrace(Buffer.from('{"time": 1, "event": "Unrelated"}\n'), 'other.jsonl');
    const result = simulate(machine, log, {});
    expect(result.divergence).toMatchObject({ reason: 'noCall', actual: 'no call of `ExternalTransfer` in the trace: no SIP message, 0 problems' });
  });

  it('a log whose events the flow declares but refuses passes: the refusal is the flow behaving', () => {
    // Transfer is declared; the first state does not take it, so no call starts.
    const log = readTrace(Buffer.from('{"time": 1, "event": "Transfer"}\n'), 'refused.jsonl');
    const result = simulate(machine, log, {});
    expect(result.counts.calls).toBe(0);
    expect(result.verdict).toBe('pass');
  });
});
