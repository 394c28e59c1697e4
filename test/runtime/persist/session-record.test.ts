import { describe, expect, it } from 'vitest';
import { parseSessionRecord, type SessionRecord } from '../../../runtime/persist/session-record.js';

const good: SessionRecord = {
  version: 1,
  flow: 'RingNoAnswer',
  key: 'c1',
  snapshot: { flow: 'RingNoAnswer', configuration: ['Connected', 'Held'], context: { holds: 1, agentUri: 'sip:a@b', auto: true }, legs: { caller: 'held' }, status: 'active' },
  timers: [{ timer: 'Held#0', dueAt: 31_000 }],
  legs: [{ leg: 'caller', dialogId: 'd1' }],
  mailbox: [{ type: 'Resume' }],
};

describe('parseSessionRecord', () => {
  it('accepts a saved record', () => {
    expect(parseSessionRecord(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it.each<[string, unknown]>([
    ['not an object', []],
    ['another version', { ...good, version: 2 }],
    ['no flow', { ...good, flow: 3 }],
    ['a numeric key', { ...good, key: 7 }],
    ['a configuration of non-states', { ...good, snapshot: { ...good.snapshot, configuration: [1] } }],
    ['a context with an object', { ...good, snapshot: { ...good.snapshot, context: { x: {} } } }],
    ['an unknown leg state', { ...good, snapshot: { ...good.snapshot, legs: { caller: 'parked' } } }],
    ['an unknown status', { ...good, snapshot: { ...good.snapshot, status: 'paused' } }],
    ['a timer without due time', { ...good, timers: [{ timer: 'Held#0' }] }],
    ['a binding without dialog', { ...good, legs: [{ leg: 'caller' }] }],
    ['a mailbox event without type', { ...good, mailbox: [{}] }],
  ])('rejects a record with %s', (_what, json) => {
    expect(parseSessionRecord(json)).toMatchObject({ kind: 'recordProblem' });
  });
});
