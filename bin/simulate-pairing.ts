/**
 * Which files `flowc simulate` replays together. Event logs (`.jsonl`,
 * `.ndjson`, optionally gzipped) carry application events; captures and
 * text logs carry SIP. An event log is merged by time into the capture
 * whose name it shares (`call-17.pcap` + `call-17.jsonl`, or
 * `call-17.desktop.jsonl`); an event log that shares no capture's name is
 * merged into every capture given; event logs given with no capture at all
 * are replayed on their own. See docs/simulate-output.md.
 */
import { basename } from 'node:path';

export interface TraceGroup {
  /** The capture (or text log) first, then the event logs merged into it. */
  readonly files: readonly string[];
}

export function isEventLog(path: string): boolean {
  return /\.(?:jsonl|ndjson)(?:\.gz)?$/i.test(path);
}

/** `call-17.pcap` -> `call-17`; `call-17.desktop.jsonl.gz` -> `call-17.desktop`. */
export function stem(path: string): string {
  const name = basename(path).replace(/\.gz$/i, '');
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

export function pairTraces(paths: readonly string[]): TraceGroup[] {
  const captures = paths.filter((p) => !isEventLog(p));
  const logs = paths.filter(isEventLog);
  if (captures.length === 0) return logs.map((l) => ({ files: [l] }));
  const named = (capture: string, log: string): boolean => {
    const c = stem(capture);
    const l = stem(log);
    return l === c || l.startsWith(`${c}.`);
  };
  const shared = logs.filter((l) => !captures.some((c) => named(c, l)));
  return captures.map((c) => ({ files: [c, ...logs.filter((l) => named(c, l)), ...shared] }));
}
