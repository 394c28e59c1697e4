import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inFlow, inState, parse } from './harness.js';

/** docs/language.md is normative: every `flow` code block in it must parse cleanly. */
const doc = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');

interface Example {
  readonly section: string;
  readonly line: number;
  readonly code: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  let section = '';
  let block: string[] | undefined;
  let start = 0;
  doc.split('\n').forEach((line, i) => {
    if (block !== undefined) {
      if (line.startsWith('```')) {
        found.push({ section, line: start, code: block.join('\n') });
        block = undefined;
      } else block.push(line);
    } else if (line.startsWith('## ')) section = line.slice(3);
    else if (line === '```flow') {
      block = [];
      start = i + 2;
    }
  });
  return found;
}

/** Snippets are written as they would appear in their place; put them there. */
function asFile(example: Example): string[] {
  switch (example.section) {
    case '':
      return [example.code];
    case 'Declarations':
    case 'States':
      return [inFlow(example.code)];
    case 'Transitions':
      return [inState(example.code)];
    case 'Actions':
      return [inState(`entry {\n${example.code}\n}`)];
    case 'Expressions':
      return example.code.split('\n').filter((line) => line.trim() !== '').map((guard) => inState(`on E when ${guard} -> S`));
    default:
      return [`unplaced example in section ${example.section}`];
  }
}

describe('docs/language.md', () => {
  const all = examples();

  it('has examples in every section that describes syntax', () => {
    expect(new Set(all.map((e) => e.section))).toEqual(new Set(['', 'Declarations', 'States', 'Transitions', 'Actions', 'Expressions']));
    expect(all.length).toBeGreaterThanOrEqual(15);
  });

  it.each(all.map((e) => [`${e.section || 'overview'} (line ${e.line})`, e] as const))('parses the example in %s', (_, example) => {
    for (const text of asFile(example)) {
      expect(parse(text).diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${d.message}`)).toEqual([]);
    }
  });

  it('shows every verb', () => {
    const actions = all.filter((e) => e.section === 'Actions').map((e) => e.code).join('\n');
    for (const verb of ['dial', 'answer', 'reject', 'hangup', 'cancel', 'hold', 'unhold', 'bridge', 'unbridge', 'conference', 'refer', 'takeover', 'notify', 'play', 'collect', 'emit', 'set', 'send']) {
      expect(actions).toMatch(new RegExp(`^${verb} `, 'm'));
    }
  });
});
