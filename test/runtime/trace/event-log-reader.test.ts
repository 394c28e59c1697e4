import { describe, expect, it } from 'vitest';
import { readTrace } from '../../../runtime/trace/index.js';

const read = (text: string) => readTrace(Buffer.from(text, 'utf8'), 'events.jsonl');

describe('JSONL event logs', () => {
  it('reads the canonical shape and the short one', () => {
    const r = read(
      [
        '{"time": 1704103200123, "event": "Consult", "agent": "a1", "target": "2001"}',
        '',
        '# the supervisor steps in',
        '{"t": "2024-01-01T10:00:01.5Z", "type": "Transfer"}',
        '{"time": "2024-01-01T10:00:02Z", "event": {"type": "NotReady", "reason": "lunch"}}',
      ].join('\n'),
    );
    expect(r.format).toBe('jsonl');
    expect(r.items).toEqual([
      { kind: 'event', trace: 'events.jsonl', frame: 1, time: 1704103200123, event: { type: 'Consult', agent: 'a1', target: '2001' } },
      { kind: 'event', trace: 'events.jsonl', frame: 4, time: Date.UTC(2024, 0, 1, 10, 0, 1, 500), event: { type: 'Transfer' } },
      { kind: 'event', trace: 'events.jsonl', frame: 5, time: Date.UTC(2024, 0, 1, 10, 0, 2), event: { type: 'NotReady', reason: 'lunch' } },
    ]);
  });

  it('reads a log that opens with comments and blank lines, keeping line numbers as frames', () => {
    const r = read(['# agent manager export', '# columns: time, event, agentId', '', '{"time": 5, "event": "Login", "agentId": "a1"}', '// end of header?', '{"time": 6, "event": "Ready"}'].join('\n'));
    expect(r.format).toBe('jsonl');
    expect(r.items.map((i) => [i.kind, i.frame, i.kind === 'event' ? i.event.type : ''])).toEqual([
      ['event', 4, 'Login'],
      ['event', 6, 'Ready'],
    ]);
  });

  it('reports lines it cannot read, with their line number, and reads on', () => {
    const r = read(['{"time": 1, "event": "A"}', '{"time": 2, "event": ', '[1,2]', '{"time": 3}', '{"time": "yesterday", "event": "B"}', '{"event": "C"}'].join('\n'));
    expect(r.items.map((i) => [i.kind, i.frame, i.kind === 'problem' ? i.reason.replace(/:.*/, ':') : i.kind === 'event' ? i.event.type : '', i.time])).toEqual([
      ['event', 1, 'A', 1],
      ['problem', 2, 'not JSON:', 1],
      ['problem', 3, 'an event must be a JSON object', 1],
      ['problem', 4, 'no `event` (or `type`) field', 1],
      ['problem', 5, '`time` is neither milliseconds nor an ISO-8601 date-time', 1],
      ['problem', 6, "event without a time takes the previous event's time", 1],
      ['event', 6, 'C', 1],
    ]);
  });
});
