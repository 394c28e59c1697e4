import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterLog } from '../../../runtime/drachtio/adapter-log.js';
import { DrachtioConnection } from '../../../runtime/drachtio/drachtio-connection.js';
import { FakeDrachtioServer } from './fake-drachtio-server.js';

class LogLines implements AdapterLog {
  readonly lines: { level: string; message: string; fields: object }[] = [];
  debug(fields: object, message: string): void {
    this.lines.push({ level: 'debug', message, fields });
  }
  info(fields: object, message: string): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(fields: object, message: string): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(fields: object, message: string): void {
    this.lines.push({ level: 'error', message, fields });
  }
  has(message: string): boolean {
    return this.lines.some((l) => l.message.includes(message));
  }
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('DrachtioConnection (real drachtio-srf, loopback fake drachtio-server)', () => {
  it('connects inbound, says so, and reconnects with backoff after the server dies and comes back', async () => {
    const server = new FakeDrachtioServer('cymru');
    const port = await server.listen();
    const log = new LogLines();
    const changes: boolean[] = [];
    const connection = new DrachtioConnection({ target: { mode: 'inbound', host: '127.0.0.1', port, secret: 'cymru' }, log, retryMaxDelayMs: 300, onChange: (up) => changes.push(up) });
    cleanups.push(() => connection.stop(), () => server.kill());
    connection.start();
    await until(() => connection.connected);
    expect(log.has('connected to drachtio-server')).toBe(true);
    expect(server.received.some((m) => m.includes('|authenticate|cymru'))).toBe(true);

    await server.kill();
    await until(() => !connection.connected);
    await until(() => log.has('reconnecting'));
    const retry = log.lines.find((l) => l.message.includes('reconnecting'));
    expect(retry?.fields).toMatchObject({ attempt: expect.any(Number), delayMs: expect.any(Number) });

    await server.listen(port);
    await until(() => connection.connected, 10_000);
    expect(changes).toEqual([true, false, true]);
  });

  it('keeps trying when drachtio-server is not there at start, without an unhandled error', async () => {
    const port = await freePort();
    const log = new LogLines();
    const connection = new DrachtioConnection({ target: { mode: 'inbound', host: '127.0.0.1', port, secret: 's' }, log, retryMaxDelayMs: 200 });
    cleanups.push(() => connection.stop());
    connection.start();
    await until(() => log.lines.filter((l) => l.message.includes('reconnecting')).length >= 2);
    expect(connection.connected).toBe(false);
    const server = new FakeDrachtioServer('s');
    cleanups.push(() => server.kill());
    await server.listen(port);
    await until(() => connection.connected, 10_000);
  });

  it('logs a refused secret as an error and stays disconnected', async () => {
    const server = new FakeDrachtioServer('right');
    const port = await server.listen();
    const log = new LogLines();
    const connection = new DrachtioConnection({ target: { mode: 'inbound', host: '127.0.0.1', port, secret: 'wrong' }, log });
    cleanups.push(() => connection.stop(), () => server.kill());
    connection.start();
    await until(() => log.has('refused the connection'));
    expect(connection.connected).toBe(false);
  });

  it('in outbound mode waits for drachtio-server to connect to it', async () => {
    const port = await freePort();
    const log = new LogLines();
    const connection = new DrachtioConnection({ target: { mode: 'outbound', port, secret: 'cymru', host: '127.0.0.1' }, log });
    cleanups.push(() => connection.stop());
    connection.start();
    await until(() => log.has('waiting for drachtio-server'));
    const server = new FakeDrachtioServer('cymru');
    await server.dial(port);
    cleanups.push(() => server.kill());
    await until(() => connection.connected);
  });
});

describe('DrachtioConnection in outbound mode on a port already taken', () => {
  it('logs that it cannot listen instead of ending the process', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = (taken.address() as AddressInfo).port;
    const log = new LogLines();
    const connection = new DrachtioConnection({ target: { mode: 'outbound', port, secret: 's', host: '127.0.0.1' }, log });
    cleanups.push(
      () => connection.stop(),
      () => new Promise<void>((resolve) => taken.close(() => resolve())),
    );
    connection.start();
    await until(() => log.has('cannot listen for drachtio-server'));
    expect(connection.connected).toBe(false);
  });
});
