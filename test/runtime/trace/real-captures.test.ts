import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referToOf, replacesOf, sdpOf, sipfragOf } from '../../../runtime/sip/index.js';
import { readTrace, type SipTraceItem, type TraceRead } from '../../../runtime/trace/index.js';
import { label, problems, sipItems } from './trace-items.js';

/** Captures made with SIPp and tcpdump by scripts/capture-traces.sh (see test/fixtures/traces/README.md). */
const folder = new URL('../../fixtures/traces/', import.meta.url);
const load = (name: string): TraceRead => readTrace(readFileSync(new URL(name, folder)), name);

/** Each message as `dialog# label`, dialogs numbered by first appearance: the ladder without random Call-IDs. */
function ladder(sip: readonly SipTraceItem[]): string[] {
  const dialogs = new Map<string, number>();
  return sip.map((s) => {
    if (!dialogs.has(s.message.callId)) dialogs.set(s.message.callId, dialogs.size);
    return `${dialogs.get(s.message.callId)} ${label(s)}`;
  });
}

function dialogSizes(sip: readonly SipTraceItem[]): number[] {
  const sizes = new Map<string, number>();
  for (const s of sip) sizes.set(s.message.callId, (sizes.get(s.message.callId) ?? 0) + 1);
  return [...sizes.values()];
}

/** The same external transfer, captured over every link type, IP version and transport the capture script varies. */
const HAPPY_VARIANTS = [
  'external-transfer-happy.pcap',
  'external-transfer-ipv6.pcap',
  'external-transfer-sll.pcap',
  'external-transfer-sll2.pcap',
  'external-transfer-pcapng.pcapng',
  'external-transfer-tcp.pcap',
  'external-transfer-fragmented.pcap',
];

describe('real captures (SIPp + tcpdump)', () => {
  const happy = sipItems(load('external-transfer-happy.pcap'));

  it('reads the happy path: 32 messages in 4 dialogs, flow side 127.0.0.10', () => {
    expect(happy).toHaveLength(32);
    expect(dialogSizes(happy)).toEqual([5, 7, 9, 11]);
    expect(happy[0]).toMatchObject({ frame: 1, src: { ip: '127.0.0.10', port: 5060 }, dst: { ip: '127.0.0.20', port: 5060 }, transport: 'udp' });
    expect(happy.some((s) => s.retransmission)).toBe(false);
    expect(happy.every((s, i) => i === 0 || s.time >= (happy[i - 1]?.time ?? 0))).toBe(true);
  });

  it('reads what simulate compares: Replaces, Refer-To with Replaces, hold SDP, sipfrag', () => {
    const [agent, customer, takeover, external] = [...new Set(happy.map((s) => s.message.callId))];
    const find = (callId: string | undefined, what: string): SipTraceItem => {
      const item = happy.find((s) => s.message.callId === callId && label(s) === what);
      if (item === undefined) throw new Error(`no ${what}`);
      return item;
    };
    expect(agent).toBeDefined();
    const customerOk = find(customer, '200 INVITE').message;
    expect(replacesOf(find(takeover, 'INVITE').message)).toEqual({
      ok: true,
      value: { callId: customer, toTag: customerOk.to.tag, fromTag: customerOk.from.tag, earlyOnly: false },
    });
    const takeoverOk = happy.find((s) => s.message.callId === takeover && label(s) === '200 INVITE')?.message;
    const referTo = referToOf(find(external, 'REFER').message);
    expect(referTo?.ok === true && referTo.value.uri).toBe('sip:+15551234567@127.0.0.30');
    expect(referTo?.ok === true && referTo.value.replaces).toEqual({
      ok: true,
      value: { callId: takeover, toTag: takeoverOk?.to.tag, fromTag: takeoverOk?.from.tag, earlyOnly: false },
    });
    const hold = happy.filter((s) => s.message.callId === takeover && sdpOf(s.message) !== undefined).map((s) => sdpOf(s.message)?.direction);
    expect(hold).toEqual(['sendrecv', 'sendrecv', 'sendonly', 'recvonly']);
    expect(sipfragOf(find(external, 'NOTIFY').message)).toEqual({ ok: true, value: { status: 200, reason: 'OK' } });
  });

  it.each(HAPPY_VARIANTS.slice(1))('%s reads as the same ladder as the UDP/IPv4/Ethernet capture', (name) => {
    const read = load(name);
    expect(problems(read)).toEqual([]);
    expect(ladder(sipItems(read))).toEqual(ladder(happy));
  });

  it('IPv6 and TCP captures carry their addresses and transport', () => {
    expect(sipItems(load('external-transfer-ipv6.pcap'))[0]?.src).toEqual({ ip: 'fd00::10', port: 5060 });
    const tcp = sipItems(load('external-transfer-tcp.pcap'));
    expect(tcp.every((s) => s.transport === 'tcp')).toBe(true);
  });

  it('every capture in the folder reads without errors', () => {
    const names = readdirSync(folder).filter((n) => /\.(pcap|pcapng)$/.test(n));
    expect(names.length).toBeGreaterThanOrEqual(HAPPY_VARIANTS.length);
    for (const name of names) {
      const read = load(name);
      expect({ name, errors: problems(read).filter((p) => p.severity === 'error') }).toEqual({ name, errors: [] });
      expect({ name, dialogs: dialogSizes(sipItems(read)).length > 0 }).toEqual({ name, dialogs: true });
    }
  });
});
