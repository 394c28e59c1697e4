import { describe, expect, it } from 'vitest';
import { apiFlag, drachtioFlag, freeswitchFlag, listenFlag } from '../../../runtime/live/flag-values.js';

describe('connection flags', () => {
  it('reads --drachtio host:port:secret, with colons in the secret and IPv6 hosts', () => {
    expect(drachtioFlag('10.0.0.2:9022:cymru')).toEqual({ ok: true, value: { mode: 'inbound', host: '10.0.0.2', port: 9022, secret: 'cymru' } });
    expect(drachtioFlag('h:9022:a:b')).toMatchObject({ value: { secret: 'a:b' } });
    expect(drachtioFlag('[::1]:9022:s')).toMatchObject({ value: { host: '::1', port: 9022 } });
    expect(drachtioFlag('h:9022')).toEqual({ ok: false, message: '--drachtio `h:9022`: no secret (expected host:port:secret)' });
    expect(drachtioFlag('h:x:s')).toEqual({ ok: false, message: '--drachtio `h:x:s`: `x` is not a port number (expected host:port:secret)' });
    expect(drachtioFlag('9022:s')).toMatchObject({ ok: false });
  });

  it('reads --listen port:secret and host:port:secret', () => {
    expect(listenFlag('4000:cymru')).toEqual({ ok: true, value: { mode: 'outbound', port: 4000, secret: 'cymru' } });
    expect(listenFlag('0.0.0.0:4000:cymru')).toEqual({ ok: true, value: { mode: 'outbound', host: '0.0.0.0', port: 4000, secret: 'cymru' } });
    expect(listenFlag('4000')).toMatchObject({ ok: false });
  });

  it('reads --freeswitch and --api', () => {
    expect(freeswitchFlag('127.0.0.1:8021:ClueCon')).toEqual({ ok: true, value: { host: '127.0.0.1', port: 8021, secret: 'ClueCon' } });
    expect(apiFlag('8080')).toEqual({ ok: true, value: { host: '127.0.0.1', port: 8080 } });
    expect(apiFlag('0.0.0.0:8080')).toEqual({ ok: true, value: { host: '0.0.0.0', port: 8080 } });
    expect(apiFlag('8080:x')).toMatchObject({ ok: false });
    expect(apiFlag('99999')).toMatchObject({ ok: false });
  });
});
