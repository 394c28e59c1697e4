import { describe, expect, it } from 'vitest';
import type { FlowDescription } from '../../../runtime/machine.js';
import { checkEvent, eventIndexOf } from '../../../runtime/session/event-check.js';

const flow: FlowDescription = {
  name: 'Agent',
  source: 'agent.flow',
  legs: [],
  inputs: [],
  events: [
    {
      type: 'NotReady',
      source: 'application',
      fields: { reason: 'string', walkaway: 'bool', code: 'int', wait: 'duration', status: 'status', to: 'uri' },
    },
  ],
  emits: [],
  states: [],
  transitions: [],
};

const good = { type: 'NotReady', reason: 'lunch', walkaway: false, code: 3, wait: 500, status: 486, to: 'sip:x@y' };

describe('checkEvent', () => {
  const index = eventIndexOf(flow);

  it('accepts a declared event whose fields have their declared types', () => {
    expect(checkEvent(index, 'Agent', good)).toBeUndefined();
  });

  it('builds the index once per flow', () => {
    expect(eventIndexOf(flow)).toBe(index);
  });

  it.each([
    ['reason', 7],
    ['walkaway', 'yes'],
    ['code', 1.5],
    ['wait', -1],
    ['status', 99],
    ['status', 700],
    ['to', undefined],
  ])('rejects field %s = %s', (field, value) => {
    expect(checkEvent(index, 'Agent', { ...good, [field]: value })).toMatchObject({ reason: 'invalidFields', message: expect.stringContaining(`\`${field}\``) });
  });

  it('rejects an undeclared event', () => {
    expect(checkEvent(index, 'Agent', { type: 'Ready' })).toMatchObject({ reason: 'undeclared' });
  });

  it('accepts a $timer event with a timer name and nothing else', () => {
    expect(checkEvent(index, 'Agent', { type: '$timer', timer: 'Wrapup#0' })).toBeUndefined();
    expect(checkEvent(index, 'Agent', { type: '$timer' })).toMatchObject({ reason: 'invalidFields' });
  });

  it('rejects an event whose type is not a string (JSON from outside)', () => {
    const parsed: unknown = JSON.parse('{"type": 5}');
    expect(checkEvent(index, 'Agent', parsed as { type: string })).toMatchObject({ reason: 'invalidFields' });
  });
});
