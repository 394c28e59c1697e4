import { describe, expect, it } from 'vitest';
import { READ_AHEAD_MIN_BYTES, readAheadPolicy, STREAM_MIN_BYTES, wantsReadAhead, wantsStream } from '../../bin/simulate-read-ahead.js';
import { GZIP_STREAM_MIN_BYTES } from '../../runtime/trace/read-trace.js';

describe('read-ahead policy of flowc simulate', () => {
  const streamMinBytes = STREAM_MIN_BYTES;
  const gzipStreamMinBytes = GZIP_STREAM_MIN_BYTES;

  it('reads large captures ahead when there is a core to spare, unless --no-read-ahead', () => {
    const policy = readAheadPolicy(true, {}, 2);
    expect(policy).toEqual({ enabled: true, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes, gzipStreamMinBytes });
    if (typeof policy === 'string') return;
    expect(wantsReadAhead(READ_AHEAD_MIN_BYTES, policy)).toBe(true);
    expect(wantsReadAhead(READ_AHEAD_MIN_BYTES - 1, policy)).toBe(false);
    expect(readAheadPolicy(true, {}, 1)).toEqual({ enabled: false, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes, gzipStreamMinBytes });
    expect(readAheadPolicy(false, {}, 8)).toEqual({ enabled: false, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes, gzipStreamMinBytes });
  });

  it('takes the size from FLOWC_READ_AHEAD_MIN_BYTES, and says what is wrong with it', () => {
    expect(readAheadPolicy(true, { FLOWC_READ_AHEAD_MIN_BYTES: '0' }, 2)).toEqual({ enabled: true, minBytes: 0, streamMinBytes, gzipStreamMinBytes });
    expect(readAheadPolicy(true, { FLOWC_READ_AHEAD_MIN_BYTES: '' }, 2)).toEqual({ enabled: true, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes, gzipStreamMinBytes });
    expect(readAheadPolicy(true, { FLOWC_READ_AHEAD_MIN_BYTES: '-1' }, 2)).toBe('FLOWC_READ_AHEAD_MIN_BYTES `-1` is not a number of bytes');
  });

  it('reads captures of 1 GiB or more from disk as they are replayed, from the size FLOWC_STREAM_MIN_BYTES gives', () => {
    const policy = readAheadPolicy(false, {}, 2);
    if (typeof policy === 'string') throw new Error(policy);
    expect(wantsStream(1024 ** 3, policy)).toBe(true);
    expect(wantsStream(1024 ** 3 - 1, policy)).toBe(false);
    expect(readAheadPolicy(true, { FLOWC_STREAM_MIN_BYTES: '0' }, 2)).toEqual({ enabled: true, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes: 0, gzipStreamMinBytes });
    expect(readAheadPolicy(true, { FLOWC_STREAM_MIN_BYTES: '1G' }, 2)).toBe('FLOWC_STREAM_MIN_BYTES `1G` is not a number of bytes');
  });

  it('inflates a gzipped capture read from disk as it reads it from 512 MiB inflated, or the size FLOWC_GZIP_STREAM_MIN_BYTES gives', () => {
    expect(GZIP_STREAM_MIN_BYTES).toBe(512 * 1024 * 1024);
    expect(readAheadPolicy(true, { FLOWC_GZIP_STREAM_MIN_BYTES: '0' }, 2)).toEqual({ enabled: true, minBytes: READ_AHEAD_MIN_BYTES, streamMinBytes, gzipStreamMinBytes: 0 });
    expect(readAheadPolicy(true, { FLOWC_GZIP_STREAM_MIN_BYTES: 'lots' }, 2)).toBe('FLOWC_GZIP_STREAM_MIN_BYTES `lots` is not a number of bytes');
  });
});
