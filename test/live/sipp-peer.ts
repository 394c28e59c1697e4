/**
 * A SIPp peer for the live suite: one sipp process playing one party from a
 * scenario in test/live/sipp, bound to its own port on the peer address.
 * UAS peers wait for the flow's INVITEs; UAC peers call drachtio-server.
 * The exit code says whether the party saw what its scenario expects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { udpBound } from '../../bench/live/sipp-run.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveServers } from './live-env.js';

export const SCENARIOS = join(import.meta.dirname, 'sipp');

export interface SippPeer {
  readonly name: string;
  readonly port: number;
  /** `sip:<user>@<address>:<port>`, for the flow to dial. */
  uri(user: string): string;
  /** Resolves with sipp's exit code (0: every call of the scenario passed). */
  readonly done: Promise<number | null>;
  readonly output: () => string;
  stop(): void;
}

export interface SippOptions {
  readonly scenario: string;
  readonly port: number;
  /** UAC peers: the address they call (drachtio-server's SIP). */
  readonly remote?: string;
  /** Calls to make or take before exiting (default 1). */
  readonly calls?: number;
  /** Calls per second, for UAC peers (default 1). */
  readonly rate?: number;
  /** `-key name value` pairs the scenario reads as [name]. */
  readonly keys?: Readonly<Record<string, string>>;
  readonly timeoutSeconds?: number;
  /**
   * `@@name@@` in the scenario replaced by the value before SIPp reads it:
   * for what SIPp takes literally at load time (the file of
   * `play_pcap_audio`), where `-key` values do not reach.
   */
  readonly substitutions?: Readonly<Record<string, string>>;
  /** The temporary directory this party logs to (made here when absent). */
  readonly logs?: string;
}

/**
 * Starts the party. A UAS party resolves once SIPp has bound its port: a
 * flow dialling it a moment earlier would get ICMP port unreachable, and
 * drachtio-server fails the INVITE at once (seen after a restart test).
 */
export async function sippPeer(servers: LiveServers, name: string, options: SippOptions): Promise<SippPeer> {
  const logs = options.logs ?? mkdtempSync(join(tmpdir(), `flowc-live-${name}-`));
  const args = [
    '-sf', scenarioFile(options, logs),
    '-i', servers.peerAddress,
    '-p', String(options.port),
    '-m', String(options.calls ?? 1),
    '-r', String(options.rate ?? 1),
    '-timeout', `${options.timeoutSeconds ?? 90}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_err', '-error_file', join(logs, 'errors.log'),
    ...Object.entries(options.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]),
    ...(options.remote === undefined ? [] : [options.remote]),
  ];
  const child: ChildProcess = spawn(servers.sipp, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const done = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.on('error', (error) => {
      output += `\ncannot start ${servers.sipp}: ${error.message}`;
      resolve(-1);
    });
  });
  if (options.remote === undefined) await bound(options.port, child, () => output);
  return {
    name,
    port: options.port,
    uri: (user) => `sip:${user}@${servers.peerAddress}:${options.port}`,
    done,
    output: () => `${output}\n(logs in ${logs})`,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

function scenarioFile(options: SippOptions, logs: string): string {
  const source = join(SCENARIOS, options.scenario);
  if (options.substitutions === undefined) return source;
  let text = readFileSync(source, 'utf8');
  for (const [name, value] of Object.entries(options.substitutions)) text = text.replaceAll(`@@${name}@@`, value);
  const missing = /@@([A-Za-z0-9_]+)@@/.exec(text);
  if (missing !== null) throw new Error(`${options.scenario}: no substitution for @@${missing[1]}@@`);
  const file = join(logs, options.scenario);
  writeFileSync(file, text);
  return file;
}

async function bound(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const start = Date.now();
  while (!udpBound(port)) {
    if (child.exitCode !== null) throw new Error(`sipp exited before listening on ${port}: ${output()}`);
    if (Date.now() - start > 10_000) throw new Error(`sipp is not listening on ${port} after 10 s: ${output()}`);
    await sleep(20);
  }
}
