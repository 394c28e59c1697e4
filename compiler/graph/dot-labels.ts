/**
 * Graphviz labels of states: the name, an optional kind (`parallel`), and
 * the internal (targetless) transitions listed under a rule, the UML way of
 * drawing transitions that neither exit nor enter. Plain names stay plain
 * DOT strings; the rest are HTML-like labels.
 */
import { dotString, htmlText } from './dot-text.js';

export function stateLabel(name: string, kind: string | undefined, internal: readonly string[]): string {
  if (kind === undefined && internal.length === 0) return dotString(name);
  // a no-break space: Graphviz drops a plain space before a tag
  const title = `${htmlText(name)}${kind === undefined ? '' : `&#160;<I>(${htmlText(kind)})</I>`}`;
  if (internal.length === 0) return `<${title}>`;
  const lines = internal.map((line) => `${htmlText(line)}<BR ALIGN="LEFT"/>`).join('');
  return `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3"><TR><TD>${title}</TD></TR><HR/><TR><TD ALIGN="LEFT" BALIGN="LEFT">${lines}</TD></TR></TABLE>>`;
}
