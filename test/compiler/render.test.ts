import { describe, expect, it } from 'vitest';
import { check } from '../../compiler/check.js';
import { countDiagnostics, renderDiagnostic, renderSummary, toJson } from '../../compiler/render.js';
import type { Diagnostic } from '../../grammar/diagnostic.js';
import { parseFlowFile } from '../../grammar/parse.js';
import type { Span } from '../../grammar/source.js';

/** A span on one line of `text`, by line and 1-based column. */
function span(text: string, line: number, column: number, length: number): Span {
  const lines = text.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return {
    start: { offset, line, column },
    end: { offset: offset + length, line, column: column + length },
  };
}

const TEN_LINES = Array.from({ length: 10 }, (_, i) => `// line ${i + 1}`).join('\n');

describe('renderDiagnostic', () => {
  it('renders a checker diagnostic with its label and help', () => {
    const text = ['flow ExternalTransfer {', '  event Consult', '  state Talking {', '    on Consult -> Talkng', '  }', '}'].join('\n');
    const parsed = parseFlowFile({ path: 'flows/x.flow', text });
    const [d] = check(parsed.file);
    expect(d).toBeDefined();
    if (d === undefined) return;
    expect(renderDiagnostic(d, text, { color: false })).toBe(
      [
        'error[FLOW2003]: unknown state `Talkng`',
        ' --> flows/x.flow:4:19',
        '  |',
        '4 |     on Consult -> Talkng',
        '  |                   ^^^^^^ no state named `Talkng` in flow `ExternalTransfer`',
        '  |',
        '  = help: did you mean `Talking`?',
      ].join('\n'),
    );
  });

  it('aligns the gutter to the widest line number and frames related spans with :::', () => {
    const text = `${TEN_LINES}\nflow F {\n  state Talking\n  state Talking\n}`;
    const d: Diagnostic = {
      code: 'FLOW2002',
      severity: 'error',
      message: 'state `Talking` is declared twice in flow `F`',
      path: 'a.flow',
      span: span(text, 13, 9, 7),
      label: 'declared again here',
      related: [{ path: 'a.flow', span: span(text, 12, 9, 7), label: 'first declared here' }],
    };
    expect(renderDiagnostic(d, text, { color: false })).toBe(
      [
        'error[FLOW2002]: state `Talking` is declared twice in flow `F`',
        '  --> a.flow:13:9',
        '   |',
        '13 |   state Talking',
        '   |         ^^^^^^^ declared again here',
        '   |',
        '  ::: a.flow:12:9',
        '   |',
        '12 |   state Talking',
        '   |         ------- first declared here',
      ].join('\n'),
    );
  });

  it('shows a related span in another file from sourceOf, or as a note without it', () => {
    const text = 'flow B {\n  state S { entry { send Ping() to A("x") } }\n}';
    const other = 'flow A {\n  state S\n}';
    const d: Diagnostic = {
      code: 'FLOW2014',
      severity: 'error',
      message: 'flow `A` has no event `Ping`',
      path: 'b.flow',
      span: span(text, 2, 26, 4),
      related: [{ path: 'a.flow', span: span(other, 1, 6, 1), label: 'flow `A` declared here' }],
    };
    expect(renderDiagnostic(d, text, { color: false, sourceOf: (p) => (p === 'a.flow' ? other : undefined) })).toBe(
      [
        'error[FLOW2014]: flow `A` has no event `Ping`',
        ' --> b.flow:2:26',
        '  |',
        '2 |   state S { entry { send Ping() to A("x") } }',
        '  |                          ^^^^',
        '  |',
        ' ::: a.flow:1:6',
        '  |',
        '1 | flow A {',
        '  |      - flow `A` declared here',
      ].join('\n'),
    );
    expect(renderDiagnostic(d, text, { color: false }).split('\n').slice(-2)).toEqual([
      ' ::: a.flow:1:6',
      '  = note: flow `A` declared here',
    ]);
  });

  it('renders warnings, expands tabs, and underlines a multi-line span to the end of its first line', () => {
    const text = 'flow F {\n\tstate S {\n\t}\n}';
    const d: Diagnostic = {
      code: 'FLOW2035',
      severity: 'warning',
      message: 'state `S` is unreachable',
      path: 'f.flow',
      span: { start: { offset: 16, line: 2, column: 8 }, end: { offset: 22, line: 3, column: 3 } },
      related: [],
    };
    expect(renderDiagnostic(d, text, { color: false })).toBe(
      ['warning[FLOW2035]: state `S` is unreachable', ' --> f.flow:2:8', '  |', '2 |     state S {', '  |           ^^^'].join('\n'),
    );
  });

  it('colours only when asked, without changing the layout', () => {
    const text = 'flow F {\n  state S { on Go -> T }\n}';
    const d: Diagnostic = {
      code: 'FLOW2003',
      severity: 'error',
      message: 'unknown state `T`',
      path: 'f.flow',
      span: span(text, 2, 22, 1),
      related: [],
      help: 'x',
    };
    const plain = renderDiagnostic(d, text, { color: false });
    const coloured = renderDiagnostic(d, text, { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[1;31merror[FLOW2003]\u001b[0m');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('renders a span outside the text as header and location only', () => {
    const d: Diagnostic = {
      code: 'FLOW4001',
      severity: 'error',
      message: 'trace unreadable',
      path: 't.pcap',
      span: { start: { offset: 99, line: 9, column: 1 }, end: { offset: 99, line: 9, column: 1 } },
      related: [],
    };
    expect(renderDiagnostic(d, 'short', { color: false })).toBe(['error[FLOW4001]: trace unreadable', ' --> t.pcap:9:1', '  |'].join('\n'));
  });
});

describe('renderSummary', () => {
  it('counts errors and warnings', () => {
    const d = (severity: 'error' | 'warning'): Diagnostic => ({
      code: 'FLOW2035',
      severity,
      message: 'm',
      path: 'p',
      span: span('x', 1, 1, 1),
      related: [],
    });
    expect(countDiagnostics([d('error'), d('warning'), d('error')])).toEqual({ errors: 2, warnings: 1 });
    expect(renderSummary({ errors: 2, warnings: 1 })).toBe('error: 2 errors, 1 warning emitted');
    expect(renderSummary({ errors: 1, warnings: 0 })).toBe('error: 1 error emitted');
    expect(renderSummary({ errors: 0, warnings: 3 })).toBe('warning: 3 warnings emitted');
    expect(renderSummary({ errors: 0, warnings: 0 })).toBe('');
    expect(renderSummary({ errors: 1, warnings: 0 }, { color: true })).toContain('\u001b[');
  });
});

describe('toJson', () => {
  it('has a stable shape with nulls for absent label and help', () => {
    const text = 'flow F {\n  state A\n  state A\n}';
    const d: Diagnostic = {
      code: 'FLOW2002',
      severity: 'error',
      message: 'state `A` is declared twice in flow `F`',
      path: 'f.flow',
      span: span(text, 3, 9, 1),
      related: [{ path: 'f.flow', span: span(text, 2, 9, 1), label: 'first declared here' }],
    };
    const json = toJson([d]);
    expect(json).toEqual([
      {
        code: 'FLOW2002',
        severity: 'error',
        message: 'state `A` is declared twice in flow `F`',
        file: 'f.flow',
        line: 3,
        column: 9,
        endLine: 3,
        endColumn: 10,
        label: null,
        related: [{ file: 'f.flow', line: 2, column: 9, endLine: 2, endColumn: 10, label: 'first declared here' }],
        help: null,
      },
    ]);
    expect(Object.keys(json[0] ?? {})).toEqual([
      'code',
      'severity',
      'message',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'label',
      'related',
      'help',
    ]);
  });
});
