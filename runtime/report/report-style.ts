/**
 * ANSI styling for the terminal report. Identity functions when colour is
 * off, so the layout (and every test of it) never depends on colour.
 */
export interface ReportStyle {
  readonly pass: (text: string) => string;
  readonly fail: (text: string) => string;
  readonly warn: (text: string) => string;
  /** Addresses, `.flow` locations, gutters. */
  readonly accent: (text: string) => string;
  /** What the reader may skip: stack messages, ignored events, steps not compared. */
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const wrap =
  (open: string) =>
  (text: string): string =>
    text === '' ? '' : `\u001b[${open}m${text}\u001b[0m`;

const COLOR: ReportStyle = {
  pass: wrap('1;32'),
  fail: wrap('1;31'),
  warn: wrap('33'),
  accent: wrap('36'),
  dim: wrap('2'),
  bold: wrap('1'),
};

const same = (text: string): string => text;

const PLAIN: ReportStyle = { pass: same, fail: same, warn: same, accent: same, dim: same, bold: same };

export function reportStyle(color: boolean): ReportStyle {
  return color ? COLOR : PLAIN;
}
