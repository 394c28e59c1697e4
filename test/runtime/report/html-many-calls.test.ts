/**
 * The HTML report of a capture of many calls: every call's state path in
 * one page would be thousands of lists (10,000 calls made a 19 MB page),
 * so the first calls' paths are drawn, plus the call that diverged, and a
 * line says how many more there are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../../runtime/report/index.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { readTrace, type TraceRead } from '../../../runtime/trace/index.js';
import { CAPTURE_INPUT, externalTransfer, TRACES } from '../simulate/fixtures.js';
import { manyCallsPcap } from '../simulate/many-calls.js';

describe('the HTML report of a capture of 120 calls', () => {
  it('draws the first 50 state paths and the diverging call, and counts the rest', async () => {
    const { machine, source } = await externalTransfer();
    const happy = readTrace(readFileSync(join(TRACES, 'external-transfer-happy.pcap')), 'happy.pcap');
    const whole = readTrace(manyCallsPcap(happy, 120, 2).pcap, 'many.pcap');
    // Without the 100th NOTIFY, call 100 misses what the flow waits for.
    let notifies = 0;
    const items = whole.items.filter((item) => !(item.kind === 'sip' && item.message.kind === 'request' && item.message.method === 'NOTIFY' && ++notifies === 100));
    const trace: TraceRead = { ...whole, items };
    const result = simulate(machine, trace, { input: CAPTURE_INPUT });
    expect(result.verdict).toBe('fail');
    const diverged = result.divergence?.call;
    expect(diverged).toBeGreaterThan(50);
    const html = renderHtmlReport([result], [{ description: machine, text: source }], { ladder: 'auto' });
    const calls = [...html.matchAll(/<p>call (\d+)<\/p><ol class="path">/g)].map((m) => Number(m[1]));
    expect(calls).toEqual([...Array.from({ length: 50 }, (_, i) => i + 1), diverged]);
    expect(html).toContain('<p>&hellip; and the state paths of 69 more calls (<code>--json</code> has every step of every call)</p>');
    expect(html).toContain(`<span class="stop">diverges at frame ${result.divergence?.frame}</span>`);
  });
});
