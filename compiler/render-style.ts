/** ANSI styling for rendered diagnostics; identity functions when colour is off, so layout never depends on it. */
import type { Severity } from '../grammar/diagnostic.js';

export interface RenderStyle {
  severity(severity: Severity, text: string): string;
  /** Gutter, line numbers, `-->` and related underlines. */
  accent(text: string): string;
  bold(text: string): string;
}

const wrap = (open: string, text: string): string => (text === '' ? '' : `\u001b[${open}m${text}\u001b[0m`);

const COLOR: RenderStyle = {
  severity: (severity, text) => wrap(severity === 'error' ? '1;31' : '1;33', text),
  accent: (text) => wrap('1;34', text),
  bold: (text) => wrap('1', text),
};

const PLAIN: RenderStyle = {
  severity: (_severity, text) => text,
  accent: (text) => text,
  bold: (text) => text,
};

export function renderStyle(color: boolean): RenderStyle {
  return color ? COLOR : PLAIN;
}
