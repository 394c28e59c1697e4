/**
 * A string equal to `text` that shares no storage with the text it was cut
 * from. A parsed message's fields are substrings of the message's whole
 * text, and V8 keeps a substring as a view into its parent: a field kept
 * for the whole replay (a step's dialog, a dialog's tags, a summary) would
 * keep every message it came from alive, and a streamed capture would not
 * become garbage as it is replayed.
 */

/** V8 copies substrings shorter than this instead of keeping a view (SlicedString::kMinLength). */
const SHORTEST_VIEW = 13;

export function ownText(text: string): string {
  // The concatenation is flattened into a fresh string by slice(), and the result points into that copy only.
  return text.length < SHORTEST_VIEW ? text : ` ${text}`.slice(1);
}
