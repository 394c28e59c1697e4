/**
 * The live benchmark (issue 5): calls per second and heap per held call of
 * flowc running seed 002 through a real drachtio-server, SIPp as caller and
 * called party, against a plain drachtio-srf application doing the same
 * call (plain-b2bua.ts) in the same run. Signalling only: the media server
 * is not what is measured.
 *
 * Paired rounds, as everywhere in the bench: each round runs both apps (the
 * order alternates), each freshly started and warmed up, and the CPS ratio
 * is the median of the per-round ratios, so a load spike hits one round of
 * both rather than one side. Per side and round:
 * - throughput: `calls` calls offered at `rate` with at most `limit` up at
 *   once, each held 100 ms; CPS is calls over the wall time of the burst, and
 *   the CPU time this process spent on it (the app runs in it; SIPp and
 *   drachtio-server do not) is the steadier cost figure on a shared machine;
 * - memory: `held` calls held up at once; heap after a full collection with
 *   them up, minus before, over `held`. Memory is the best (lowest) of the
 *   rounds: leftover garbage can only add to a heap delta.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { median } from '../stats.js';
import { startFlowcB2bua } from './flowc-b2bua.js';
import { startPlainB2bua, type BenchApp } from './plain-b2bua.js';
import { startSipp, type SippRun } from './sipp-run.js';

export interface LiveBenchTarget {
  readonly drachtio: { readonly host: string; readonly port: number; readonly secret: string };
  /** Where the callers send their INVITEs (drachtio-server's SIP). */
  readonly drachtioSip: string;
  /** The address SIPp binds to. */
  readonly peerAddress: string;
  readonly sipp: string;
}

export const LIVE_BENCH_VARIABLES = ['DRACHTIO_HOST', 'DRACHTIO_PORT', 'DRACHTIO_SECRET'] as const;

/** The servers from the environment (docs/live-testing.md), or the variables that are missing. */
export function liveBenchTarget(env: NodeJS.ProcessEnv = process.env): LiveBenchTarget | { readonly missing: readonly string[] } {
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const missing = LIVE_BENCH_VARIABLES.filter((name) => value(name) === undefined);
  const host = value('DRACHTIO_HOST');
  const port = value('DRACHTIO_PORT');
  const secret = value('DRACHTIO_SECRET');
  if (missing.length > 0 || host === undefined || port === undefined || secret === undefined) return { missing };
  return {
    drachtio: { host, port: Number(port), secret },
    drachtioSip: value('DRACHTIO_SIP') ?? `${host}:5060`,
    peerAddress: value('LIVE_PEER_ADDRESS') ?? '127.0.0.1',
    sipp: value('SIPP') ?? 'sipp',
  };
}

export interface LiveBenchSizes {
  /** Calls in each measured burst. */
  readonly calls: number;
  /** Calls held up at once for the memory figure. */
  readonly held: number;
  readonly rounds: number;
  /** Calls per second SIPp offers, and the most it keeps up at once. */
  readonly rate: number;
  readonly limit: number;
}

export interface SideFigures {
  /** Median calls per second of the bursts. */
  readonly cps: number;
  /** Median CPU time of this process per call during the bursts, in ms. */
  readonly cpuMsPerCall: number;
  /** Lowest heap growth per held call, in bytes. */
  readonly bytesPerCall: number;
  /** Calls that failed in the app, over every round (must be 0). */
  readonly failures: number;
}

export interface LiveBenchResult {
  readonly plain: SideFigures;
  readonly flowc: SideFigures;
  /** Median over rounds of flowc's CPS / the plain app's (1 = as fast). */
  readonly cpsRatio: number;
  /** Median over rounds of flowc's CPU per call / the plain app's. */
  readonly cpuRatio: number;
  /** flowc's heap per held call minus the plain app's. */
  readonly extraBytesPerCall: number;
  readonly sizes: LiveBenchSizes;
}

interface RoundFigures {
  readonly cps: number;
  readonly cpuMsPerCall: number;
  readonly bytesPerCall: number;
  readonly failures: number;
}

type Side = 'plain' | 'flowc';

/**
 * SIPp's local ports: above the live suite's peers (test/live uses 5071-5112),
 * so the bench can run beside the live tests on the same host.
 */
const CALLER_PORT = 5301;
/**
 * How long each burst call stays up: long enough for both legs to be up
 * before the caller hangs up, so both apps do the same call (with 0 ms the
 * caller's BYE races the called party's answer, and flowc CANCELs where the
 * plain app waits for the answer to BYE it: different messages).
 */
const BURST_HOLD_MS = 100;
const PARTY_PORT = 5302;

export async function runLiveBenchmark(target: LiveBenchTarget, sizes: LiveBenchSizes, progress: (line: string) => void = () => undefined): Promise<LiveBenchResult> {
  const rounds: Record<Side, RoundFigures[]> = { plain: [], flowc: [] };
  for (let round = 0; round < sizes.rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['plain', 'flowc'] : ['flowc', 'plain'];
    for (const side of order) {
      const figures = await measureSide(target, sizes, side);
      progress(`live round ${round + 1}/${sizes.rounds} ${side}: ${figures.cps.toFixed(1)} cps, ${figures.cpuMsPerCall.toFixed(3)} ms CPU/call, ${figures.bytesPerCall.toFixed(0)} B/held call`);
      rounds[side].push(figures);
    }
  }
  const summary = (list: readonly RoundFigures[]): SideFigures => ({
    cps: median(list.map((r) => r.cps)),
    cpuMsPerCall: median(list.map((r) => r.cpuMsPerCall)),
    bytesPerCall: Math.min(...list.map((r) => r.bytesPerCall)),
    failures: list.reduce((n, r) => n + r.failures, 0),
  });
  const plain = summary(rounds.plain);
  const flowc = summary(rounds.flowc);
  return {
    plain,
    flowc,
    cpsRatio: median(rounds.flowc.map((r, i) => r.cps / (rounds.plain[i]?.cps ?? Number.NaN))),
    cpuRatio: median(rounds.flowc.map((r, i) => r.cpuMsPerCall / (rounds.plain[i]?.cpuMsPerCall ?? Number.NaN))),
    extraBytesPerCall: flowc.bytesPerCall - plain.bytesPerCall,
    sizes,
  };
}

async function measureSide(target: LiveBenchTarget, sizes: LiveBenchSizes, side: Side): Promise<RoundFigures> {
  const app = side === 'plain' ? await startPlainB2bua(target.drachtio, target.peerAddress) : await startFlowcB2bua(target.drachtio, target.peerAddress);
  try {
    // Warm-up: the JIT and the first allocations of either app are not what is compared.
    await partyPassed(await burst(target, app, Math.max(20, Math.floor(sizes.calls / 5)), sizes));
    const cpu = process.cpuUsage();
    const start = performance.now();
    const party = await burst(target, app, sizes.calls, sizes);
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    await partyPassed(party);
    const bytesPerCall = await heldHeap(target, app, sizes);
    return { cps: sizes.calls / (wallMs / 1000), cpuMsPerCall: (used.user + used.system) / 1000 / sizes.calls, bytesPerCall, failures: app.failures() };
  } finally {
    await app.stop();
  }
}

/**
 * `calls` short calls through the app; resolves once the caller saw every
 * one pass and the app holds none, with the called party, whose SIPp may
 * linger on retransmissions (a loaded machine) and is waited for untimed.
 */
async function burst(target: LiveBenchTarget, app: BenchApp, calls: number, sizes: LiveBenchSizes): Promise<SippRun> {
  const timeoutSeconds = Math.max(60, Math.ceil((calls / Math.min(sizes.rate, 50)) * 2));
  const party = await startSipp({ sipp: target.sipp, scenario: 'uas-b2bua.xml', address: target.peerAddress, port: PARTY_PORT, calls, timeoutSeconds });
  const caller = await startSipp({
    sipp: target.sipp,
    scenario: 'uac-b2bua.xml',
    address: target.peerAddress,
    port: CALLER_PORT,
    calls,
    rate: sizes.rate,
    limit: sizes.limit,
    remote: target.drachtioSip,
    keys: { transferred: `sip:party@${target.peerAddress}:${PARTY_PORT};transport=tcp`, hold: String(BURST_HOLD_MS) },
    timeoutSeconds,
  });
  await passed(caller.done, 'caller', party);
  await settled(() => app.open() === 0, 'the calls to end', 30_000);
  return party;
}

/** Heap growth per call with `held` calls up at once. */
async function heldHeap(target: LiveBenchTarget, app: BenchApp, sizes: LiveBenchSizes): Promise<number> {
  const rate = Math.min(sizes.rate, 200);
  // Held long enough for all of them to be up at once, with room for a slow machine.
  const holdMs = Math.ceil((sizes.held / rate) * 1000) + 10_000;
  const timeoutSeconds = Math.ceil(holdMs / 1000) + 120;
  const before = heapAfterGc();
  const party = await startSipp({ sipp: target.sipp, scenario: 'uas-b2bua.xml', address: target.peerAddress, port: PARTY_PORT, calls: sizes.held, timeoutSeconds });
  const caller = await startSipp({
    sipp: target.sipp,
    scenario: 'uac-b2bua.xml',
    address: target.peerAddress,
    port: CALLER_PORT,
    calls: sizes.held,
    rate,
    limit: sizes.held,
    remote: target.drachtioSip,
    keys: { transferred: `sip:party@${target.peerAddress}:${PARTY_PORT};transport=tcp`, hold: String(holdMs) },
    timeoutSeconds,
  });
  await settled(() => app.connected() >= sizes.held, `${sizes.held} calls up at once`, holdMs);
  const bytesPerCall = (heapAfterGc() - before) / sizes.held;
  await passed(caller.done, 'caller (held calls)', party);
  await passed(party.done, 'called party (held calls)', caller);
  await settled(() => app.open() === 0, 'the held calls to end', 30_000);
  return bytesPerCall;
}

async function partyPassed(party: SippRun): Promise<void> {
  await passed(party.done, 'called party', { stop: () => undefined });
}

async function passed(done: Promise<{ readonly code: number | null; readonly output: string }>, who: string, other: { stop(): void }): Promise<void> {
  const { code, output } = await done;
  if (code === 0) return;
  other.stop();
  throw new Error(`bench: the SIPp ${who} exited ${String(code)}:\n${output.slice(-3000)}`);
}

async function settled(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let gc: (() => void) | undefined;

/** heapUsed after full collections; exposes gc() when node was started without --expose-gc (vitest). */
function heapAfterGc(): number {
  if (gc === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed !== undefined) gc = exposed;
    else {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
  }
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
