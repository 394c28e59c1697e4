import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../../runtime/trace/index.js';
import { BROKEN_CAPTURES } from './broken-captures.js';

const load = (name: string): Buffer => readFileSync(new URL(`../../fixtures/broken/${name}`, import.meta.url));

/** What each broken file reads as: `sip:<Call-ID>` or `<severity>@<frame>: <reason>`. */
const EXPECTED: Record<string, (string | RegExp)[]> = {
  'truncated-header.pcap': ['error@0: pcap file truncated inside its 24-byte header (14 bytes)'],
  'truncated-packet.pcap': ['sip:good', /^error@2: file truncated: frame 2 has \d+ of its \d+ bytes$/],
  'unknown-link-type.pcap': ['error@1: unknown link type 147: packets captured on it are skipped'],
  'garbage-udp-5060.pcap': ['warning@1: non-SIP UDP payload (12 bytes) on SIP port 5060 skipped', 'sip:good'],
  'unparseable-sip.pcap': ['error@1: SIP message does not parse: CSeq `one INVITE` is not `<number> <method>`', 'sip:good'],
  'truncated-block.pcapng': ['sip:good', /^error@2: file truncated: block at byte \d+ needs \d+ bytes, \d+ remain$/],
};

describe('hand-broken captures', () => {
  it('the committed files are the ones broken-captures.ts makes', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(BROKEN_CAPTURES).sort());
    for (const [name, make] of Object.entries(BROKEN_CAPTURES)) expect({ name, same: load(name).equals(make()) }).toEqual({ name, same: true });
  });

  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    const items = readTrace(load(name), name).items.map((i) =>
      i.kind === 'sip' ? `sip:${i.message.callId}` : i.kind === 'problem' ? `${i.severity}@${i.frame}: ${i.reason}` : i.kind,
    );
    expect(items).toHaveLength(expected.length);
    expected.forEach((e, k) => (typeof e === 'string' ? expect(items[k]).toBe(e) : expect(items[k]).toMatch(e)));
  });
});
