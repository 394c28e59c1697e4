import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFlowFile } from '../../grammar/index.js';

const path = 'flows/pom/external-transfer.flow';
const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('flows/pom/external-transfer.flow', () => {
  const { file, diagnostics } = parseFlowFile({ path, text });

  it('parses with no diagnostics', () => {
    expect(diagnostics).toEqual([]);
  });

  it('holds the flow with its declarations and states in document order', () => {
    const flow = file.flows[0];
    expect(file.flows).toHaveLength(1);
    expect(flow?.name.text).toBe('ExternalTransfer');
    expect(flow?.declarations.map((d) => d.kind)).toEqual([
      'Leg', 'Leg', 'Leg', 'Input', 'Input', 'Input', 'Input', 'Event', 'Event', 'Event', 'EmitDecl', 'EmitDecl',
    ]);
    expect(flow?.states.map((s) => s.name.text)).toEqual([
      'Nailing', 'Outreach', 'Anchoring', 'Talking', 'Consulting', 'Consult', 'Transferring', 'HandedOver', 'Disposed', 'NoCustomer', 'Failed',
    ]);
    const handedOver = flow?.states.find((s) => s.name.text === 'HandedOver');
    expect(handedOver?.states.map((s) => s.name.text)).toEqual(['CustomerDropped', 'Transferred']);
  });

  it('keeps actions in the order written', () => {
    const consulting = file.flows[0]?.states.find((s) => s.name.text === 'Consulting');
    expect(consulting?.entry[0]?.actions.map((a) => a.kind)).toEqual(['Unbridge', 'Hold', 'Dial']);
  });
});
