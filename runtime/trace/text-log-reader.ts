import { parseSipBytes } from '../sip/parse-message.js';
import { parseDirectionLine, UNNAMED_LOCAL, type Direction } from './direction-line.js';
import { EndpointTable } from './endpoints.js';
import { RetransmissionDetector } from './retransmissions.js';
import type { Endpoint, TraceItem } from './trace-item.js';

/** Where a message has no direction line, its addresses are unknown and say so. */
export const UNKNOWN_ENDPOINT: Endpoint = { ip: 'unknown', port: 0 };

const START_LINE = /^(?:SIP\/\d+\.\d+\s|\S+\s+\S+\s+SIP\/\d+\.\d+\s*$)/i;
const SEPARATOR = /^\s*(?:-{8,}|={8,})\s*$/;
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)\s*$/i;

export interface TextLogOptions {
  /** The address sofia-sip logs (`recv ... from`, `send ... to`) do not name: the logging host's own. */
  readonly localEndpoint?: Endpoint;
}

/**
 * Reads SIP messages pasted from logs and RFCs (docs/trace-formats.md,
 * "Text logs"): an optional direction line, the start line, headers, an
 * empty line, the body. Lines outside messages are commentary and skipped.
 * `frame` is the 1-based line number of each message's start line.
 */
export function* textLogItems(text: string, trace: string, options: TextLogOptions = {}): Generator<TraceItem> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const local = options.localEndpoint ?? UNNAMED_LOCAL;
  const endpoints = new EndpointTable();
  const retransmissions = new RetransmissionDetector();
  let direction: { readonly value: Direction; readonly line: number } | undefined;
  let time = 0;
  let warnedUndirected = false;
  let messages = 0;
  let i = 0;
  while (i < lines.length) {
    const line = (lines[i] ?? '').trimEnd();
    const lineNumber = i + 1;
    if (line === '' || line.startsWith('#') || SEPARATOR.test(line)) {
      i++;
      continue;
    }
    const parsedDirection = parseDirectionLine(line, local);
    if (parsedDirection !== undefined) {
      if (direction !== undefined) yield problem(trace, direction.line, time, 'warning', 'direction line not followed by a SIP message');
      direction = { value: parsedDirection, line: lineNumber };
      if (parsedDirection.time !== undefined) time = parsedDirection.time;
      i++;
      continue;
    }
    if (!START_LINE.test(line)) {
      if (direction !== undefined) {
        yield problem(trace, lineNumber, time, 'error', `expected a SIP start line after the direction line at line ${direction.line}, found \`${clip(line)}\``);
        direction = undefined;
      }
      i++;
      continue;
    }
    messages++;
    const cut = cutMessage(lines, i);
    i = cut.next;
    const bytes = Buffer.from(cut.text, 'utf8');
    const parsed = parseSipBytes(bytes, 0, bytes.length, 'exact');
    if (!parsed.ok) {
      yield problem(trace, lineNumber, time, 'error', `SIP message does not parse: ${parsed.reason}`);
      direction = undefined;
      continue;
    }
    const src = direction === undefined ? UNKNOWN_ENDPOINT : endpoints.endpoint(direction.value.src.ip, direction.value.src.port);
    const dst = direction === undefined ? UNKNOWN_ENDPOINT : endpoints.endpoint(direction.value.dst.ip, direction.value.dst.port);
    if (direction === undefined && !warnedUndirected) {
      warnedUndirected = true;
      yield problem(trace, lineNumber, time, 'warning', 'message without a direction line: its addresses are unknown');
    }
    const transport = direction?.value.transport ?? 'udp';
    const retransmission = retransmissions.check(endpoints.direction(src, dst), parsed.message, time);
    yield { kind: 'sip', trace, frame: lineNumber, time, src, dst, transport, message: parsed.message, retransmission };
    direction = undefined;
  }
  if (direction !== undefined) yield problem(trace, direction.line, time, 'warning', 'direction line not followed by a SIP message');
  if (messages === 0) yield problem(trace, 0, time, 'warning', 'no SIP message found in this text log');
}

/**
 * One message from its start line: headers to the first empty line; the
 * body to the next direction line, separator, empty line followed by a start
 * line, or the end. Lines are re-joined with CRLF, as they were sent.
 * With a Content-Length, the body is cut to it: text after is commentary.
 */
function cutMessage(lines: readonly string[], start: number): { text: string; next: number } {
  const head: string[] = [];
  let i = start;
  let contentLength: number | undefined;
  while (i < lines.length) {
    const line = (lines[i] ?? '').trimEnd();
    if (line === '' || (i > start && (parseDirectionLine(line) !== undefined || SEPARATOR.test(line)))) break;
    const m = CONTENT_LENGTH.exec(line);
    if (m !== null) contentLength = Number(m[1]);
    head.push(line);
    i++;
  }
  const body: string[] = [];
  if (i < lines.length && (lines[i] ?? '').trim() === '') {
    i++;
    while (i < lines.length) {
      const line = (lines[i] ?? '').trimEnd();
      if (parseDirectionLine(line) !== undefined || SEPARATOR.test(line)) break;
      if (line === '' && START_LINE.test(nextNonEmpty(lines, i + 1))) break;
      body.push(line);
      i++;
    }
  }
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  let bodyText = body.length === 0 ? '' : `${body.join('\r\n')}\r\n`;
  if (contentLength !== undefined && Buffer.byteLength(bodyText) > contentLength) {
    bodyText = Buffer.from(bodyText, 'utf8').subarray(0, contentLength).toString('utf8');
  }
  return { text: `${head.join('\r\n')}\r\n\r\n${bodyText}`, next: i };
}

function nextNonEmpty(lines: readonly string[], from: number): string {
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] ?? '').trimEnd();
    if (line !== '') return line;
  }
  return '';
}

function problem(trace: string, frame: number, time: number, severity: 'error' | 'warning', reason: string): TraceItem {
  return { kind: 'problem', trace, frame, time, severity, reason };
}

function clip(line: string): string {
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
