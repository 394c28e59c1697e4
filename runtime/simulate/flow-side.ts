/**
 * Which addresses of the trace are the flow's. Given (`--as`), or inferred
 * from the trace: the address that speaks in the most dialogs, preferring
 * the one that sends the first INVITE when the flow starts by dialling (or
 * receives it when the flow starts with an offered call).
 */
import { formatEndpoint } from '../trace/endpoints.js';
import type { Endpoint, TraceItem } from '../trace/trace-item.js';
import type { FlowSideAddress } from './simulate-options.js';
import type { FlowSide } from './simulation-result.js';

interface AddressPattern {
  readonly ip: string;
  readonly port: number | undefined;
}

export interface FlowSideResolution {
  readonly side: FlowSide;
  readonly matcher: FlowSideMatcher;
  /** Addresses given that could not be read. */
  readonly problems: readonly string[];
  /**
   * For addresses given: the problem to report if no SIP message of the
   * trace turns out to be from or to them (known only once the replay has
   * seen every message).
   */
  readonly unused?: string;
}

/** Answers "is this endpoint the flow's?", once per distinct endpoint object (traces intern them). */
export class FlowSideMatcher {
  readonly #patterns: readonly AddressPattern[];
  readonly #cache = new Map<Endpoint, boolean>();

  constructor(patterns: readonly AddressPattern[]) {
    this.#patterns = patterns;
  }

  has(endpoint: Endpoint): boolean {
    let known = this.#cache.get(endpoint);
    if (known === undefined) {
      const ip = endpoint.ip.toLowerCase();
      known = this.#patterns.some((p) => p.ip === ip && (p.port === undefined || p.port === endpoint.port));
      this.#cache.set(endpoint, known);
    }
    return known;
  }
}

/**
 * `items` is read only as far as inference needs (the first
 * INFERENCE_SAMPLE messages); with addresses given, not at all.
 */
export function resolveFlowSide(
  items: Iterable<TraceItem>,
  given: readonly FlowSideAddress[] | undefined,
  dialsFirst: boolean,
): FlowSideResolution {
  if (given !== undefined && given.length > 0) return givenSide(given);
  return inferredSide(items, dialsFirst);
}

function givenSide(given: readonly FlowSideAddress[]): FlowSideResolution {
  const patterns: AddressPattern[] = [];
  const problems: string[] = [];
  for (const address of given) {
    const pattern = typeof address === 'string' ? parseAddress(address) : normalise(address.ip, address.port);
    if (pattern === undefined) problems.push(`\`${typeof address === 'string' ? address : address.ip}\` is not an IP address or IP:port`);
    else patterns.push(pattern);
  }
  return {
    side: { addresses: patterns.map(describePattern), inferred: false, reason: 'given' },
    matcher: new FlowSideMatcher(patterns),
    problems,
    ...(patterns.length === 0 ? {} : { unused: `no SIP message in the trace is from or to ${patterns.map(describePattern).join(', ')}` }),
  };
}

/** `127.0.0.10`, `127.0.0.10:5060`, `fd00::10`, `[fd00::10]:5060`, `[fd00::10]`. */
export function parseAddress(text: string): AddressPattern | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const close = trimmed.indexOf(']');
    if (close < 0) return undefined;
    const rest = trimmed.slice(close + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return undefined;
    return normalise(trimmed.slice(1, close), rest === '' ? undefined : Number(rest.slice(1)));
  }
  const colons = trimmed.split(':').length - 1;
  // More than one colon without brackets is a bare IPv6 address.
  if (colons > 1) return normalise(trimmed, undefined);
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(trimmed);
  if (m === null) return undefined;
  return normalise(m[1] ?? '', m[2] === undefined ? undefined : Number(m[2]));
}

function normalise(ip: string, port: number | undefined): AddressPattern | undefined {
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) return undefined;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(ip)) return { ip, port };
  if (!ip.includes(':')) return undefined;
  // The trace writes IPv6 in RFC 5952 form; the WHATWG URL parser produces the same form.
  try {
    const host = new URL(`http://[${ip}]/`).hostname;
    return { ip: host.slice(1, -1), port };
  } catch {
    return undefined;
  }
}

function describePattern(p: AddressPattern): string {
  return p.port === undefined ? p.ip : formatEndpoint({ ip: p.ip, port: p.port });
}

interface Speaker {
  readonly key: string;
  readonly pattern: AddressPattern;
  readonly dialogs: Set<string>;
}

/**
 * Enough messages to see who speaks in most dialogs: the flow side of a
 * long capture shows itself in its first calls, and the whole of a
 * million-message trace need not be scanned twice.
 */
const INFERENCE_SAMPLE = 20_000;

function inferredSide(items: Iterable<TraceItem>, dialsFirst: boolean): FlowSideResolution {
  // Parties are told apart by IP, unless two of them share one (everything on 127.0.0.1): then by IP and port.
  let byPort = false;
  let sampled = 0;
  for (const item of items) {
    if (item.kind !== 'sip') continue;
    if (item.src.ip === item.dst.ip) {
      byPort = true;
      break;
    }
    if (++sampled >= INFERENCE_SAMPLE) break;
  }
  const speakers = new Map<string, Speaker>();
  // Traces intern endpoints: one lookup per distinct endpoint object, not per message.
  const byEndpoint = new Map<Endpoint, Speaker>();
  const speaker = (e: Endpoint): Speaker => {
    const cached = byEndpoint.get(e);
    if (cached !== undefined) return cached;
    const key = byPort ? formatEndpoint(e) : e.ip;
    let s = speakers.get(key);
    if (s === undefined) {
      s = { key, pattern: { ip: e.ip.toLowerCase(), port: byPort ? e.port : undefined }, dialogs: new Set() };
      speakers.set(key, s);
    }
    byEndpoint.set(e, s);
    return s;
  };
  let firstInvite: { readonly frame: number; readonly starter: Speaker } | undefined;
  const allDialogs = new Set<string>();
  let seen = 0;
  for (const item of items) {
    if (item.kind !== 'sip' || item.retransmission) continue;
    if (++seen > INFERENCE_SAMPLE) break;
    const m = item.message;
    const src = speaker(item.src);
    const dst = speaker(item.dst);
    src.dialogs.add(m.callId);
    dst.dialogs.add(m.callId);
    allDialogs.add(m.callId);
    if (firstInvite === undefined && m.kind === 'request' && m.method === 'INVITE' && m.to.tag === undefined) {
      firstInvite = { frame: item.frame, starter: dialsFirst ? src : dst };
    }
  }
  const ranked = [...speakers.values()].sort((a, b) => b.dialogs.size - a.dialogs.size);
  const best = ranked[0];
  if (best === undefined) {
    return { side: { addresses: [], inferred: true, reason: 'the trace has no SIP messages' }, matcher: new FlowSideMatcher([]), problems: [] };
  }
  const total = allDialogs.size;
  let chosen = best;
  let reason: string;
  const role = dialsFirst ? 'sends' : 'receives';
  if (firstInvite !== undefined && firstInvite.starter.dialogs.size === best.dialogs.size) {
    chosen = firstInvite.starter;
    reason = `${chosen.key} ${role} the first INVITE (frame ${firstInvite.frame}) and speaks in ${chosen.dialogs.size} of ${total} dialogs`;
  } else if (firstInvite !== undefined) {
    reason = `${best.key} speaks in the most dialogs (${best.dialogs.size} of ${total}); ${firstInvite.starter.key} ${role} the first INVITE (frame ${firstInvite.frame}) but speaks in ${firstInvite.starter.dialogs.size}`;
  } else {
    reason = `${best.key} speaks in the most dialogs (${best.dialogs.size} of ${total}); the trace has no INVITE`;
  }
  if (seen > INFERENCE_SAMPLE) reason += ` (in the first ${INFERENCE_SAMPLE.toLocaleString('en')} messages)`;
  const tie = ranked.filter((s) => s !== chosen && s.dialogs.size === chosen.dialogs.size);
  if (tie.length > 0 && firstInvite === undefined) reason += ` (tied with ${tie.map((s) => s.key).join(', ')})`;
  return { side: { addresses: [chosen.key], inferred: true, reason }, matcher: new FlowSideMatcher([chosen.pattern]), problems: [] };
}
