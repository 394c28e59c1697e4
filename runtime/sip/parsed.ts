/** The outcome of reading one piece of user input: a value, or why it could not be read. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export function parsedValue<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function parseFailure<T>(reason: string): Parsed<T> {
  return { ok: false, reason };
}
