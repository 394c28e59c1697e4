/**
 * The replay figures' input: N copies of the SIPp capture of the POM
 * external transfer (test/fixtures/traces/external-transfer-happy.pcap),
 * each with its own Call-IDs, tags and Via branches, started `spacingMs`
 * apart so thousands of calls overlap, as on a busy media server. Built in
 * memory from the template's messages; the SIP text is otherwise as SIPp
 * sent it (Content-Length stays right: bodies are not touched).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrace } from '../runtime/trace/read-trace.js';
import type { SipTraceItem } from '../runtime/trace/trace-item.js';
import { writePcap, type UdpDatagram } from './pcap-writer.js';
import { repoRoot } from './repo-root.js';

export const TEMPLATE_TRACE = 'test/fixtures/traces/external-transfer-happy.pcap';
/** The flow's address in the template: the MPP that dials the agent. */
export const FLOW_SIDE_IP = '127.0.0.10';

interface TemplateMessage {
  readonly offsetMs: number;
  readonly srcIp: readonly [number, number, number, number];
  readonly srcPort: number;
  readonly dstIp: readonly [number, number, number, number];
  readonly dstPort: number;
  readonly text: string;
}

export interface CallTemplate {
  readonly messages: readonly TemplateMessage[];
  /** Identifiers made unique per copy: Call-ID local parts, tags, Via branches. */
  readonly tokens: readonly string[];
  readonly durationMs: number;
}

export interface SyntheticCapture {
  readonly pcap: Buffer;
  readonly calls: number;
  readonly messages: number;
  /** Call-ID local part of each template dialog, in the order the template opens them. */
  readonly templateCallIds: readonly string[];
}

let template: CallTemplate | undefined;

export function loadCallTemplate(): CallTemplate {
  if (template !== undefined) return template;
  const read = readTrace(readFileSync(join(repoRoot(), TEMPLATE_TRACE)), TEMPLATE_TRACE);
  const sip = read.items.filter((i): i is SipTraceItem => i.kind === 'sip');
  const first = sip[0];
  if (first === undefined) throw new Error(`bench: ${TEMPLATE_TRACE} has no SIP messages`);
  const tokens = new Set<string>();
  const messages: TemplateMessage[] = [];
  for (const item of sip) {
    const m = item.message;
    tokens.add(localPart(m.callId));
    if (m.from.tag !== undefined) tokens.add(m.from.tag);
    if (m.to.tag !== undefined) tokens.add(m.to.tag);
    for (const via of m.via) if (via.branch !== undefined) tokens.add(via.branch);
    messages.push({
      offsetMs: item.time - first.time,
      srcIp: ipv4(item.src.ip),
      srcPort: item.src.port,
      dstIp: ipv4(item.dst.ip),
      dstPort: item.dst.port,
      text: Buffer.from(m.bytes).toString('latin1'),
    });
  }
  const last = messages[messages.length - 1];
  template = { messages, tokens: [...tokens], durationMs: last === undefined ? 0 : last.offsetMs };
  return template;
}

/** `calls` copies of the template, call k starting k * spacingMs after the first. */
export function buildSyntheticCapture(calls: number, spacingMs = 2): SyntheticCapture {
  const t = loadCallTemplate();
  // Longest first, and never inside a longer identifier: a branch `...-1-5` must not rewrite `...-1-52`.
  const pattern = new RegExp(`(${[...t.tokens].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'g');
  const base = Date.UTC(2026, 0, 1);
  const datagrams: UdpDatagram[] = [];
  for (let k = 0; k < calls; k++) {
    const suffix = `x${k}`;
    for (const m of t.messages) {
      datagrams.push({
        time: base + k * spacingMs + m.offsetMs,
        srcIp: m.srcIp,
        srcPort: m.srcPort,
        dstIp: m.dstIp,
        dstPort: m.dstPort,
        payload: Buffer.from(m.text.replace(pattern, `$1${suffix}`), 'latin1'),
      });
    }
  }
  // Capture order is time order; ties keep call order (the sort is stable).
  datagrams.sort((a, b) => a.time - b.time);
  const templateCallIds = [...new Set(t.messages.map((m) => localPart(callIdOf(m.text))))];
  return { pcap: writePcap(datagrams), calls, messages: datagrams.length, templateCallIds };
}

function localPart(callId: string): string {
  const at = callId.indexOf('@');
  return at < 0 ? callId : callId.slice(0, at);
}

function callIdOf(text: string): string {
  const found = /^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)/im.exec(text);
  return found?.[1] ?? '';
}

function ipv4(text: string): [number, number, number, number] {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`bench: template address ${text} is not IPv4`);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 0];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
