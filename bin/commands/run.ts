/**
 * `flowc run [paths...]`: compile the flows in process and run them live on
 * drachtio-server (and FreeSWITCH), until SIGTERM or SIGINT drains them.
 * Flags override the config file; every config problem is printed at its
 * key. Exit 0 after a drain, 1 when a flow does not compile, 2 on bad
 * usage or configuration.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { pino } from 'pino';
import { compile, loadMachines } from '../../compiler/index.js';
import { readConfigText } from '../../runtime/live/config-file.js';
import { formatProblem, type ConfigProblem } from '../../runtime/live/config-reader.js';
import { apiFlag, drachtioFlag, freeswitchFlag, listenFlag, storeUrlFlag, type FlagRead } from '../../runtime/live/flag-values.js';
import { LiveApp } from '../../runtime/live/live-app.js';
import { DEFAULT_CONFIG, DEFAULT_REDIS_PREFIX, LOG_LEVELS, type DrachtioConfig, type LiveConfig, type LogLevel } from '../../runtime/live/live-config.js';
import type { AnyFlowMachine } from '../../runtime/machine.js';
import { failed, printDiagnostics } from '../diagnostics-output.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { collectSources, describeFsError } from '../source-files.js';

export interface RunCommandOptions {
  readonly config?: string;
  readonly drachtio?: string;
  readonly listen?: string;
  readonly freeswitch?: string;
  readonly api?: string;
  readonly apiToken?: string;
  readonly store?: string;
  readonly storeUrl?: string;
  readonly memoryStore?: boolean;
  readonly sdpAddress?: string;
  readonly drain?: string;
  readonly logLevel?: string;
  readonly color: boolean;
}

export async function runRun(paths: readonly string[], options: RunCommandOptions): Promise<number> {
  const configured = await configuration(options);
  if (!configured.ok) {
    for (const message of configured.messages) process.stderr.write(`error: ${message}\n`);
    return EXIT_USAGE;
  }
  const config = configured.config;
  const flowPaths = [...paths, ...config.flows];
  if (flowPaths.length === 0) return usage('no flows to run: give .flow files or directories, or `flows` in the config');
  const machines = await compileFlows(flowPaths, options.color);
  if (typeof machines === 'number') return machines;

  const log = pino({ level: config.logLevel, base: { pid: process.pid } });
  // The process outlives a bug in one call: a throw that escapes a library callback is logged, not fatal.
  process.on('uncaughtException', (error) => log.fatal({ error: error.stack ?? error.message }, 'uncaught exception (kept running)'));
  process.on('unhandledRejection', (reason) => log.error({ error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }, 'unhandled rejection (kept running)'));

  const started = await LiveApp.start({ config, machines, log });
  if (!started.ok) {
    for (const problem of started.problems) process.stderr.write(`error: ${formatProblem(problem)}\n`);
    return EXIT_USAGE;
  }
  const app = started.app;
  log.info({ flows: machines.map((m) => m.name), routes: config.routes.length, drachtio: config.drachtio?.mode, freeswitch: config.freeswitch !== undefined }, 'flowc run started');

  await new Promise<void>((resolve) => {
    let signals = 0;
    const stop = (signal: NodeJS.Signals): void => {
      signals++;
      if (signals > 1) {
        log.warn({ signal }, 'second signal: exiting without waiting for the drain');
        process.exit(130);
      }
      log.info({ signal, drainMs: config.drainMs }, 'shutting down: draining calls');
      void app.drain().then(() => {
        // A library handle left open must not keep a drained process alive.
        setTimeout(() => process.exit(EXIT_OK), 2_000).unref();
        resolve();
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return EXIT_OK;
}

type Configured = { readonly ok: true; readonly config: LiveConfig } | { readonly ok: false; readonly messages: readonly string[] };

/** The config file (if any) with the flags applied over it. */
async function configuration(options: RunCommandOptions): Promise<Configured> {
  let config: LiveConfig = DEFAULT_CONFIG;
  if (options.config !== undefined) {
    let text: string;
    try {
      text = await readFile(options.config, 'utf8');
    } catch (error) {
      return { ok: false, messages: [`cannot read \`${options.config}\`: ${describeFsError(error)}`] };
    }
    const read = readConfigText(text, process.env);
    if (!read.ok) return { ok: false, messages: read.problems.map((p: ConfigProblem) => `${options.config ?? ''}: ${formatProblem(p)}`) };
    // Flow paths in the file are relative to the file.
    const base = dirname(options.config);
    config = { ...read.config, flows: read.config.flows.map((p) => (isAbsolute(p) ? p : join(base, p))) };
  }
  const messages: string[] = [];
  const take = <T>(read: FlagRead<T> | undefined, apply: (value: T) => void): void => {
    if (read === undefined) return;
    if (read.ok) apply(read.value);
    else messages.push(read.message);
  };
  if (options.drachtio !== undefined && options.listen !== undefined) messages.push('--drachtio (inbound) and --listen (outbound) exclude each other');
  // The flags say where drachtio-server is; the file's other drachtio settings stay.
  const probe = config.drachtio?.orphanProbeMs === undefined ? {} : { orphanProbeMs: config.drachtio.orphanProbeMs };
  const setDrachtio = (drachtio: DrachtioConfig): void => {
    config = { ...config, drachtio: { ...drachtio, ...probe } };
  };
  take(options.drachtio === undefined ? undefined : drachtioFlag(options.drachtio), setDrachtio);
  take(options.listen === undefined ? undefined : listenFlag(options.listen), setDrachtio);
  take(options.freeswitch === undefined ? undefined : freeswitchFlag(options.freeswitch), (freeswitch) => (config = { ...config, freeswitch: { ...config.freeswitch, ...freeswitch } }));
  take(options.api === undefined ? undefined : apiFlag(options.api), (api) => (config = { ...config, api: { ...config.api, ...api } }));
  const token = options.apiToken ?? process.env['FLOWC_API_TOKEN'];
  if (token !== undefined && token !== '') {
    if (config.api === undefined) messages.push('--api-token needs the API: give --api [host:]port');
    else config = { ...config, api: { ...config.api, token } };
  }
  const storeFlags = [options.store === undefined ? undefined : '--store', options.storeUrl === undefined ? undefined : '--store-url', options.memoryStore === true ? '--memory-store' : undefined].filter((f) => f !== undefined);
  if (storeFlags.length > 1) messages.push(`${storeFlags.join(' and ')} exclude each other`);
  if (options.store !== undefined) config = { ...config, store: { type: 'file', directory: options.store, sync: true } };
  if (options.memoryStore === true) config = { ...config, store: { type: 'memory' } };
  take(options.storeUrl === undefined ? undefined : storeUrlFlag(options.storeUrl), (url) => {
    config = { ...config, store: { type: 'redis', url, prefix: config.store.type === 'redis' ? config.store.prefix : DEFAULT_REDIS_PREFIX } };
  });
  if (options.sdpAddress !== undefined) config = { ...config, sdp: { ...config.sdp, address: options.sdpAddress } };
  if (options.drain !== undefined) {
    const seconds = Number(options.drain);
    if (!Number.isFinite(seconds) || seconds < 0) messages.push(`--drain \`${options.drain}\`: expected a number of seconds`);
    else config = { ...config, drainMs: Math.round(seconds * 1000) };
  }
  if (options.logLevel !== undefined) {
    const level = LOG_LEVELS.find((l: LogLevel) => l === options.logLevel);
    if (level === undefined) messages.push(`--log-level \`${options.logLevel}\`: expected one of ${LOG_LEVELS.join(', ')}`);
    else config = { ...config, logLevel: level };
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, config };
}

/** Every flow of the given files and directories, compiled in process; diagnostics are printed as `flowc check` prints them. */
async function compileFlows(paths: readonly string[], color: boolean): Promise<AnyFlowMachine[] | number> {
  const { sources, problems } = await collectSources(paths);
  for (const p of problems) process.stderr.write(`error: cannot read \`${p.path}\`: ${p.reason}\n`);
  if (problems.length > 0) return EXIT_USAGE;
  if (sources.length === 0) return usage('no `.flow` files found in the given paths');
  const compiled = await compile(sources, { kinds: ['js'] });
  if (failed(compiled.diagnostics, false)) {
    printDiagnostics({ diagnostics: compiled.diagnostics, sources, format: 'text', color });
    return EXIT_FAILED;
  }
  const machines = await loadMachines(compiled.files);
  const names = new Set<string>();
  for (const machine of machines) {
    if (names.has(machine.name)) return usage(`two flows are named \`${machine.name}\`: flow names must be unique in one run`);
    names.add(machine.name);
  }
  return machines;
}

function usage(message: string): number {
  process.stderr.write(`error: ${message}\n`);
  return EXIT_USAGE;
}
