import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenText } from '../compiler/graph/golden.js';
import { runFlowc } from './run-flowc.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'flowc-graph-'));
const EXTERNAL_TRANSFER = 'flows/pom/external-transfer.flow';
const STATES = ['Nailing', 'Outreach', 'Anchoring', 'Talking', 'Consulting', 'Consult', 'Transferring', 'Disposed', 'NoCustomer', 'Failed'];

const TWO_FLOWS = `flow A {
  event Go
  initial state Idle { on Go -> Done }
  final state Done
}
flow B {
  event Go
  initial state Waiting { on Go -> Over }
  final state Over
}
`;

describe('flowc graph', () => {
  it('prints Mermaid on stdout by default', () => {
    const run = runFlowc(['graph', EXTERNAL_TRANSFER]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(goldenText('external-transfer.mmd'));
  });

  it('prints DOT with --format dot', () => {
    const run = runFlowc(['graph', EXTERNAL_TRANSFER, '--format', 'dot']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(goldenText('external-transfer.dot'));
  });

  it('writes SVG to the -o file, the format taken from its extension', () => {
    const out = join(scratch(), 'nested', 'external-transfer.svg');
    const run = runFlowc(['graph', EXTERNAL_TRANSFER, '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<?xml') || svg.startsWith('<svg')).toBe(true);
    for (const state of STATES) expect(svg).toContain(`>${state}<`);
  });

  it('lets --format win over the -o extension', () => {
    const out = join(scratch(), 'graph.svg');
    expect(runFlowc(['graph', EXTERNAL_TRANSFER, '--format', 'mermaid', '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(goldenText('external-transfer.mmd'));
  });

  it('draws every flow of a file, or the one --flow names', () => {
    const file = join(scratch(), 'two.flow');
    writeFileSync(file, TWO_FLOWS);
    const both = runFlowc(['graph', file]);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('state "flow A" as A {');
    expect(both.stdout).toContain('state "flow B" as B {');
    const one = runFlowc(['graph', file, '--flow', 'B']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('title: flow B');
    expect(one.stdout).not.toContain('Idle');
  });

  it('exits 2 when --flow names no flow of the file, listing the flows', () => {
    const run = runFlowc(['graph', EXTERNAL_TRANSFER, '--flow', 'Nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no flow `Nope`');
    expect(run.stderr).toContain('ExternalTransfer');
    expect(run.stdout).toBe('');
  });

  it('prints diagnostics and exits 1 when the flow has errors', () => {
    const file = join(scratch(), 'bad.flow');
    writeFileSync(file, TWO_FLOWS.replace('-> Done', '-> Dne'));
    const run = runFlowc(['graph', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error\[FLOW\d{4}\]: /m);
    expect(run.stderr).toContain(`${file}:3:`);
    expect(run.stdout).toBe('');
  });

  it('exits 2 on bad usage and unreadable files', () => {
    expect(runFlowc(['graph']).code).toBe(2);
    expect(runFlowc(['graph', EXTERNAL_TRANSFER, '--format', 'png']).code).toBe(2);
    const missing = runFlowc(['graph', 'no/such/file.flow']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read `no/such/file.flow`: no such file or directory');
  });
});
