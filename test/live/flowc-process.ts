/**
 * `flowc run` as a user runs it: a child process on dist/bin/flowc.js with
 * a config file (file or Redis store, control API on a free port), its JSON log
 * lines collected to wait on, killed with SIGKILL to crash it mid-call.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './live-harness.js';
import type { LiveServers } from './live-env.js';

export interface LogLine {
  readonly msg?: string;
  readonly [field: string]: unknown;
}

export interface FlowcProcess {
  readonly lines: LogLine[];
  /** Resolves with the first log line (past or future) that matches. */
  waitFor(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** The control API's base URL once it listens. */
  api(): Promise<string>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
  readonly output: () => string;
}

/** The store of the run: a directory for the file store, or a Redis server and key prefix. */
export type RunStore = { readonly type: 'file'; readonly directory: string } | { readonly type: 'redis'; readonly url: string; readonly prefix: string };

/** Writes the config file for `flows` with `store` into `directory`. */
export function writeRunConfig(servers: LiveServers, directory: string, flows: readonly string[], store: RunStore): string {
  const config = {
    flows: flows.map((f) => join(REPO, f)),
    drachtio: servers.drachtio,
    freeswitch: { ...servers.freeswitch, ...(servers.freeswitchListen === undefined ? {} : { listenAddress: servers.freeswitchListen }) },
    store,
    api: { host: '127.0.0.1', port: 0 },
    shutdown: { drainSeconds: 2 },
    log: { level: 'info' },
  };
  const path = join(directory, 'run.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export function startFlowcProcess(config: string): FlowcProcess {
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'dist', 'bin', 'flowc.js'), 'run', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  let text = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const data = chunk.toString('utf8');
    text += data;
    partial += data;
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const raw of complete) {
      if (raw.trim() === '') continue;
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        continue;
      }
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (!waiter.match(line)) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (match: (l: LogLine) => boolean, what: string, timeoutMs = 60_000): Promise<LogLine> => {
    const seen = lines.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`flowc: timed out waiting for ${what}; output:\n${text.slice(-4000)}`)), timeoutMs);
      waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  };
  return {
    lines,
    waitFor,
    api: async () => {
      const line = await waitFor((l) => l.msg === 'control API listening', 'the control API', 30_000);
      return String(line['api']);
    },
    kill: (signal) => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    output: () => text,
  };
}

/** A transition log line into `state` for the session `key`. */
export function enters(key: string, state: string): (l: LogLine) => boolean {
  return (l) => l.msg === 'transition' && l['key'] === key && typeof l['transition'] === 'string' && (l['transition'] as string).endsWith(`-> ${state}`);
}
