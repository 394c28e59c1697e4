import { describe, expect, it } from 'vitest';
import { readEventBody } from '../../../runtime/api/event-body.js';
import type { FlowDescription } from '../../../runtime/machine.js';

const flow: FlowDescription = {
  name: 'Agent',
  source: 'agent.flow',
  legs: [{ name: 'phone', inbound: false }],
  inputs: [],
  events: [
    { type: 'NotReady', source: 'application', fields: { reason: 'string', code: 'int' } },
    { type: 'Wrapup', source: 'application', fields: { after: 'duration', status: 'status', auto: 'bool', target: 'uri' } },
    { type: 'Ready', source: 'application', fields: {} },
    { type: 'phone.answered', source: 'leg', fields: {} },
    { type: '$timer', source: 'timer', fields: {} },
  ],
  emits: [],
  states: [],
  transitions: [],
};

describe('readEventBody', () => {
  it('takes declared application events with fields of their types', () => {
    expect(readEventBody(flow, { type: 'NotReady', reason: 'lunch', code: 3 })).toEqual({ ok: true, event: { type: 'NotReady', reason: 'lunch', code: 3 } });
    expect(readEventBody(flow, { type: 'Wrapup', after: '30s', status: 486, auto: false, target: 'sip:a@b' })).toEqual({
      ok: true,
      event: { type: 'Wrapup', after: 30_000, status: 486, auto: false, target: 'sip:a@b' },
    });
    expect(readEventBody(flow, { type: 'Ready' })).toEqual({ ok: true, event: { type: 'Ready' } });
  });

  it('refuses leg events, timers and events the flow does not declare', () => {
    for (const type of ['phone.answered', '$timer', 'Logout']) {
      expect(readEventBody(flow, { type })).toMatchObject({ ok: false, code: 'undeclared_event' });
    }
    expect(readEventBody(flow, { type: 'Logout' })).toMatchObject({ message: 'flow `Agent` has no application event `Logout` (its events: NotReady, Wrapup, Ready)' });
  });

  it('refuses fields of the wrong JSON type, missing and unknown fields', () => {
    const wrong: Record<string, unknown>[] = [
      { type: 'NotReady', reason: 5, code: 3 },
      { type: 'NotReady', reason: 'x', code: '3' },
      { type: 'NotReady', reason: 'x', code: 3.5 },
      { type: 'Wrapup', after: -1, status: 486, auto: false, target: 'sip:a' },
      { type: 'Wrapup', after: 1, status: 99, auto: false, target: 'sip:a' },
      { type: 'Wrapup', after: 1, status: 486, auto: 'false', target: 'sip:a' },
      { type: 'NotReady', reason: 'x' },
      { type: 'Ready', extra: 1 },
    ];
    for (const body of wrong) expect([body, readEventBody(flow, body)]).toMatchObject([body, { ok: false, code: 'invalid_event' }]);
    expect(readEventBody(flow, { type: 'NotReady', reason: 'x' })).toMatchObject({ message: 'event `NotReady` needs field `code`' });
  });

  it('refuses bodies that are not event objects', () => {
    for (const body of [null, 'Ready', ['Ready'], {}, { type: 3 }, { type: '' }]) {
      expect(readEventBody(flow, body)).toMatchObject({ ok: false, code: 'bad_request' });
    }
  });
});
