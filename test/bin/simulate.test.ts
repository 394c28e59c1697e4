/**
 * `flowc simulate` as a user runs it: the built process, real captures,
 * and traces mutated into the text format. Each run compiles the flow
 * (a few seconds), so each test makes one run and checks all it shows.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SimulationJson } from '../../runtime/report/index.js';
import { readTrace } from '../../runtime/trace/index.js';
import { asTextLog, replaceFrame, sipAt } from '../runtime/simulate/trace-edits.js';
import { repoRoot, runFlowc } from './run-flowc.js';

const FLOW = 'flows/pom/external-transfer.flow';
const HAPPY = 'test/fixtures/traces/external-transfer-happy.pcap';
const scratch = (): string => mkdtempSync(join(tmpdir(), 'flowc-simulate-'));
const happyTrace = () => readTrace(readFileSync(join(repoRoot, HAPPY)), HAPPY);

/** No stack trace: nothing like `    at run (file.js:10:5)`. */
const STACK = /\n\s+at .*:\d+:\d+/;

describe('flowc simulate', () => {
  it('runs the README command: the ladder, PASS, coverage and `1 passed, 0 failed`, exit 0', () => {
    const run = runFlowc(['simulate', FLOW, HAPPY]);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain(`trace      ${HAPPY} (32 SIP messages, 1 call)`);
    expect(out).toMatch(/^flow side {2}127\.0\.0\.10 \(inferred: /m);
    // Ladder: parties as columns, flow side first; arrows with the leg and method; the state beside them.
    expect(out).toMatch(/^ frame {5}time {2}127\.0\.0\.10 +127\.0\.0\.20 +127\.0\.0\.30$/m);
    expect(out).toMatch(/^ {5}1 {4}0\.000 {2}\|-+ agent: INVITE -+>\| +\| +Nailing +expected: dial agent, line 24$/m);
    expect(out).toMatch(/^ {4}25 +\d+\.\d{3} {2}\| \[assumed Transfer\]/m);
    expect(out).toMatch(/\|-+ external: REFER -+>\| +Transferring +expected: refer replacing external, line 72$/m);
    expect(out).toContain('PASS  test/fixtures/traces/external-transfer-happy.pcap (assumed Consult at frame 17, Transfer at frame 25)');
    expect(out).toContain('coverage   states 10/13 (77%), transitions 8/37 (22%)');
    expect(out).toMatch(/^ {4}90:5 +Transferring +after 32s -> Consult$/m);
    expect(out.trimEnd().split('\n').slice(-2)).toEqual(['1 passed, 0 failed', 'total coverage of ExternalTransfer over 1 trace: states 10/13 (77%), transitions 8/37 (22%)']);
    // Not a terminal: no colour, no progress line.
    expect(out + run.stderr).not.toMatch(/\u001b\[|\r/);
  });

  it('fails a capture the flow does not explain: exit 1, the divergence with expected, actual, frame and file:line:col', () => {
    const run = runFlowc(['simulate', FLOW, HAPPY, '--strict-commands', '--no-ladder']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('|--');
    const block = run.stdout.slice(run.stdout.indexOf('FAIL'));
    expect(block.split('\n').slice(0, 9)).toEqual([
      `FAIL  ${HAPPY}: the flow side sent a message the flow does not explain`,
      expect.stringMatching(/^ {2}at {8}frame 17, \d+\.\d{3} s \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC\), call 1, in Talking$/),
      '  expected  nothing: Talking sends no message by itself; it waits for Consult, customer.hangup, agent.hangup',
      expect.stringMatching(/^ {2}actual {4}INVITE sip:\+15551234567@127\.0\.0\.30.*SDP a=sendonly$/),
      `    --> ${FLOW}:45:3`,
      '     |',
      '  45 |   state Talking {',
      '     |   ^',
      expect.stringMatching(/^inputs/),
    ]);
    expect(run.stdout).toContain('0 passed, 1 failed');
  });

  it('fails a mutated text-log trace at the frame (line) of the changed message, blaming the hold on its .flow line', () => {
    const dir = scratch();
    const mutated = replaceFrame(happyTrace(), 17, (text) => text.replace('a=sendonly', 'a=sendrecv'));
    const log = asTextLog(mutated);
    writeFileSync(join(dir, 'hold-not-held.txt'), log);
    // In a text log, frames are the line numbers of start lines: the 17th message's.
    const holdLine = readTrace(Buffer.from(log), 'log').items.filter((i) => i.kind === 'sip')[16]?.frame;
    expect(holdLine).toBeGreaterThan(17);
    const run = runFlowc(['simulate', FLOW, join(dir, 'hold-not-held.txt')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`! frame ${holdLine}: divergence: `);
    expect(run.stdout).toMatch(new RegExp(`^ {2}at {8}frame ${holdLine}, `, 'm'));
    expect(run.stdout).toMatch(/--> flows\/pom\/external-transfer\.flow:53:\d+\n/);
    expect(run.stdout).toContain('  53 |     entry { unbridge agent customer; hold customer music mohPrompt;');
    expect(run.stdout).toContain('sendrecv');
  });

  it('merges a JSONL event log into the capture: the logged commands drive the flow, nothing assumed', () => {
    const dir = scratch();
    const capture = happyTrace();
    const log = [
      JSON.stringify({ time: sipAt(capture, 17).time - 20, event: 'Consult' }),
      JSON.stringify({ time: new Date(sipAt(capture, 25).time - 20).toISOString(), event: 'Transfer' }),
      '',
    ].join('\n');
    writeFileSync(join(dir, 'desktop.jsonl'), log);
    const run = runFlowc(['simulate', FLOW, HAPPY, join(dir, 'desktop.jsonl'), '--strict-commands']);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`trace      ${HAPPY} + ${join(dir, 'desktop.jsonl')} (32 SIP messages, 1 call, 2 events)`);
    expect(run.stdout).toMatch(/\| \[event Consult\] .* Consulting +Consult, line 47$/m);
    expect(run.stdout).not.toContain('[assumed');
    expect(run.stdout).toContain('1 passed, 0 failed');
    // The capture read ahead in a worker, or from disk on this thread, merged with the log as the replay reads: the same report.
    for (const env of [{ FLOWC_READ_AHEAD_MIN_BYTES: '0' }, { FLOWC_STREAM_MIN_BYTES: '0' }]) {
      const other = runFlowc(['simulate', FLOW, HAPPY, join(dir, 'desktop.jsonl'), '--strict-commands', ...('FLOWC_STREAM_MIN_BYTES' in env ? ['--no-read-ahead'] : [])], repoRoot, env);
      expect(other).toEqual(run);
    }
  });

  it('replays a gzipped capture the same whole, read ahead and inflated as it is read, or inflated as it is read on this thread', () => {
    const gz = join(scratch(), 'happy.pcap.gz');
    writeFileSync(gz, gzipSync(readFileSync(HAPPY)));
    const whole = runFlowc(['simulate', FLOW, gz]);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain('1 passed, 0 failed');
    for (const env of [
      { FLOWC_READ_AHEAD_MIN_BYTES: '0', FLOWC_GZIP_STREAM_MIN_BYTES: '0' },
      { FLOWC_STREAM_MIN_BYTES: '0', FLOWC_GZIP_STREAM_MIN_BYTES: '0' },
    ]) {
      const other = runFlowc(['simulate', FLOW, gz, ...('FLOWC_STREAM_MIN_BYTES' in env ? ['--no-read-ahead'] : [])], repoRoot, env);
      expect(other).toEqual(whole);
    }
  });

  it('prints one JSON document with --json', () => {
    const run = runFlowc(['simulate', FLOW, HAPPY, '--json', '--input', 'agentUri=sip:5020@127.0.0.20']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as SimulationJson;
    expect(doc.results).toHaveLength(1);
    expect(doc.results[0]).toMatchObject({ verdict: 'pass', flow: 'ExternalTransfer', trace: HAPPY });
    expect(doc.results[0]?.unboundInputs.map((u) => u.name)).toEqual(['customerUri', 'externalUri']);
    expect(doc.totals).toMatchObject({ traces: 1, passed: 1, failed: 0 });
    expect(doc.totals.coverage[0]?.transitions).toMatchObject({ covered: 8, total: 37 });
  });

  it('writes a self-contained HTML report with an SVG ladder with --report', () => {
    const out = join(scratch(), 'report.html');
    const run = runFlowc(['simulate', FLOW, HAPPY, '--report', out, '--quiet']);
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('external: REFER');
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(run.stdout.trim().split('\n')[0]).toBe(`PASS  ${HAPPY} (assumed Consult at frame 17, Transfer at frame 25)`);
  });

  it('reports a broken capture with its frame numbers and still replays the rest', () => {
    const run = runFlowc(['simulate', FLOW, 'test/fixtures/broken/unparseable-sip.pcap', 'test/fixtures/broken/truncated-packet.pcap', HAPPY]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('! frame 1: SIP message does not parse: CSeq `one INVITE`');
    expect(run.stdout).toMatch(/! frame 2: file truncated/);
    expect(run.stdout).toContain(`PASS  ${HAPPY}`);
    expect(run.stdout).toContain('1 passed, 2 failed');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('fails every trace with no call of the flow in it, saying so, whether it reads as nothing or as garbage', () => {
    const empty = join(scratch(), 'empty.pcap');
    writeFileSync(empty, '');
    const traces = ['test/fixtures/broken/truncated-header.pcap', 'test/fixtures/broken/unknown-link-type.pcap', 'test/fixtures/broken/unparseable-sip.pcap', empty];
    const run = runFlowc(['simulate', FLOW, ...traces, '--no-ladder']);
    expect(run.code).toBe(1);
    for (const trace of traces) expect(run.stdout).toContain(`FAIL  ${trace}: the trace holds no call of the flow: nothing was compared`);
    expect(run.stdout).toContain('  actual    no call of `ExternalTransfer` in the trace: no SIP message, 1 problem (first: frame 0: pcap file truncated inside its 24-byte header (14 bytes))');
    expect(run.stdout).toContain('  actual    no call of `ExternalTransfer` in the trace: no SIP message, 1 problem (first: frame 1: unknown link type 147');
    expect(run.stdout).not.toContain('the trace lacks a message the flow sends');
    expect(run.stdout).toContain('0 passed, 4 failed');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('exits 2 with a clear message and no stack trace on a missing trace, before replaying anything', () => {
    const run = runFlowc(['simulate', FLOW, HAPPY, 'no/such/trace.pcap']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: cannot read `no/such/trace.pcap`: no such file or directory\n');
    expect(run.stdout).toBe('');
  });

  it('exits 2 on bad usage: a bad --as, an unknown input, a flow file with several flows and no --flow', () => {
    const dir = scratch();
    const two = join(dir, 'two.flow');
    writeFileSync(two, ['flow Ring {', '  leg caller inbound', '  initial state Offered {', '    entry { answer caller }', '    on caller.hangup -> Done', '  }', '  final state Done', '}', '', 'flow Ring2 {', '  leg caller inbound', '  initial state Offered {', '    entry { answer caller }', '    on caller.hangup -> Done', '  }', '  final state Done', '}', ''].join('\n'));
    const several = runFlowc(['simulate', two, HAPPY]);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain(`error: \`${two}\` has several flows (\`Ring\`, \`Ring2\`): choose one with --flow`);

    const badAs = runFlowc(['simulate', FLOW, HAPPY, '--as', 'gateway']);
    expect(badAs.code).toBe(2);
    expect(badAs.stderr).toContain('error: --as `gateway` is not an IP address or IP:port');

    const badInput = runFlowc(['simulate', FLOW, HAPPY, '--input', 'agent=sip:x@y']);
    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toContain('error: --input `agent=sip:x@y`: no input `agent`');
    for (const run of [several, badAs, badInput]) expect(run.stderr).not.toMatch(STACK);
  });

  it('reports the same whether captures are read ahead in a worker thread, on the main thread, or from disk as they are replayed', () => {
    const traces = ['happy', 'tcp', 'fragmented', 'ipv6', 'pcapng', 'customer-busy'].map((t) =>
      t === 'pcapng' ? 'test/fixtures/traces/external-transfer-pcapng.pcapng' : `test/fixtures/traces/external-transfer-${t}.pcap`,
    );
    const args = ['simulate', FLOW, ...traces, 'test/fixtures/broken/truncated-packet.pcap', '--json'];
    // A threshold of 0 bytes reads every capture ahead, small fixtures included.
    const ahead = runFlowc(args, repoRoot, { FLOWC_READ_AHEAD_MIN_BYTES: '0' });
    const here = runFlowc([...args, '--no-read-ahead'], repoRoot, { FLOWC_READ_AHEAD_MIN_BYTES: '0' });
    expect(ahead.stderr).toBe('');
    expect(ahead.code).toBe(here.code);
    const json = JSON.parse(ahead.stdout) as SimulationJson;
    expect(json.results).toHaveLength(traces.length + 1);
    expect(json.results.some((r) => r.counts.problems > 0)).toBe(true);
    expect(ahead.stdout).toBe(here.stdout);
    // And read from disk a window at a time, as a capture too large to hold is.
    const streamed = runFlowc(args, repoRoot, { FLOWC_STREAM_MIN_BYTES: '0' });
    expect(streamed.stderr).toBe('');
    expect(streamed.code).toBe(here.code);
    expect(streamed.stdout).toBe(here.stdout);
    const bad = runFlowc(['simulate', FLOW, HAPPY], repoRoot, { FLOWC_READ_AHEAD_MIN_BYTES: '4MB' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: FLOWC_READ_AHEAD_MIN_BYTES `4MB` is not a number of bytes\n');
  });

  it('exits 1 with the compiler diagnostics when the flow does not compile', () => {
    const dir = scratch();
    const bad = join(dir, 'bad.flow');
    writeFileSync(bad, 'flow Ring {\n  leg caller inbound\n  initial state Offered {\n    entry { answer caller }\n    on caller.hangup -> Dne\n  }\n  final state Done\n}\n');
    const run = runFlowc(['simulate', bad, HAPPY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error\[FLOW2\d{3}\]: /m);
    expect(run.stderr).toContain(`${bad}:5:25`);
    expect(run.stdout).toBe('');
    // The capture is opened while the flow compiles, its reader thread started: a flow that fails leaves it unread, and flowc still ends.
    const ahead = runFlowc(['simulate', bad, HAPPY], repoRoot, { FLOWC_READ_AHEAD_MIN_BYTES: '0' });
    expect(ahead).toEqual(run);
  });
});
