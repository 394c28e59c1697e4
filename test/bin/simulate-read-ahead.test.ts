import { describe, expect, it } from 'vitest';
import { READ_AHEAD_MIN_BYTES, readAheadPolicy, STREAM_MIN_BYTES, wantsReadAhead, wantsStream } from '../../bin/simulate-read-ahead.js';

describe('read-ahead policy of flowc simulate', () => {
  const streamMinBytes = STREAM_MIN_BYTES;

  it('reads large captures ahead when there is a core to spare, unless --no-read-ahead', () => {
    const policy = readAheadPolicy(true, {}, 2);
    expect(policy).toEqual({ enabled: true, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes });
    if (typeof policy === 'string') return;
    expect(wantsReadAhead(READ_AHEAD_MIN_BYTES, policy)).toBe(true);
    expect(wantsReadAhead(READ_AHEAD_MIN_BYTES - 1, policy)).toBe(false);
    expect(readAheadPolicy(true, {}, 1)).toEqual({ enabled: false, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes });
    expect(readAheadPolicy(false, {}, 8)).toEqual({ enabled: false, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes });
  });

  it('takes the size from FLOWC_READ_AHEAD_MIN_BYTES, and says what is wrong with it', () => {
    expect(readAheadPolicy(true, { FLOWC_READ_AHEAD_MIN_BYTES: '0' }, 2)).toEqual({ enabled: true, minBytes: 0, streamMinBytes });
    expect(readAheadPolicy(true, { FLOWC_READ_AHEAD_MIN_BYTES: '' }, 2)).toEqual({ enabled: true, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes });
    expect(readAheadPolicy(true, { FLOWC_READ_AHEAD_MIN_BYTES: '-1' }, 2)).toBe('FLOWC_READ_AHEAD_MIN_BYTES `-1` is not a number of bytes');
  });

  it('reads captures of 1 GiB or more from disk as they are replayed, from the size FLOWC_STREAM_MIN_BYTES gives', () => {
    const policy = readAheadPolicy(false, {}, 2);
    if (typeof policy === 'string') throw new Error(policy);
    expect(wantsStream(1024 ** 3, policy)).toBe(true);
    expect(wantsStream(1024 ** 3 - 1, policy)).toBe(false);
    expect(readAheadPolicy(true, { FLOWC_STREAM_MIN_BYTES: '0' }, 2)).toEqual({ enabled: true, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes: 0 });
    expect(readAheadPolicy(true, { FLOWC_STREAM_MIN_BYTES: '1G' }, 2)).toBe('FLOWC_STREAM_MIN_BYTES `1G` is not a number of bytes');
  });
});
