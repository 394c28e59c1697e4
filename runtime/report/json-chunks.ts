/**
 * `JSON.stringify(value, null, 2)`, in pieces. The `--json` document of a
 * long capture holds every step of every trace: 10,000 calls make a
 * 330 MB document, and past V8's longest string (2^29 - 24 characters,
 * about 16,000 such calls) one `JSON.stringify` throws "Invalid string
 * length".
 * Written piece by piece, the document is as long as the disk allows, and
 * the text is the same, byte for byte, as one call would give.
 *
 * The outer `depth` levels of arrays and objects are walked here; values
 * below them (a step, a problem) are each one `JSON.stringify`, indented to
 * where they sit: a JSON text has no raw line breaks inside its strings, so
 * every line break in it is one of the indentation's.
 */

/** Levels walked piece by piece: the document, `results`, a result, its `steps`. */
const WALKED_LEVELS = 4;

const INDENT = '  ';

export function* jsonChunks(value: unknown, depth: number = WALKED_LEVELS): Generator<string> {
  yield* chunksOf(value, depth, '');
}

function* chunksOf(value: unknown, depth: number, indent: string): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || hasToJson(value)) {
    yield stringified(value, indent);
    return;
  }
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    if (items.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < items.length; i++) {
      yield i === 0 ? `[\n${inner}` : `,\n${inner}`;
      // Holes and values JSON has no text for are `null` in an array, as JSON.stringify writes them.
      const item = items[i];
      if (omitted(item)) yield 'null';
      else yield* chunksOf(item, depth - 1, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const field: unknown = (value as Record<string, unknown>)[key];
    // An object leaves out what JSON has no text for.
    if (omitted(field)) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* chunksOf(field, depth - 1, inner);
  }
  yield first ? '{}' : `\n${indent}}`;
}

function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function hasToJson(value: object): boolean {
  return typeof (value as { readonly toJSON?: unknown }).toJSON === 'function';
}

/** One value's JSON text, its lines indented to `indent`. */
function stringified(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent === '' || !text.includes('\n') ? text : text.replaceAll('\n', `\n${indent}`);
}
