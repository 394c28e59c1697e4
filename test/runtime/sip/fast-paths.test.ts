/**
 * The parser reads the common shapes of the start line, CSeq, From/To and
 * Via from the bytes (the "fast paths") and hands anything else to the
 * general readers. These properties pin that the two agree: whatever a
 * fast path accepts, the general reader accepts too, with the same result.
 * And a parsed message's lazily read parts agree with reading them whole.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cseqFromBytes, parseCSeq } from '../../../runtime/sip/cseq.js';
import { MessageText } from '../../../runtime/sip/message-text.js';
import { nameAddrFromBytes, parseNameAddr, scanNameAddrBytes, type NameAddr } from '../../../runtime/sip/name-addr.js';
import { parseSipMessage, type SipMessage } from '../../../runtime/sip/index.js';
import { parseStartLine, startLineFromBytes } from '../../../runtime/sip/start-line.js';
import { parseVia, scannedBranch, scanViaBytes } from '../../../runtime/sip/via.js';

/** Now and then, one character of SIP syntax (or none) put somewhere: the shapes just off the common ones. */
const perturbed = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(value, fc.option(fc.tuple(fc.nat(), fc.constantFrom(' ', '\t', '"', '\\', '<', '>', ';', '=', ',', ':', '@', 'é', '\u00a0', '', '/')), { freq: 2 }))
    .map(([v, edit]) => (edit === null ? v : v.slice(0, edit[0] % (v.length + 1)) + edit[1] + v.slice(edit[0] % (v.length + 1) + (edit[1] === '' ? 1 : 0))));

const lws = fc.constantFrom('', '', ' ', '\t', '  ');
const token = fc.constantFrom('a', 'Bob', 'x-1', '4949SIPpTag001', 'z9hG4bK-1', "odd!%*_+`'~.", 'Z');
const paramName = fc.constantFrom('tag', 'TAG', 'Tag', 'lr', 'x', 'branch', 'BRANCH', 'rport', 'received');
const param = fc
  .tuple(paramName, fc.option(fc.oneof(token, fc.constant(''), fc.constant('"q v"'), fc.constant('1.2.3.4'), fc.constant('a b')), { freq: 4 }))
  .map(([name, value]) => (value === null ? `;${name}` : `;${name}=${value}`));
const params = fc.array(param, { maxLength: 3 }).map((p) => p.join(''));
const uri = fc
  .tuple(fc.constantFrom('sip', 'sips', 'tel', 'SIP', 'x-y'), fc.constantFrom('bob@b.example', 'mpp@127.0.0.10:5060', '+15551234567', 'a@[::1]', 'u;p=1@h', 'a@b?h=v'))
  .map(([scheme, rest]) => `${scheme}:${rest}`);
const display = fc.oneof(fc.constant(''), token.map((t) => `${t} `), fc.constantFrom('"MPP" ', '""', '"J \\"R\\""', '"Grüße"', 'A B '));

/** From/To values: mostly the common shapes, some just off them. */
const nameAddrValue = perturbed(
  fc.oneof(
    fc.tuple(display, lws, uri, lws, params).map(([d, a, u, b, p]) => `${d}${a}<${u}>${b}${p}`),
    fc.tuple(uri, params).map(([u, p]) => `${u}${p}`),
  ),
);

const port = fc.constantFrom('', ':5060', ':0', ':65535', ':65536', ':99999', ':123456', ':05060', ':');
const viaElement = fc
  .tuple(fc.constantFrom('SIP/2.0/UDP', 'SIP/2.0/TCP', 'SIP/2.0/ws', 'SIP / 2.0 / UDP', 'sip/2.0/udp'), fc.constantFrom(' ', '  ', '\t'), fc.constantFrom('10.0.0.1', 'host.example', '[::1]', 'h_x'), port, params)
  .map(([protocol, space, host, p, ps]) => `${protocol}${space}${host}${p}${ps}`);
/** Via values: one to three elements, mostly the common shapes. */
const viaValue = perturbed(fc.array(viaElement, { minLength: 1, maxLength: 3 }).chain((elements) => fc.constantFrom(',', ', ', ' ,\t').map((sep) => elements.join(sep))));

const cseqValue = perturbed(
  fc.tuple(fc.constantFrom('1', '0', '101', '999999999', '2147483647', '2147483648', '0000000001', ''), fc.constantFrom(' ', '\t', '  ', ''), fc.constantFrom('INVITE', 'ACK', 'Foo', 'NOTIFY', 'é')).map(([n, sp, m]) => `${n}${sp}${m}`),
);

const startLine = perturbed(
  fc.oneof(
    fc.tuple(fc.constantFrom('INVITE', 'OPTIONS', 'Foo!', 'RE%47'), fc.constantFrom(' ', '  '), fc.oneof(uri, fc.constantFrom('<sip:a>', 'sip:', 'a')), fc.constantFrom(' SIP/2.0', ' SIP/3.0', ' sip/2.0', 'SIP/2.0')).map((p) => p.join('')),
    fc.tuple(fc.constantFrom('SIP/2.0 ', 'sip/2.0 ', 'SIP/2.0  '), fc.constantFrom('200', '180', '099', '700', '2000', '20'), fc.constantFrom('', ' OK', ' Ringing', ' ', ' Grüße')).map((p) => p.join('')),
  ),
);

function bytesOf(value: string): { buf: Buffer; text: MessageText } {
  const buf = Buffer.from(value, 'utf8');
  return { buf, text: new MessageText(buf, 0, buf.length) };
}

function plain(n: NameAddr): unknown {
  return { displayName: n.displayName, uri: n.uri, tag: n.tag, params: [...n.params] };
}

describe('fast paths agree with the general readers', () => {
  it('From/To: what scanNameAddrBytes accepts, parseNameAddr reads the same', () => {
    fc.assert(
      fc.property(nameAddrValue, (value) => {
        const { buf, text } = bytesOf(value);
        if (!scanNameAddrBytes(buf, 0, buf.length)) return;
        const general = parseNameAddr(value);
        expect(general.ok).toBe(true);
        const fast = nameAddrFromBytes(buf, text, 0, buf.length);
        expect(fast && plain(fast)).toEqual(general.ok && plain(general.value));
      }),
      { numRuns: 3000 },
    );
  });

  it('Via: what scanViaBytes accepts, parseVia reads with the same first branch', () => {
    fc.assert(
      fc.property(viaValue, (value) => {
        const { buf } = bytesOf(value);
        if (!scanViaBytes(buf, 0, buf.length)) return;
        const general = parseVia(value);
        expect(general.ok).toBe(true);
        const branch = scannedBranch.start < 0 ? undefined : buf.toString('latin1', scannedBranch.start, scannedBranch.end);
        expect(branch).toBe(general.ok ? general.value[0]?.branch : 'refused');
      }),
      { numRuns: 3000 },
    );
  });

  it('CSeq: what cseqFromBytes reads, parseCSeq reads the same', () => {
    fc.assert(
      fc.property(cseqValue, (value) => {
        const { buf, text } = bytesOf(value);
        const fast = cseqFromBytes(buf, text, 0, buf.length);
        if (fast === undefined) return;
        expect(parseCSeq(value)).toEqual({ ok: true, value: fast });
      }),
      { numRuns: 3000 },
    );
  });

  it('start line: what startLineFromBytes reads, parseStartLine reads the same', () => {
    fc.assert(
      fc.property(startLine, (line) => {
        const { buf, text } = bytesOf(line);
        const fast = startLineFromBytes(buf, text, 0, buf.length);
        if (fast === undefined) return;
        expect(parseStartLine(line)).toEqual({ ok: true, value: fast });
      }),
      { numRuns: 3000 },
    );
  });

  it('the fast paths take the shapes traces are made of (else the properties above test nothing)', () => {
    const fastNameAddr = (v: string): boolean => scanNameAddrBytes(Buffer.from(v), 0, Buffer.byteLength(v));
    for (const v of ['"MPP" <sip:mpp@127.0.0.10:5060>;tag=4949SIPpTag001', '<sip:5020@127.0.0.20>', 'Bob <sips:bob@b.example>;tag=a;x=1', 'sip:a@b;tag=z']) {
      expect(fastNameAddr(v), v).toBe(true);
    }
    const via = 'SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-4949-1-5x0;rport, SIP/2.0/TCP proxy.example;branch=z9hG4bK-2';
    expect(scanViaBytes(Buffer.from(via), 0, via.length)).toBe(true);
    const cseq = bytesOf('101 INVITE');
    expect(cseqFromBytes(cseq.buf, cseq.text, 0, cseq.buf.length)).toEqual({ seq: 101, method: 'INVITE' });
    for (const line of ['INVITE sip:5020@127.0.0.20 SIP/2.0', 'SIP/2.0 180 Ringing', 'SIP/2.0 200 OK']) {
      const { buf, text } = bytesOf(line);
      expect(startLineFromBytes(buf, text, 0, buf.length), line).toBeDefined();
    }
  });
});

const messages = fileURLToPath(new URL('../../fixtures/sip/', import.meta.url));
const SEEDS = ['messages', 'rfc4475/valid'].flatMap((dir) =>
  readdirSync(join(messages, dir))
    .filter((f) => !f.endsWith('.md'))
    .map((f) => readFileSync(join(messages, dir, f)).toString('latin1')),
);

/** A seed message with a few header-section edits: enough variety for folding, compact forms, case and odd values. */
const editedMessage = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\t', '\r\n ', ';', '"', '<', ',', ':', 'é', 'i: x\r\n', 'C: text/plain\r\n', 'x'), fc.boolean()), {
      maxLength: 3,
    }),
  )
  .map(([seed, edits]) => {
    let text = seed;
    for (const [at, piece, insert] of edits) {
      const end = Math.max(1, text.indexOf('\r\n\r\n') >= 0 ? text.indexOf('\r\n\r\n') : text.length);
      const i = at % end;
      text = insert ? text.slice(0, i) + piece + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
    }
    return Buffer.from(text, 'latin1');
  });

/** The header lines as RFC 3261 §7.3.1 reads them: up to the empty line, continuation lines joined with one SP. */
function referenceHeaders(message: SipMessage): [string, string][] {
  const text = Buffer.from(message.bytes).toString('latin1');
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const out: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (line === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = out[out.length - 1];
      if (last === undefined) break;
      const more = line.replace(/^[ \t]+|[ \t]+$/g, '');
      last[1] = last[1] === '' ? more : more === '' ? last[1] : `${last[1]} ${more}`;
      continue;
    }
    const colon = line.indexOf(':');
    out.push([line.slice(0, colon).replace(/[ \t]+$/, ''), line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
  }
  return out.map(([name, value]) => [name, Buffer.from(value, 'latin1').toString('utf8')]);
}

describe('a parsed message read lazily agrees with reading it whole', () => {
  it('branch, From, To and single header lookups agree with the header lines', () => {
    let parsed = 0;
    fc.assert(
      fc.property(editedMessage, (bytes) => {
        const result = parseSipMessage(bytes);
        if (!result.ok) return;
        parsed++;
        const m = result.message;
        const lookups = ['Content-Type', 'c', 'Call-ID', 'i', 'VIA', 'Contact', 'x-missing', 'Subject', 'CSeq'].map((n) => m.headers.get(n));
        expect(m.branch).toBe(m.via[0]?.branch);
        const from = parseNameAddr(m.headers.get('From') ?? '');
        const to = parseNameAddr(m.headers.get('To') ?? '');
        expect(plain(m.from)).toEqual(from.ok && plain(from.value));
        expect(plain(m.to)).toEqual(to.ok && plain(to.value));
        expect([...m.headers].map((h) => [h.name, h.value])).toEqual(referenceHeaders(m));
        // The same lookups once the lines are built.
        expect(['Content-Type', 'c', 'Call-ID', 'i', 'VIA', 'Contact', 'x-missing', 'Subject', 'CSeq'].map((n) => m.headers.get(n))).toEqual(lookups);
        expect(m.callId).toBe(m.headers.get('Call-ID'));
      }),
      { numRuns: 1500 },
    );
    expect(parsed).toBeGreaterThan(100);
  });
});
