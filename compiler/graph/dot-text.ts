/** Quoting for Graphviz: DOT double-quoted strings, HTML-like label text, and attribute lists. */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function dotString(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

export function htmlText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}

/** `subject [a, b];`, or `subject;` when there is nothing to say about it. */
export function dotStatement(subject: string, attributes: readonly string[]): string {
  return attributes.length === 0 ? `${subject};` : `${subject} [${attributes.join(', ')}];`;
}
