import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseNameAddr,
  parseSipMessage,
  parseUri,
  requestUriUserOf,
  sdpOf,
  topViaBranch,
  type SipMessage,
} from '../../../runtime/sip/index.js';

const root = fileURLToPath(new URL('../../fixtures/sip/rfc4475/', import.meta.url));
const read = (dir: string, name: string): Buffer => readFileSync(join(root, dir, `${name}.dat`));

function parsed(dir: string, name: string): SipMessage {
  const result = parseSipMessage(read(dir, name));
  if (!result.ok) throw new Error(`${name}: ${result.reason}`);
  return result.message;
}

describe('RFC 4475 valid messages (§3.1.1, §3.2.1, §3.3)', () => {
  const files = readdirSync(join(root, 'valid')).map((f) => f.replace(/\.dat$/, ''));

  it('has every valid message of the RFC', () => {
    expect(files).toHaveLength(27);
  });

  it.each(files)('%s parses', (name) => {
    const result = parseSipMessage(read('valid', name));
    expect(result.ok ? 'parsed' : result.reason).toBe('parsed');
  });

  it('wsinv: folding, LWS around colons, compact forms, leading zeros', () => {
    const m = parsed('valid', 'wsinv');
    expect(m.kind).toBe('request');
    expect(m.callId).toBe('wsinv.ndaksdj@192.0.2.1');
    expect(m.cseq).toEqual({ seq: 9, method: 'INVITE' });
    expect(m.to.uri).toBe('sip:vivekg@chair-dnrc.example.com');
    expect(m.to.tag).toBe('1918181833n');
    expect(m.from.tag).toBe('98asjd8');
    expect(m.from.displayName).toBe('J Rosenberg \\"');
    expect(m.via.map((v) => [v.transport, v.host, v.branch])).toEqual([
      ['UDP', '192.0.2.2', '390skdjuw'],
      ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
    expect(m.headers.get('Max-Forwards')).toBe('0068');
    expect(m.headers.get('Subject')).toBe('');
    expect(m.headers.get('NewFangledHeader')).toBe('newfangled value continued newfangled value');
    expect(m.headers.get('UnknownHeaderWithUnusualValue')).toBe(';;,,;;,;');
    expect(m.headers.list('Contact')).toHaveLength(1);
    expect(m.body.length).toBe(150);
    expect(requestUriUserOf(m)).toBe('vivekg');
  });

  it('intmeth: unusual method, Request-URI, tags and header names', () => {
    const m = parsed('valid', 'intmeth');
    if (m.kind !== 'request') throw new Error('not a request');
    expect(m.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    expect(m.cseq.method).toBe(m.method);
    expect(m.from.tag).toBe("_token~1'+`*%!-.");
    expect(m.callId).toBe('intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
    expect(topViaBranch(m)).toBe("z9hG4bK-.!%66*_+`'~");
    expect(requestUriUserOf(m)).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    expect(m.headers.get("extensionHeader-!.%*+_`'~")).toBe('\u{FEFF}大停電');
  });

  it('esc01 / escnull: %-escapes in the user part are resolved', () => {
    expect(requestUriUserOf(parsed('valid', 'esc01'))).toBe('sips:user@example.com');
    const m = parsed('valid', 'escnull');
    const to = parseUri(m.to.uri);
    expect(to.ok && to.value.user).toBe('null-\u0000-null');
    const contacts = m.headers.list('Contact').map((c) => {
      const nameAddr = parseNameAddr(c);
      const uri = nameAddr.ok ? parseUri(nameAddr.value.uri) : undefined;
      return uri?.ok === true ? uri.value.user : undefined;
    });
    expect(contacts).toEqual(['\u0000', '\u0000\u0000']);
  });

  it('esc02: % in a method is not an escape; two Contact headers, not three', () => {
    const m = parsed('valid', 'esc02');
    if (m.kind !== 'request') throw new Error('not a request');
    expect(m.method).toBe('RE%47IST%45R');
    expect(m.to.displayName).toBe('%Z%45');
    expect(m.headers.list('Contact')).toHaveLength(2);
  });

  it('lwsdisp: no LWS between display name and <', () => {
    const m = parsed('valid', 'lwsdisp');
    expect(m.from.displayName).toBe('caller');
    expect(m.from.uri).toBe('sip:caller@example.com');
    expect(m.from.tag).toBe('323');
  });

  it('longreq: long values and many Vias', () => {
    const m = parsed('valid', 'longreq');
    expect(m.via.length).toBe(34);
    expect(m.from.tag?.length).toBeGreaterThan(100);
    expect(m.body.length).toBe(150);
  });

  it('dblreq: the REGISTER is read and the trailing INVITE ignored', () => {
    const m = parsed('valid', 'dblreq');
    expect(m.kind === 'request' && m.method).toBe('REGISTER');
    expect(m.body.length).toBe(0);
    expect(m.callId).toBe('dblreq.0ha0isndaksdj99sdfafnl3lk233412');
  });

  it('semiuri: `;` in the user part stays in the user', () => {
    expect(requestUriUserOf(parsed('valid', 'semiuri'))).toBe('user;par=u@example.net');
  });

  it('transports: every Via transport is kept', () => {
    expect(parsed('valid', 'transports').via.map((v) => v.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']);
  });

  it('mpart01: a binary multipart body is kept byte for byte', () => {
    const m = parsed('valid', 'mpart01');
    expect(m.body.length).toBe(553);
    expect(sdpOf(m)).toBeUndefined();
  });

  it('unreason / noreason: UTF-8 and empty reason phrases', () => {
    const u = parsed('valid', 'unreason');
    expect(u.kind === 'response' && u.status).toBe(200);
    expect(u.kind === 'response' && u.reason).toBe('= 2**3 * 5**2 но сто девяносто девять - простое');
    const n = parsed('valid', 'noreason');
    expect(n.kind === 'response' && n.reason).toBe('');
  });

  it('badbranch: a bare magic cookie identifies no transaction', () => {
    expect(topViaBranch(parsed('valid', 'badbranch'))).toBeUndefined();
  });

  it('inv2543: an RFC 2543 INVITE without Content-Length takes the rest of the datagram', () => {
    const m = parsed('valid', 'inv2543');
    expect(topViaBranch(m)).toBeUndefined();
    expect(m.body.length).toBeGreaterThan(0);
    expect(sdpOf(m)?.direction).toBe('sendrecv');
  });

  it('unksm2 / novelsc: URIs of unknown schemes are kept as written', () => {
    expect(parsed('valid', 'unksm2').to.uri).toBe('isbn:2983792873');
    expect(requestUriUserOf(parsed('valid', 'novelsc'))).toBeUndefined();
  });
});

/**
 * Every invalid message of the RFC, with what this parser does with it.
 * `accepted` ones are invalid only semantically and are read tolerantly;
 * docs/trace-formats.md gives the reason for each.
 */
const INVALID: Record<string, RegExp | 'accepted'> = {
  badinv01: /empty (parameter|Via element)/,
  clerr: /Content-Length 9999 exceeds/,
  ncl: /Content-Length `-999` is not a number/,
  scalar02: /CSeq number \d+ exceeds/,
  scalarlg: /CSeq number \d+ exceeds/,
  quotbal: /To: unterminated quoted display name/,
  ltgtruri: /must not be enclosed in <>/,
  lwsruri: /is not `METHOD Request-URI SIP\/2.0`/,
  lwsstart: /extra spaces/,
  trws: /extra spaces/,
  escruri: /carries URI headers/,
  baddate: 'accepted',
  regbadct: 'accepted',
  badaspec: 'accepted',
  baddn: 'accepted',
  badvers: /unsupported SIP version `SIP\/7.0`/,
  mismatch01: /CSeq method `INVITE` does not match the request method `OPTIONS`/,
  mismatch02: /CSeq method `INVITE` does not match the request method `NEWMETHOD`/,
  bigcode: /status code `4294967301` is not three digits/,
  insuf: /missing required headers Call-ID, From, To/,
  multi01: /more than one (CSeq|Call-ID|To|From) header/,
  mcl01: /more than one Content-Length header/,
};

describe('RFC 4475 invalid messages (§3.1.2, §3.3.1, §3.3.8, §3.3.9)', () => {
  it('the table covers every invalid fixture', () => {
    const files = readdirSync(join(root, 'invalid')).map((f) => f.replace(/\.dat$/, ''));
    expect(files.sort()).toEqual(Object.keys(INVALID).sort());
  });

  it.each(Object.entries(INVALID))('%s', (name, expected) => {
    const result = parseSipMessage(read('invalid', name));
    if (expected === 'accepted') expect(result.ok ? 'accepted' : result.reason).toBe('accepted');
    else expect(result.ok ? 'accepted' : result.reason).toMatch(expected);
  });

  it('tolerated messages keep the fields simulate reads', () => {
    const badaspec = parseSipMessage(read('invalid', 'badaspec'));
    expect(badaspec.ok && badaspec.message.to.uri).toBe('sip:t.watson@example.org');
    const baddn = parseSipMessage(read('invalid', 'baddn'));
    expect(baddn.ok && baddn.message.from).toMatchObject({ displayName: 'Bell, Alexander', uri: 'sip:a.g.bell@example.com', tag: '43' });
  });
});
