/**
 * Decoding of literal token images into values. Lenient by design: malformed
 * literals still get a value so the AST keeps its shape; literal-diagnostics.ts
 * reports what is wrong with them.
 */

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t' };

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export interface DecodedString {
  readonly value: string;
  /** Offsets, within the image, of each backslash that starts an unknown escape. */
  readonly badEscapes: readonly number[];
  readonly terminated: boolean;
}

const NO_ESCAPES: readonly number[] = [];

/** `"a\"b"` -> `a"b`. An unknown escape keeps its character (`\q` -> `q`). */
export function decodeString(image: string): DecodedString {
  const terminated = image.length >= 2 && image.endsWith('"') && !endsWithEscapedQuote(image);
  const body = image.slice(1, terminated ? -1 : undefined);
  // Most strings have no escape: the body is the value.
  if (!body.includes('\\')) return { value: body, badEscapes: NO_ESCAPES, terminated };
  let value = '';
  const badEscapes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = body.charAt(i + 1);
    const escaped = ESCAPES[next];
    if (escaped === undefined) badEscapes.push(i + 1);
    value += escaped ?? next;
    i++;
  }
  return { value, badEscapes, terminated };
}

/** True when the final `"` is itself escaped (`"abc\"`), i.e. the string is still open. */
function endsWithEscapedQuote(image: string): boolean {
  let backslashes = 0;
  for (let i = image.length - 2; i >= 1 && image.charAt(i) === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

export interface DecodedDuration {
  /** Milliseconds; 0 when the unit is unknown. */
  readonly ms: number;
  readonly unit: string;
  readonly validUnit: boolean;
}

/** `500ms` -> 500, `2s` -> 2000, `1m` -> 60000, `1h` -> 3600000. */
export function decodeDuration(image: string): DecodedDuration {
  const match = /^([0-9]+)(.*)$/.exec(image);
  const digits = match?.[1] ?? '0';
  const unit = match?.[2] ?? '';
  const factor = UNIT_MS[unit];
  return { ms: factor === undefined ? 0 : Number(digits) * factor, unit, validUnit: factor !== undefined };
}

export function decodeInteger(image: string): number {
  return Number(image);
}
