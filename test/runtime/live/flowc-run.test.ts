/**
 * `flowc run` as a user runs it (dist/bin/flowc.js, built by the global
 * setup), against the loopback fake drachtio-server: it connects, logs JSON,
 * serves the API, reconnects when the server goes away, and drains on
 * SIGTERM. No drachtio-server or FreeSWITCH is needed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDrachtioServer } from '../drachtio/fake-drachtio-server.js';
import { REPO } from './seed-machines.js';

const FLOWC = join(REPO, 'dist', 'bin', 'flowc.js');

interface Running {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
}

/** A loopback port nobody listens on (taken and let go). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

function run(args: readonly string[]): Running {
  const child = spawn(process.execPath, [FLOWC, 'run', ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, stderr, exited };
}

async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const children: ChildProcess[] = [];
const servers: FakeDrachtioServer[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const server of servers.splice(0)) await server.kill();
});

describe('flowc run (CLI, loopback fake drachtio-server)', () => {
  it('connects, serves the API, reconnects after the server dies, and drains on SIGTERM', async () => {
    const server = new FakeDrachtioServer('cymru');
    servers.push(server);
    const port = await server.listen();
    const dir = mkdtempSync(join(tmpdir(), 'flowc-run-'));
    const config = join(dir, 'run.json');
    writeFileSync(
      config,
      JSON.stringify({
        routes: [{ flow: 'AttendedTransfer', user: '100', inputs: { extensionDomain: 'pbx.example', failoverUri: 'sip:vm@pbx.example' }, invite: { transferredUri: 'header:X-Transfer-To' } }],
        shutdown: { drainSeconds: 1 },
      }),
    );
    const flowc = run(['flows/kalliope/attended-transfer.flow', '--config', config, '--drachtio', `127.0.0.1:${port}:cymru`, '--memory-store', '--api', '127.0.0.1:0']);
    children.push(flowc.child);
    const logged = (msg: string) => flowc.lines.some((l) => l['msg'] === msg);
    await until(() => logged('connected to drachtio-server'), 'the connection');
    await until(() => logged('control API listening'), 'the API');
    const api = String(flowc.lines.find((l) => l['msg'] === 'control API listening')?.['api']);
    const flows = (await (await fetch(`${api}/flows`)).json()) as { name: string }[];
    expect(flows.map((f) => f.name)).toEqual(['AttendedTransfer']);

    await server.kill();
    await until(() => logged('drachtio-server unreachable: reconnecting'), 'the reconnect');
    expect(((await (await fetch(`${api}/health`)).json()) as { ok: boolean }).ok).toBe(false);
    await server.listen(port);
    await until(() => flowc.lines.filter((l) => l['msg'] === 'connected to drachtio-server').length === 2, 'the second connection');

    flowc.child.kill('SIGTERM');
    expect(await flowc.exited).toBe(0);
    expect(logged('stopped')).toBe(true);
    expect(flowc.lines.every((l) => typeof l['level'] === 'number' && typeof l['time'] === 'number')).toBe(true);
  });

  it('says what is wrong with the usage and the config, with the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowc-run-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ drachtio: { host: 'x', port: 'nine' }, routes: [{ flow: 'AttendedTransfer' }] }));
    const cases: [string[], RegExp][] = [
      [[], /no flows to run/],
      [['flows/kalliope', '--config', bad], /bad\.json: `drachtio\.port`: must be a port number/],
      [['flows/kalliope', '--drachtio', 'nohost'], /--drachtio `nohost`: expected host:port/],
      [['flows/kalliope', '--drachtio', 'h:1:s', '--listen', '2:s'], /exclude each other/],
      [['flows/kalliope', '--memory-store'], /no drachtio-server to connect to/],
      [['flows/kalliope', '--store', 'dir', '--store-url', 'redis://h'], /--store and --store-url exclude each other/],
      [['flows/kalliope', '--store-url', 'http://h:1/0'], /--store-url: `http:\/\/h:1\/0` is not a redis:\/\/ or rediss:\/\/ URL/],
      // Redis is checked before anything connects: nobody listens on a port just freed.
      [['flows/kalliope', '--drachtio', '127.0.0.1:9022:cymru', '--store-url', `redis://:pw@127.0.0.1:${await closedPort()}/0`], /^error: `store\.url`: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: .*ECONNREFUSED[^\n]*\n$/],
    ];
    for (const [args, message] of cases) {
      const flowc = run(args);
      children.push(flowc.child);
      expect([args.join(' '), await flowc.exited]).toEqual([args.join(' '), 2]);
      expect(flowc.stderr.join('')).toMatch(message);
    }
  });
});
