/**
 * Edits of a read trace in memory, for mutated-trace tests: no new capture,
 * the items of a real one with one message changed, dropped or added.
 */
import { parseSipMessage } from '../../../runtime/sip/index.js';
import type { SipTraceItem, TraceItem, TraceRead } from '../../../runtime/trace/index.js';

export function sipAt(trace: TraceRead, frame: number): SipTraceItem {
  const item = trace.items.find((i) => i.frame === frame);
  if (item?.kind !== 'sip') throw new Error(`frame ${frame} is not a SIP message`);
  return item;
}

export function messageText(item: SipTraceItem): string {
  return Buffer.from(item.message.bytes).toString('utf8');
}

/** The item with its message text rewritten (and parsed again). */
export function rewritten(item: SipTraceItem, edit: (text: string) => string): SipTraceItem {
  const before = messageText(item);
  const text = edit(before);
  if (text === before) throw new Error(`the edit changed nothing in frame ${item.frame}`);
  const parsed = parseSipMessage(text);
  if (!parsed.ok) throw new Error(`frame ${item.frame} no longer parses: ${parsed.reason}`);
  return { ...item, message: parsed.message };
}

export function replaceFrame(trace: TraceRead, frame: number, edit: (text: string) => string): TraceRead {
  return { ...trace, items: trace.items.map((i) => (i.frame === frame && i.kind === 'sip' ? rewritten(i, edit) : i)) };
}

export function dropFrames(trace: TraceRead, frames: readonly number[]): TraceRead {
  return { ...trace, items: trace.items.filter((i) => !frames.includes(i.frame)) };
}

/** `item` placed right after frame `after`. */
export function insertAfter(trace: TraceRead, after: number, item: TraceItem): TraceRead {
  const at = trace.items.findIndex((i) => i.frame === after);
  if (at < 0) throw new Error(`no frame ${after}`);
  return { ...trace, items: [...trace.items.slice(0, at + 1), item, ...trace.items.slice(at + 1)] };
}

/** A message of the trace moved to right after frame `after` (its time set to just after that frame's). */
export function moveAfter(trace: TraceRead, frame: number, after: number): TraceRead {
  const moved = sipAt(trace, frame);
  const anchor = sipAt(trace, after);
  const rest = { ...trace, items: trace.items.filter((i) => i.frame !== frame) };
  return insertAfter(rest, after, { ...moved, time: anchor.time + 0.001 });
}

/** A text log (docs/trace-formats.md, "Text logs") of the trace's SIP messages, with direction lines and times. */
export function asTextLog(trace: TraceRead): string {
  const lines: string[] = [];
  for (const item of trace.items) {
    if (item.kind !== 'sip') continue;
    const src = `${item.src.ip}:${item.src.port}`;
    const dst = `${item.dst.ip}:${item.dst.port}`;
    lines.push(`--> ${new Date(item.time).toISOString()} ${src} -> ${dst} ${item.transport.toUpperCase()}`, messageText(item).replace(/\r\n$/, ''), '');
  }
  return lines.join('\n');
}
