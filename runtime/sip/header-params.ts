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
  if (text.trim() === '') return NO_PARAMS;
  const params = new Map<string, string>();
  let hasEmpty = false;
  let unterminatedQuote = false;
  const pieces = splitParams(text);
  if (pieces === undefined) return { leading: '', params, hasEmpty, unterminatedQuote: true };
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    const eq = piece.indexOf('=');
    const name = (eq < 0 ? piece : piece.slice(0, eq)).trim().toLowerCase();
    if (name === '') {
      hasEmpty = true;
      continue;
    }
    let value = eq < 0 ? '' : piece.slice(eq + 1).trim();
    if (value.length >= 2 && value.charCodeAt(0) === 0x22) {
      if (value.charCodeAt(value.length - 1) !== 0x22) unterminatedQuote = true;
      else value = unquote(value.slice(1, -1));
    }
    if (!params.has(name)) params.set(name, value);
  }
  return { leading: (pieces[0] ?? '').trim(), params, hasEmpty, unterminatedQuote };
}

/** Splits at `;` outside quoted strings; undefined when a quote never closes. */
function splitParams(text: string): string[] | undefined {
  const pieces: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inQuotes = false;
    } else if (c === 0x22) inQuotes = true;
    else if (c === 0x3b) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (inQuotes) return undefined;
  pieces.push(text.slice(start));
  return pieces;
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
