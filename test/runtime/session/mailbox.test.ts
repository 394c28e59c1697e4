import { describe, expect, it } from 'vitest';
import { FiredTimer } from '../../../runtime/session/fired-timer.js';
import { Mailbox } from '../../../runtime/session/mailbox.js';

describe('Mailbox', () => {
  it('is a FIFO that can be refilled after draining', () => {
    const mailbox = new Mailbox();
    mailbox.push({ type: 'a' });
    mailbox.push({ type: 'b' });
    expect(mailbox.shift()).toEqual({ type: 'a' });
    mailbox.push({ type: 'c' });
    expect([mailbox.shift(), mailbox.shift(), mailbox.shift()]).toEqual([{ type: 'b' }, { type: 'c' }, undefined]);
    mailbox.push({ type: 'd' });
    expect(mailbox.size).toBe(1);
    expect(mailbox.shift()).toEqual({ type: 'd' });
  });

  it('cancels queued firings of a timer and leaves them out of what is saved', () => {
    const mailbox = new Mailbox();
    const stale = new FiredTimer('Held#0');
    mailbox.push(stale);
    mailbox.push(new FiredTimer('Other#0'));
    mailbox.push({ type: 'Hold' });
    mailbox.cancelTimer('Held#0');
    expect(stale.cancelled).toBe(true);
    expect(mailbox.pending()).toEqual([{ type: '$timer', timer: 'Other#0' }, { type: 'Hold' }]);
    expect(JSON.stringify(mailbox.pending())).toBe('[{"type":"$timer","timer":"Other#0"},{"type":"Hold"}]');
  });
});
