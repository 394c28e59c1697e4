import { trimLws } from './lws.js';

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
  let hasEmpty = false;
  let unterminatedQuote = false;
  // One pass: each piece runs from just after a `;` to the next `;` outside quotes.
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
      const name = trimLws(text.slice(start, eq < 0 ? end : eq)).toLowerCase();
      if (name === '') hasEmpty = true;
      else if (!params.has(name)) {
        let value = eq < 0 ? '' : trimLws(text.slice(eq + 1, end));
        if (value.length >= 2 && value.charCodeAt(0) === 0x22) {
          if (value.charCodeAt(value.length - 1) !== 0x22) unterminatedQuote = true;
          else value = unquote(value.slice(1, -1));
        }
        params.set(name, value);
      }
      start = i + 1;
      eq = -1;
    }
  }
  if (inQuotes) unterminatedQuote = true;
  return { leading: trimLws(text.slice(0, firstSemi)), params, hasEmpty, unterminatedQuote };
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
