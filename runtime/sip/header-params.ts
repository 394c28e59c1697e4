import { isLws, trimLws } from './lws.js';
import { bytesEqualLowercase, tokenEnd } from './byte-scan.js';

/**
 * Header parameters (`;tag=abc;lr;q = 0.5`): names lowercased, LWS around
 * `=` allowed, quoted values unquoted, a parameter without a value maps to ''.
 */
export interface HeaderParams {
  /** Text before the first `;`, trimmed: callers that pass only the parameter part expect ''. */
  readonly leading: string;
  readonly params: ReadonlyMap<string, string>;
  /** True when the text had an empty parameter (`;;`); strict readers reject it. */
  readonly hasEmpty: boolean;
  /** True when a quoted value never closed. */
  readonly unterminatedQuote: boolean;
}

const NO_PARAMS: HeaderParams = { leading: '', params: new Map(), hasEmpty: false, unterminatedQuote: false };

/** Reads `;a=b;c` from `text` (which may start with LWS before the first `;`). */
export function parseHeaderParams(text: string): HeaderParams {
  const firstSemi = text.indexOf(';');
  if (firstSemi < 0) return text.trim() === '' ? NO_PARAMS : { ...NO_PARAMS, leading: text.trim() };
  const params = new Map<string, string>();
  scanParams(text, firstSemi, params, '');
  return { leading: trimLws(text.slice(0, firstSemi)), params, hasEmpty: scan.hasEmpty, unterminatedQuote: scan.unterminatedQuote };
}

/**
 * The value `parseHeaderParams(text).params.get(wanted)` gives, without
 * building the map: From/To tags and Via branches are read for every
 * message. `wanted` is a lowercase name.
 */
export function headerParam(text: string, wanted: string): string | undefined {
  const firstSemi = text.indexOf(';');
  return firstSemi < 0 ? undefined : scanParams(text, firstSemi, undefined, wanted);
}

/** What the last `scanParams` saw besides the parameters. */
const scan = { hasEmpty: false, unterminatedQuote: false };

/**
 * One pass over the parameters after the `;` at `firstSemi`: each piece runs
 * from just after a `;` to the next `;` outside quotes. Fills `params` if
 * given; returns the value of the first parameter called `wanted` if that
 * is not ''.
 */
function scanParams(text: string, firstSemi: number, params: Map<string, string> | undefined, wanted: string): string | undefined {
  scan.hasEmpty = false;
  scan.unterminatedQuote = false;
  let start = firstSemi + 1;
  let eq = -1;
  let inQuotes = false;
  for (let i = start; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x3b;
    if (inQuotes) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inQuotes = false;
      continue;
    }
    if (c === 0x22) inQuotes = true;
    else if (c === 0x3d && eq < 0) eq = i;
    else if (c === 0x3b) {
      const end = Math.min(i, text.length);
      const nameEnd = eq < 0 ? end : eq;
      if (params !== undefined) {
        const name = trimLws(text.slice(start, nameEnd)).toLowerCase();
        if (name === '') scan.hasEmpty = true;
        else if (!params.has(name)) params.set(name, paramValue(text, eq, end));
      } else if (isName(text, start, nameEnd, wanted)) {
        return paramValue(text, eq, end);
      }
      start = i + 1;
      eq = -1;
    }
  }
  if (inQuotes) scan.unterminatedQuote = true;
  return undefined;
}

/** The value after the `=` at `eq` (none: '') up to `end`: LWS trimmed, quotes resolved. */
function paramValue(text: string, eq: number, end: number): string {
  const value = eq < 0 ? '' : trimLws(text.slice(eq + 1, end));
  if (value.length >= 2 && value.charCodeAt(0) === 0x22) {
    if (value.charCodeAt(value.length - 1) !== 0x22) scan.unterminatedQuote = true;
    else return unquote(value.slice(1, -1));
  }
  return value;
}

/** Whether `text[start, end)`, LWS trimmed and lowercased, is `lower`. */
function isName(text: string, start: number, end: number, lower: string): boolean {
  while (start < end && isLws(text.charCodeAt(start))) start++;
  while (end > start && isLws(text.charCodeAt(end - 1))) end--;
  if (end - start !== lower.length) {
    // toLowerCase can change a length only outside ASCII (`İ` → `i̇`): compare as it would.
    return hasNonAscii(text, start, end) && text.slice(start, end).toLowerCase() === lower;
  }
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return text.slice(start, end).toLowerCase() === lower;
    if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== lower.charCodeAt(i - start)) return false;
  }
  return true;
}

function hasNonAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

/** Resolves quoted-pairs (`\"` → `"`) inside a quoted string's content. */
export function unquote(content: string): string {
  if (content.indexOf('\\') < 0) return content;
  let out = '';
  for (let i = 0; i < content.length; i++) {
    const ch = content[i] ?? '';
    if (ch === '\\' && i + 1 < content.length) {
      out += content[i + 1] ?? '';
      i++;
    } else out += ch;
  }
  return out;
}

/** Where `simpleParamsEnd` found the wanted parameter's value: `start` -1 when absent. */
export const simpleParam = { start: -1, end: -1 };

/**
 * The common shape of header parameters, on bytes and building nothing:
 * `;name` or `;name=value` pieces of token characters only, from `start`
 * (a `;`, or anything else for none). Returns where they stop — the first
 * byte that is neither `;` nor part of a piece, or `end` — or -1 when a
 * piece is not of that shape (no name: `;;`, `;=x`). Records where the
 * first parameter called `wanted` (lowercase) has its value. Callers
 * accept only what `parseHeaderParams` gives the same result for (the
 * parameters stopping at the end of the value, or at a list's comma).
 */
export function simpleParamsEnd(buf: Uint8Array, start: number, end: number, wanted: string): number {
  simpleParam.start = -1;
  simpleParam.end = -1;
  let i = start;
  while (i < end && buf[i] === 0x3b) {
    const nameStart = i + 1;
    const nameEnd = tokenEnd(buf, nameStart, end);
    if (nameEnd === nameStart) return -1;
    let valueStart = nameEnd;
    i = nameEnd;
    if (i < end && buf[i] === 0x3d) {
      valueStart = i + 1;
      i = tokenEnd(buf, valueStart, end);
    }
    if (simpleParam.start < 0 && bytesEqualLowercase(buf, nameStart, nameEnd, wanted)) {
      simpleParam.start = valueStart;
      simpleParam.end = i;
    }
  }
  return i;
}
