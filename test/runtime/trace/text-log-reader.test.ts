import { describe, expect, it } from 'vitest';
import { parseDirectionLine, readTrace, type TraceRead } from '../../../runtime/trace/index.js';
import { label, problems, sipItems } from './trace-items.js';

const read = (text: string, options = {}): TraceRead => readTrace(Buffer.from(text, 'utf8'), 'log.txt', options);

const INVITE = [
  'INVITE sip:bob@10.0.0.2 SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-t1',
  'From: <sip:alice@10.0.0.1>;tag=a',
  'To: <sip:bob@10.0.0.2>',
  'Call-ID: text-1',
  'CSeq: 1 INVITE',
  'Content-Type: application/sdp',
  'Content-Length: 52',
  '',
  'v=0',
  'o=- 1 1 IN IP4 10.0.0.1',
  's=-',
  'a=sendonly',
].join('\n');
const OK = ['SIP/2.0 200 OK', 'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-t1', 'From: <sip:alice@10.0.0.1>;tag=a', 'To: <sip:bob@10.0.0.2>;tag=b', 'Call-ID: text-1', 'CSeq: 1 INVITE', 'Content-Length: 0'].join('\n');

describe('text logs', () => {
  it('reads the canonical format: direction lines with ISO times, LF line ends restored to CRLF', () => {
    const r = read(`# a consult\n--> 2024-01-01T10:00:00.123Z 10.0.0.1:5060 -> 10.0.0.2:5060 UDP\n${INVITE}\n\n--> 2024-01-01T10:00:00.250Z 10.0.0.2:5060 -> 10.0.0.1:5060 UDP\n${OK}\n`);
    expect(r.format).toBe('text');
    expect(problems(r)).toEqual([]);
    const sip = sipItems(r);
    expect(sip.map((s) => [label(s), s.frame, s.time, s.src.ip, s.dst.ip, s.transport])).toEqual([
      ['INVITE', 3, Date.UTC(2024, 0, 1, 10, 0, 0, 123), '10.0.0.1', '10.0.0.2', 'udp'],
      ['200 INVITE', 18, Date.UTC(2024, 0, 1, 10, 0, 0, 250), '10.0.0.2', '10.0.0.1', 'udp'],
    ]);
    const body = Buffer.from(sip[0]?.message.body ?? []).toString();
    expect(body).toBe('v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\na=sendonly\r\n');
  });

  it('reads the short form with seconds, names after a marker, and IPv6', () => {
    expect(parseDirectionLine('>> 10.0.0.1:5060 -> 10.0.0.2:5070 @ 0.250')).toEqual({
      src: { ip: '10.0.0.1', port: 5060 },
      dst: { ip: '10.0.0.2', port: 5070 },
      time: 250,
      transport: undefined,
    });
    expect(parseDirectionLine('<-- alice -> proxy.example.com:5080 TCP')).toMatchObject({ src: { ip: 'alice', port: 5060 }, dst: { ip: 'proxy.example.com', port: 5080 }, transport: 'tcp' });
    expect(parseDirectionLine('[2001:db8::1]:5060 => [2001:db8::2]:5062')).toMatchObject({ src: { ip: '2001:db8::1' }, dst: { port: 5062 } });
    expect(parseDirectionLine('10:00:01.5 10.0.0.1:5060 -> 10.0.0.2:5060')).toMatchObject({ time: 36_001_500 });
    expect(parseDirectionLine('alice -> bob')).toBeUndefined();
    expect(parseDirectionLine('INVITE sip:a@b SIP/2.0')).toBeUndefined();
    expect(parseDirectionLine('--> 300.0.0.1:5060 -> 10.0.0.2:5060')).toBeUndefined();
  });

  it("reads sngrep's text export", () => {
    const r = read(`2024/01/01 10:00:00.500000 10.0.0.1:5060 -> 10.0.0.2:5060\n${INVITE}\n\n2024/01/01 10:00:01.000000 10.0.0.2:5060 -> 10.0.0.1:5060\n${OK}\n\n`);
    expect(sipItems(r).map((s) => s.time)).toEqual([Date.UTC(2024, 0, 1, 10, 0, 0, 500), Date.UTC(2024, 0, 1, 10, 0, 1)]);
  });

  it('reads sofia-sip siptrace (FreeSWITCH, drachtio), naming the local side as told', () => {
    const dashes = '-'.repeat(72);
    const log = [
      `2024-01-01 10:00:00.100 recv 500 bytes from udp/[192.168.7.101]:52110 at 10:00:00.100000:`,
      dashes,
      INVITE,
      dashes,
      `send 300 bytes to udp/[192.168.7.101]:52110 at 10:00:00.200000:`,
      dashes,
      OK,
      dashes,
      '2024-01-01 10:00:00.300 [NOTICE] switch_channel.c:1118 New Channel',
    ].join('\n');
    const local = { ip: '192.168.7.1', port: 5060 };
    const sip = sipItems(read(log, { localEndpoint: local }));
    expect(sip.map((s) => [label(s), s.src, s.dst, s.time])).toEqual([
      ['INVITE', { ip: '192.168.7.101', port: 52110 }, local, Date.UTC(2024, 0, 1, 10, 0, 0, 100)],
      ['200 INVITE', local, { ip: '192.168.7.101', port: 52110 }, 36_000_200],
    ]);
  });

  it('cuts the body at Content-Length, so log lines after it are not body', () => {
    const r = read(`>> 10.0.0.1:5060 -> 10.0.0.2:5060\n${OK.replace('Content-Length: 0', 'Content-Type: text/plain\nContent-Length: 4')}\n\nbodyAND A LOG LINE\n`);
    expect(Buffer.from(sipItems(r)[0]?.message.body ?? []).toString()).toBe('body');
  });

  it('reads messages pasted one after another without direction lines, and says their addresses are unknown', () => {
    const r = read(`${INVITE}\n\n${OK}\n`);
    expect(sipItems(r).map((s) => [label(s), s.src.ip])).toEqual([
      ['INVITE', 'unknown'],
      ['200 INVITE', 'unknown'],
    ]);
    expect(problems(r).map((p) => [p.severity, p.reason])).toEqual([['warning', 'message without a direction line: its addresses are unknown']]);
  });

  it('reports a message that does not parse and a direction line without a message, and reads on', () => {
    const r = read(`>> 10.0.0.1:5060 -> 10.0.0.2:5060 @ 1\n${INVITE.replace('CSeq: 1 INVITE', 'CSeq: x')}\n\n>> 10.0.0.1:5060 -> 10.0.0.2:5060 @ 2\nsome commentary\n>> 10.0.0.2:5060 -> 10.0.0.1:5060 @ 3\n${OK}\n>> 10.0.0.2:5060 -> 10.0.0.1:5060 @ 4\n`);
    expect(sipItems(r).map(label)).toEqual(['200 INVITE']);
    expect(problems(r).map((p) => [p.frame, p.severity, p.reason])).toEqual([
      [2, 'error', 'SIP message does not parse: CSeq `x` is not `<number> <method>`'],
      [17, 'error', 'expected a SIP start line after the direction line at line 16, found `some commentary`'],
      [26, 'warning', 'direction line not followed by a SIP message'],
    ]);
  });

  it('says so when a text log holds no SIP message', () => {
    expect(read('notes: 10.0.0.1 -> 10.0.0.2 at 5\n').items).toEqual([
      { kind: 'problem', trace: 'log.txt', frame: 0, time: 0, severity: 'warning', reason: 'no SIP message found in this text log' },
    ]);
  });

  it('marks retransmissions in text logs too', () => {
    const r = read(`>> 10.0.0.2:5060 -> 10.0.0.1:5060 @ 1\n${OK}\n>> 10.0.0.2:5060 -> 10.0.0.1:5060 @ 1.5\n${OK}\n`);
    expect(sipItems(r).map((s) => s.retransmission)).toEqual([false, true]);
  });
});
