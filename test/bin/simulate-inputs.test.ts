import { describe, expect, it } from 'vitest';
import { readInputs, typedValue } from '../../bin/simulate-inputs.js';
import type { InputInfo } from '../../runtime/machine.js';

const DECLARED: InputInfo[] = [
  { name: 'agentUri', type: 'uri', optional: false },
  { name: 'retries', type: 'int', optional: true },
  { name: 'wrapUp', type: 'duration', optional: true },
  { name: 'recorded', type: 'bool', optional: true },
  { name: 'busy', type: 'status', optional: true },
];

describe('readInputs', () => {
  it('reads --input name=value by the declared type', () => {
    const read = readInputs(['agentUri=sip:5020@10.0.0.2', 'retries=3', 'wrapUp=30s', 'recorded=true', 'busy=486'], DECLARED);
    expect(read).toEqual({ ok: true, values: { agentUri: 'sip:5020@10.0.0.2', retries: 3, wrapUp: 30_000, recorded: true, busy: 486 } });
  });

  it('takes --inputs file values first and lets --input override them', () => {
    const read = readInputs(['retries=5'], DECLARED, { name: 'in.json', text: '{"agentUri":"sip:a@b","retries":2,"wrapUp":1500}' });
    expect(read).toEqual({ ok: true, values: { agentUri: 'sip:a@b', retries: 5, wrapUp: 1500 } });
  });

  it('keeps = in values', () => {
    expect(readInputs(['agentUri=sip:a@b;x=y'], DECLARED)).toEqual({ ok: true, values: { agentUri: 'sip:a@b;x=y' } });
  });

  it('refuses unknown inputs, naming the ones the flow has', () => {
    expect(readInputs(['agent=1'], DECLARED)).toEqual({ ok: false, message: '--input `agent=1`: no input `agent` (the flow\'s inputs: `agentUri`, `retries`, `wrapUp`, `recorded`, `busy`)' });
  });

  it('refuses values of the wrong type, and malformed specs and files', () => {
    expect(readInputs(['retries=many'], DECLARED)).toMatchObject({ ok: false, message: expect.stringContaining('`retries` is an int; "many" is not') });
    expect(readInputs(['busy=42'], DECLARED)).toMatchObject({ ok: false });
    expect(readInputs(['retries'], DECLARED)).toEqual({ ok: false, message: '--input `retries`: expected name=value' });
    expect(readInputs([], DECLARED, { name: 'in.json', text: '{oops' })).toMatchObject({ ok: false, message: expect.stringContaining('--inputs `in.json` is not JSON') });
    expect(readInputs([], DECLARED, { name: 'in.json', text: '[1]' })).toMatchObject({ ok: false, message: expect.stringContaining('must hold a JSON object') });
  });
});

describe('typedValue', () => {
  it('reads durations in ms, s, m, h, or plain milliseconds', () => {
    expect(['500ms', '2s', '1.5s', '2m', '1h', '250', 250].map((v) => typedValue(v, 'duration'))).toEqual([500, 2000, 1500, 120_000, 3_600_000, 250, 250]);
    expect(typedValue('soon', 'duration')).toBeUndefined();
  });

  it('reads bools and integers strictly', () => {
    expect([typedValue('true', 'bool'), typedValue('false', 'bool'), typedValue('yes', 'bool')]).toEqual([true, false, undefined]);
    expect([typedValue('12', 'int'), typedValue('1.5', 'int'), typedValue(1.5, 'int')]).toEqual([12, undefined, undefined]);
  });
});
