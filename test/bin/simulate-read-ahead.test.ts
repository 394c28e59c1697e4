import { describe, expect, it } from 'vitest';
import { READ_AHEAD_MIN_BYTES, readAheadPolicy, wantsReadAhead } from '../../bin/simulate-read-ahead.js';

describe('read-ahead policy of flowc simulate', () => {
  it('reads large captures ahead when there is a core to spare, unless --no-read-ahead', () => {
    const policy = readAheadPolicy(true, {}, 2);
    expect(policy).toEqual({ enabled: true, minBytes: READ_AHEAD_MIN_BYTES });
    if (typeof policy === 'string') return;
    expect(wantsReadAhead(READ_AHEAD_MIN_BYTES, policy)).toBe(true);
    expect(wantsReadAhead(READ_AHEAD_MIN_BYTES - 1, policy)).toBe(false);
    expect(readAheadPolicy(true, {}, 1)).toEqual({ enabled: false, minBytes: READ_AHEAD_MIN_BYTES });
    expect(readAheadPolicy(false, {}, 8)).toEqual({ enabled: false, minBytes: READ_AHEAD_MIN_BYTES });
  });

  it('takes the size from FLOWC_READ_AHEAD_MIN_BYTES, and says what is wrong with it', () => {
    expect(readAheadPolicy(true, { FLOWC_READ_AHEAD_MIN_BYTES: '0' }, 2)).toEqual({ enabled: true, minBytes: 0 });
    expect(readAheadPolicy(true, { FLOWC_READ_AHEAD_MIN_BYTES: '' }, 2)).toEqual({ enabled: true, minBytes: READ_AHEAD_MIN_BYTES });
    expect(readAheadPolicy(true, { FLOWC_READ_AHEAD_MIN_BYTES: '-1' }, 2)).toBe('FLOWC_READ_AHEAD_MIN_BYTES `-1` is not a number of bytes');
  });
});
