/**
 * `flowc simulate --json | head`: the reader closes the pipe before flowc
 * has written everything. flowc must stop quietly (exit 141, as a shell
 * reports a tool the pipe ended), not print an unhandled EPIPE stack.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './run-flowc.js';

const FLOW = 'flows/pom/external-transfer.flow';
/** Every capture of the flow: ~0.9 MB of --json, more than a pipe holds (64 KB), so writing it meets the closed pipe. */
const CAPTURES = readdirSync(`${repoRoot}test/fixtures/traces`)
  .filter((f) => f.startsWith('external-transfer-') && f.endsWith('.pcap'))
  .map((f) => `test/fixtures/traces/${f}`);

/** Runs flowc with its stdout read until the first line, then closed, as `| head -1` does. */
function firstLineThenClose(args: readonly string[]): Promise<{ code: number | null; firstLine: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${repoRoot}dist/bin/flowc.js`, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let stderr = '';
    let firstLine = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const end = out.indexOf('\n');
      if (end >= 0 && firstLine === '') {
        firstLine = out.slice(0, end);
        child.stdout.destroy();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, firstLine, stderr }));
  });
}

describe('flowc writing into a pipe its reader closed', () => {
  it('stops quietly with exit code 141 when --json output is cut short', async () => {
    expect(CAPTURES.length).toBeGreaterThan(20);
    const run = await firstLineThenClose(['simulate', FLOW, ...CAPTURES, '--json', '--input', 'agentUri=sip:5020@127.0.0.20']);
    expect(run.firstLine).toBe('{');
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
    expect(run.code).toBe(141);
  });

  it('does the same for the terminal report', async () => {
    // One report per trace, each written when its replay ends: the later ones meet the closed pipe.
    const run = await firstLineThenClose(['simulate', FLOW, ...CAPTURES, '--input', 'agentUri=sip:5020@127.0.0.20']);
    expect(run.firstLine).toMatch(/^flow +ExternalTransfer/);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
    expect(run.code).toBe(141);
  });
});
