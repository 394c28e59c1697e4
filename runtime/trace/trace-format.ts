import { pcapLayout } from './pcap-file.js';
import type { TraceFormat } from './trace-item.js';

const PCAPNG_MAGIC = 0x0a0d0d0a;
/** How far into a text the first SIP start line or direction line may be for it to count as a text log. */
const TEXT_PROBE_BYTES = 64 * 1024;
const TEXT_HINT = /^(?:SIP\/2\.0 \d{3}|\S+ \S+ SIP\/2\.0\s*$|.*\b(?:recv|send) \d+ bytes (?:from|to) |.*(?:->|=>|→).*\d)/im;

/** Recognises a trace by its first bytes (gzip is unwrapped before this is asked). */
export function detectTraceFormat(buf: Buffer): Exclude<TraceFormat, 'merged'> {
  if (buf.length >= 4 && buf.readUInt32BE(0) === PCAPNG_MAGIC) return 'pcapng';
  if (pcapLayout(buf) !== undefined) return 'pcap';
  const probe = buf.toString('utf8', 0, Math.min(buf.length, TEXT_PROBE_BYTES)).replace(/^\uFEFF/, '');
  const first = /\S/.exec(probe);
  if (first === null) return 'unknown';
  // Event logs are often written with a header of `#` comments (who recorded them, how); the reader skips those too.
  if (firstContentLine(probe)?.startsWith('{') === true) return 'jsonl';
  // Binary bytes in the first lines mean some other file, not a log.
  if (/[\x00-\x08\x0e-\x1a]/.test(probe.slice(0, 512))) return 'unknown';
  return TEXT_HINT.test(probe) ? 'text' : 'unknown';
}

/** The first line that is not blank, a `#` comment or a `//` comment (as the JSONL reader skips them), trimmed. */
function firstContentLine(text: string): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue;
    return line;
  }
  return undefined;
}

export function isGzip(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}
