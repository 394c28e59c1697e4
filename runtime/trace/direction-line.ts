import { parseDateTime, parseLogTime, parseTimeOfDay } from './text-time.js';
import type { Endpoint, TraceTransport } from './trace-item.js';

/** What a direction line says about the message after it. */
export interface Direction {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  /** Milliseconds, when the line gives a time. */
  readonly time: number | undefined;
  readonly transport: TraceTransport | undefined;
}

/** The far end is named in sofia-sip logs; this end is not, so it gets this placeholder unless the caller names it. */
export const UNNAMED_LOCAL: Endpoint = { ip: '0.0.0.0', port: 0 };

const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const IPV6 = String.raw`\[[0-9A-Fa-f:.]+\]`;
const ADDRESS = String.raw`(?:${IPV6}|${IPV4})(?::\d{1,5})?`;
const NAMED_ADDRESS = String.raw`(?:${IPV6}|${IPV4}|[A-Za-z][A-Za-z0-9_.-]*)(?::\d{1,5})?`;
const TIME = String.raw`\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?|\d{2}:\d{2}:\d{2}(?:[.,]\d+)?`;
const ARROW = String.raw`(?:-->|->|=>|→)`;
const TRANSPORT = String.raw`UDP|TCP|TLS|WSS|WS|SCTP`;
const TAIL = String.raw`(?:\s+(?<transport>${TRANSPORT}))?(?:\s*@\s*(?<at>\d+(?:\.\d+)?)\s*s?)?\s*$`;

/** `--> 2024-01-01T10:00:00.123Z 10.0.0.1:5060 -> 10.0.0.2:5060 UDP`: with a marker, hosts may be names. */
const MARKED = new RegExp(
  String.raw`^\s*(?:-->|<--|==>|<==|>>|<<)\s*(?:(?<time>${TIME})\s+)?(?<src>${NAMED_ADDRESS})\s*${ARROW}\s*(?<dst>${NAMED_ADDRESS})${TAIL}`,
  'i',
);
/** `2024/01/01 10:00:00.123456 10.0.0.1:5060 -> 10.0.0.2:5060` (sngrep's text export): without a marker, IP addresses only. */
const UNMARKED = new RegExp(String.raw`^\s*(?:(?<time>${TIME})\s+)?(?<src>${ADDRESS})\s*${ARROW}\s*(?<dst>${ADDRESS})${TAIL}`, 'i');
/** `recv 903 bytes from udp/[192.168.7.101]:52110 at 20:07:57.811303:` (sofia-sip siptrace: FreeSWITCH, drachtio). */
const SOFIA = new RegExp(
  String.raw`^(?<prefix>.*?)\b(?<verb>recv|send)\s+\d+\s+bytes\s+(?:from|to)\s+(?<transport>${TRANSPORT})\/\[(?<ip>[^\]]+)\]:(?<port>\d{1,5})(?:\s+at\s+(?<at>\d{2}:\d{2}:\d{2}(?:[.,]\d+)?))?\s*:?\s*$`,
  'i',
);
const PREFIX_DATE_TIME = /(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?)/;
const PREFIX_DATE = /(\d{4}-\d{2}-\d{2})/;

/** Reads a direction line; undefined when the line is not one. */
export function parseDirectionLine(line: string, local: Endpoint = UNNAMED_LOCAL): Direction | undefined {
  const m = MARKED.exec(line) ?? UNMARKED.exec(line);
  if (m?.groups !== undefined) {
    const g = m.groups;
    const src = parseEndpoint(g['src'] ?? '');
    const dst = parseEndpoint(g['dst'] ?? '');
    if (src === undefined || dst === undefined) return undefined;
    const at = g['at'];
    const written = g['time'];
    const time = at !== undefined ? Number(at) * 1000 : written !== undefined ? parseLogTime(written) : undefined;
    return { src, dst, time, transport: transportOf(g['transport']) };
  }
  const s = SOFIA.exec(line);
  if (s?.groups === undefined) return undefined;
  const g = s.groups;
  const port = Number(g['port']);
  if (port > 65535) return undefined;
  const remote = { ip: g['ip'] ?? '', port };
  const time = sofiaTime(g['prefix'] ?? '', g['at']);
  const transport = transportOf(g['transport']);
  return (g['verb'] ?? '').toLowerCase() === 'recv'
    ? { src: remote, dst: local, time, transport }
    : { src: local, dst: remote, time, transport };
}

/** The `at` time of day, on the date the log line's own prefix gives, if any. */
function sofiaTime(prefix: string, at: string | undefined): number | undefined {
  if (at !== undefined) {
    const timeOfDay = parseTimeOfDay(at);
    const date = PREFIX_DATE.exec(prefix)?.[1];
    if (timeOfDay === undefined) return undefined;
    const midnight = date === undefined ? undefined : parseDateTime(`${date}T00:00:00Z`);
    return midnight === undefined ? timeOfDay : midnight + timeOfDay;
  }
  const stamp = PREFIX_DATE_TIME.exec(prefix)?.[1];
  return stamp === undefined ? undefined : parseDateTime(stamp);
}

function parseEndpoint(text: string): Endpoint | undefined {
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    host = text.slice(1, close);
    portText = text.charAt(close + 1) === ':' ? text.slice(close + 2) : undefined;
  } else {
    const colon = text.lastIndexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    portText = colon < 0 ? undefined : text.slice(colon + 1);
  }
  const port = portText === undefined ? 5060 : Number(portText);
  if (!Number.isInteger(port) || port > 65535) return undefined;
  if (/^\d+(\.\d+){3}$/.test(host) && host.split('.').some((o) => Number(o) > 255)) return undefined;
  return { ip: host, port };
}

function transportOf(text: string | undefined): TraceTransport | undefined {
  switch (text?.toLowerCase()) {
    case 'udp':
      return 'udp';
    case 'tcp':
      return 'tcp';
    case 'tls':
      return 'tls';
    case 'ws':
      return 'ws';
    case 'wss':
      return 'wss';
    case 'sctp':
      return 'sctp';
    default:
      return undefined;
  }
}
