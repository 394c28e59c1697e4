import { describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { isUnbound, prepareInput, readableValue, UnboundInputLog } from '../../../runtime/simulate/unbound-inputs.js';

const flow = {
  inputs: [
    { name: 'agentUri', type: 'uri', optional: false },
    { name: 'label', type: 'string', optional: false },
    { name: 'retries', type: 'int', optional: false },
    { name: 'loud', type: 'bool', optional: false },
    { name: 'music', type: 'string', optional: true },
  ],
} as const;

describe('prepareInput', () => {
  it('gives required inputs not given a placeholder and leaves optional ones to their default', () => {
    const prepared = prepareInput(flow as unknown as AnyFlowMachine, { label: 'x' });
    expect(prepared.unbound).toEqual(['agentUri', 'retries', 'loud']);
    expect(Object.keys(prepared.input).sort()).toEqual(['agentUri', 'label', 'loud', 'retries']);
    expect(prepared.input['retries']).toBe(0);
    expect(prepared.input['loud']).toBe(false);
    const uri = prepared.input['agentUri'];
    expect(typeof uri === 'string' && isUnbound(uri)).toBe(true);
    expect(isUnbound('sip:5020@127.0.0.20')).toBe(false);
  });

  it('shows placeholders to people by name, also inside computed values', () => {
    const uri = prepareInput(flow as unknown as AnyFlowMachine, {}).input['agentUri'];
    expect(readableValue(`${String(uri)};user=phone`)).toBe('<agentUri>;user=phone');
  });
});

describe('UnboundInputLog', () => {
  it('keeps a few distinct values seen where each input was compared', () => {
    const uri = String(prepareInput(flow as unknown as AnyFlowMachine, {}).input['agentUri']);
    const log = new UnboundInputLog(['agentUri', 'label']);
    for (let i = 0; i < 10; i++) log.record(uri, `sip:${i % 7}@pbx`);
    log.record(uri, 'sip:0@pbx');
    expect(log.list()).toEqual([
      { name: 'agentUri', observed: ['sip:0@pbx', 'sip:1@pbx', 'sip:2@pbx', 'sip:3@pbx', 'sip:4@pbx'] },
      { name: 'label', observed: [] },
    ]);
  });
});
