import { parseDateTime } from './text-time.js';
import type { TraceEvent, TraceItem } from './trace-item.js';

const TIME_KEYS = ['time', 't'] as const;
const TYPE_KEYS = ['event', 'type'] as const;

/**
 * Reads a JSONL event log (docs/trace-formats.md, "Event logs"): one JSON
 * object per line, `{"time": <ms or ISO-8601>, "event": "Consult", ...fields}`,
 * also accepted as `{"t": ..., "type": ...}`. Blank lines and lines starting
 * with `#` or `//` are skipped; a line that cannot be read is a problem and
 * reading goes on. `frame` is the 1-based line number.
 */
export function* eventLogItems(text: string, trace: string): Generator<TraceItem> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  let time = 0;
  let warnedUntimed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const frame = i + 1;
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue;
    const value = parseJson(line);
    if (!value.ok) {
      yield { kind: 'problem', trace, frame, time, severity: 'error', reason: `not JSON: ${value.reason}` };
      continue;
    }
    if (!isRecord(value.json)) {
      yield { kind: 'problem', trace, frame, time, severity: 'error', reason: 'an event must be a JSON object' };
      continue;
    }
    const record = value.json;
    const read = readEvent(record);
    if (typeof read === 'string') {
      yield { kind: 'problem', trace, frame, time, severity: 'error', reason: read };
      continue;
    }
    if (read.time !== undefined) time = read.time;
    else if (!warnedUntimed) {
      warnedUntimed = true;
      yield { kind: 'problem', trace, frame, time, severity: 'warning', reason: 'event without a time takes the previous event\'s time' };
    }
    yield { kind: 'event', trace, frame, time, event: read.event };
  }
}

function readEvent(record: Record<string, unknown>): { event: TraceEvent; time: number | undefined } | string {
  const timeKey = TIME_KEYS.find((k) => k in record);
  const typeKey = TYPE_KEYS.find((k) => k in record);
  if (typeKey === undefined) return 'no `event` (or `type`) field';
  let time: number | undefined;
  if (timeKey !== undefined) {
    const t = record[timeKey];
    if (typeof t === 'number' && Number.isFinite(t)) time = t;
    else if (typeof t === 'string') time = parseDateTime(t) ?? (Number.isFinite(Date.parse(t)) ? Date.parse(t) : undefined);
    if (time === undefined) return `\`${timeKey}\` is neither milliseconds nor an ISO-8601 date-time`;
  }
  const fields: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) if (key !== timeKey && key !== typeKey) fields[key] = v;
  const typeValue = record[typeKey];
  // `"event": {"type": "Consult", ...}` nests the event's own fields.
  if (isRecord(typeValue)) {
    const nestedType = typeValue['type'];
    if (typeof nestedType !== 'string' || nestedType === '') return `\`${typeKey}\` object has no \`type\` string`;
    return { event: { ...fields, ...typeValue, type: nestedType }, time };
  }
  if (typeof typeValue !== 'string' || typeValue === '') return `\`${typeKey}\` must be a non-empty string`;
  return { event: { ...fields, type: typeValue }, time };
}

/** JSON.parse throws on bad input; here that is a value like any other outcome. */
function parseJson(line: string): { ok: true; json: unknown } | { ok: false; reason: string } {
  try {
    const json: unknown = JSON.parse(line);
    return { ok: true, json };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
