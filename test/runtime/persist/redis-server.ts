/**
 * A real redis-server for the Redis store tests: each one started on a free
 * loopback port in a temporary directory, with nothing saved to disk, and
 * stopped (or killed and started again on the same port) by the test.
 * Without the binary the tests report themselves SKIPPED, loudly, naming
 * what to install (Debian: `apt-get install redis-server`) or the variable
 * to set (REDIS_SERVER=/path/to/redis-server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, it } from 'vitest';
import { SILENT_LOG } from '../../../runtime/drachtio/adapter-log.js';
import { RedisLink } from '../../../runtime/persist/redis-link.js';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const configured = process.env['REDIS_SERVER']?.trim();
const candidate = configured !== undefined && configured !== '' ? configured : (process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'redis-server')).find(executable);
/** The binary, or undefined when there is none to run. */
export const REDIS_SERVER: string | undefined = candidate !== undefined && executable(candidate) ? candidate : undefined;

const HOW =
  configured !== undefined && configured !== '' && REDIS_SERVER === undefined
    ? `REDIS_SERVER=${configured} is not an executable file`
    : 'install redis-server (Debian: apt-get install redis-server; .ci/run does) or set REDIS_SERVER=/path/to/redis-server';

let warned = false;

/** A test that needs redis-server: skipped, with what to do in its name and on stderr, when there is none. */
export function redisIt(name: string, fn: () => Promise<void>, timeoutMs = 60_000): void {
  const missing = REDIS_SERVER === undefined;
  if (missing && !warned) {
    warned = true;
    console.warn(`\n*** SKIPPED: the Redis store tests need a real redis-server: ${HOW}. ***\n`);
  }
  it.skipIf(missing)(missing ? `${name} [SKIPPED: ${HOW}]` : name, fn, timeoutMs);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class RedisServer {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'flowc-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.up();
    return server;
  }

  url(db = 0): string {
    return `redis://127.0.0.1:${this.port}/${db}`;
  }

  /** SIGKILL: Redis goes away as in a crash, with nothing saved. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGSTOP / SIGCONT: a Redis that hangs without closing its connections. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Started again on the same port, empty. */
  async restart(): Promise<void> {
    await this.kill();
    await this.up();
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async up(): Promise<void> {
    const binary = REDIS_SERVER;
    if (binary === undefined) throw new Error('no redis-server');
    const child = spawn(binary, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        if (output.includes('Ready to accept connections')) {
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('exit', (code) => reject(new Error(`redis-server exited (${String(code)}) before it was ready:\n${output}`)));
      child.once('error', reject);
    });
  }
}

/** A second connection to look at what the store wrote, as redis-cli would. */
export async function inspector(server: RedisServer): Promise<RedisLink> {
  const link = await RedisLink.open({ url: server.url(), log: SILENT_LOG, firstRetryMs: 50, maxRetryMs: 200 });
  if (typeof link === 'string') throw new Error(link);
  return link;
}

/** Polls until the condition holds (a command failing counts as not yet); no time is asserted. */
export async function until(condition: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * What a test file's Redis tests open, closed after each test in reverse
 * order: servers (`server()`), inspector connections (`look()`), and
 * anything else handed to `defer()`.
 */
export function redisTestScope(): { server(): Promise<RedisServer>; look(server: RedisServer): Promise<RedisLink>; defer(done: () => Promise<void>): void } {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const done of cleanup.splice(0).reverse()) await done();
  });
  return {
    async server() {
      const started = await RedisServer.start();
      cleanup.push(() => started.stop());
      return started;
    },
    async look(server) {
      const link = await inspector(server);
      cleanup.push(() => link.close());
      return link;
    },
    defer(done) {
      cleanup.push(done);
    },
  };
}
