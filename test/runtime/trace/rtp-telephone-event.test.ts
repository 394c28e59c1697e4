import { describe, expect, it } from 'vitest';
import { dtmfKey, readTelephoneEvent } from '../../../runtime/trace/rtp-telephone-event.js';
import { telephoneEvent } from './rtp-packets.js';

describe('RFC 4733 telephone-event payload', () => {
  it('maps the sixteen DTMF event codes to keys (§3.2) and nothing else', () => {
    const keys = Array.from({ length: 17 }, (_, code) => dtmfKey(code));
    expect(keys).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D', undefined]);
    expect(dtmfKey(-1)).toBeUndefined();
  });

  it('reads the event, the E bit, the volume and the duration', () => {
    const payload = telephoneEvent(11, true, 1120, 10);
    expect(readTelephoneEvent(payload, 0, payload.length)).toEqual({ code: 11, key: '#', end: true, volume: 10, duration: 1120 });
    const start = telephoneEvent(4, false, 0, 63);
    expect(readTelephoneEvent(start, 0, start.length)).toEqual({ code: 4, key: '4', end: false, volume: 63, duration: 0 });
  });

  it('ignores the reserved bit', () => {
    const payload = telephoneEvent(1, false, 160);
    payload[1] = (payload[1] ?? 0) | 0x40;
    expect(readTelephoneEvent(payload, 0, payload.length)).toMatchObject({ end: false, volume: 10 });
  });

  it('reads a non-DTMF event without a key', () => {
    const flash = telephoneEvent(16, true, 800);
    expect(readTelephoneEvent(flash, 0, flash.length)).toMatchObject({ code: 16, key: undefined });
  });

  it('needs four bytes', () => {
    expect(readTelephoneEvent(Buffer.from([1, 0x80, 0]), 0, 3)).toBeUndefined();
  });
});
