/** `<capture>.inputs.json` beside a capture gives that trace its inputs; the command line overrides it. */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runFlowc } from './run-flowc.js';

const FLOW = `${repoRoot}flows/kalliope/attended-transfer.flow`;
// Recorded with a 4 s ring timeout (the flow's default is 30 s): it replays only with its own inputs.
const CAPTURE = `${repoRoot}test/fixtures/traces/kalliope-rfc2833-no-answer.pcap`;

function captureIn(dir: string, inputs?: string): string {
  const path = join(dir, 'no-answer.pcap');
  copyFileSync(CAPTURE, path);
  if (inputs !== undefined) writeFileSync(join(dir, 'no-answer.inputs.json'), inputs);
  return path;
}

const scratch = (): string => mkdtempSync(join(tmpdir(), 'flowc-trace-inputs-'));

describe('flowc simulate with per-trace inputs', () => {
  it('fails without the inputs the capture was recorded with', () => {
    const run = runFlowc(['simulate', FLOW, captureIn(scratch()), '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('0 passed, 1 failed');
  });

  it('passes with them in <capture>.inputs.json', () => {
    const run = runFlowc(['simulate', FLOW, captureIn(scratch(), '{ "ringTimeout": "4s" }'), '--quiet']);
    expect(run.stdout).toContain('1 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  it('lets --input override the file', () => {
    const run = runFlowc(['simulate', FLOW, captureIn(scratch(), '{ "ringTimeout": "4s" }'), '--input', 'ringTimeout=30s', '--quiet']);
    expect(run.code).toBe(1);
  });

  it('names the file and the input when the file is wrong, and exits 2', () => {
    const run = runFlowc(['simulate', FLOW, captureIn(scratch(), '{ "ringTimeout": "soon" }'), '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-answer\.inputs\.json.*`ringTimeout` is a duration/);
    expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });
});
