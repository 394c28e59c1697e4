/**
 * One SIPp instance for the live benchmark: a caller driving calls at a
 * rate, or the called party answering them, over one TCP connection each
 * (`-t t1`). Not UDP: at full speed on a loaded machine the kernel drops
 * datagrams when drachtio-server's receive buffer is full (seen: thousands of
 * `receive buffer errors`), and a dropped ACK is never repeated by SIPp, whose
 * call is over by then; the app then holds the call for the 32 s until its
 * own ACK timeout. TCP pushes back instead, so the figure is the throughput
 * of the whole path, not its loss. Resolves with SIPp's exit code (0: every
 * call of the scenario passed) and its screen.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repo-root.js';

export interface SippRun {
  readonly done: Promise<{ readonly code: number | null; readonly output: string }>;
  stop(): void;
}

export interface SippArgs {
  readonly sipp: string;
  readonly scenario: string;
  readonly address: string;
  readonly port: number;
  readonly calls: number;
  /** Callers: the rate (calls per second) and the most calls up at once. */
  readonly rate?: number;
  readonly limit?: number;
  /** Callers: where to send the INVITEs. */
  readonly remote?: string;
  readonly keys?: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
}

export function scenarioPath(name: string): string {
  return join(repoRoot(), 'bench', 'fixtures', 'live', name);
}

export async function startSipp(args: SippArgs): Promise<SippRun> {
  const argv = [
    '-sf', scenarioPath(args.scenario),
    '-i', args.address,
    '-p', String(args.port),
    '-t', 't1',
    '-m', String(args.calls),
    ...(args.rate === undefined ? [] : ['-r', String(args.rate)]),
    ...(args.limit === undefined ? [] : ['-l', String(args.limit)]),
    '-timeout', `${args.timeoutSeconds}s`,
    '-timeout_error',
    '-nostdin',
    ...Object.entries(args.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]),
    ...(args.remote === undefined ? [] : [args.remote]),
  ];
  const child = spawn(args.sipp, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, output }));
    child.on('error', (error) => resolve({ code: -1, output: `cannot start ${args.sipp}: ${error.message}` }));
  });
  if (args.remote === undefined) {
    // A called party must be listening before the first INVITE is sent to it.
    const deadline = Date.now() + 10_000;
    while (!tcpListening(args.port)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bench: sipp is not listening on ${args.port}: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return { done, stop: () => void (child.exitCode === null && child.kill('SIGTERM')) };
}

/** Whether a TCP socket listens on `port` (Linux: /proc/net/tcp, tcp6; state 0A is LISTEN). */
export function tcpListening(port: number): boolean {
  return socketTable(['/proc/net/tcp', '/proc/net/tcp6'], port, (state) => state === '0A');
}

/** Whether a UDP socket is bound to `port` (Linux: /proc/net/udp, udp6). */
export function udpBound(port: number): boolean {
  return socketTable(['/proc/net/udp', '/proc/net/udp6'], port, () => true);
}

function socketTable(tables: readonly string[], port: number, state: (code: string) => boolean): boolean {
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const table of tables) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    // Each row: "sl local_address rem_address st ..."; the local address ends in :PORT.
    for (const row of text.split('\n')) {
      const fields = row.trim().split(/\s+/);
      if (fields[1]?.endsWith(suffix) === true && state(fields[3] ?? '')) return true;
    }
  }
  return false;
}
