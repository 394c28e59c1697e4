/**
 * Text for Mermaid labels, notes and descriptions. Mermaid ends a label at
 * `;` and splits on `:`, and `#` starts its entity codes, so those become
 * entity codes (`#59;`, which Mermaid decodes when it renders). `<` and `&`
 * are encoded only where they could start an HTML tag or entity, which
 * Mermaid's sanitiser would eat: operators like `a < 2` stay readable.
 */

export function mermaidText(text: string): string {
  return text.replace(/[#;:]|<(?=[A-Za-z/!?])|&(?=[A-Za-z#])/g, (c) => `#${c.charCodeAt(0)};`);
}
