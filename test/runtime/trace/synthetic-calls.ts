import { LinkType } from '../../../runtime/trace/index.js';
import { pcapFile, type PcapPacket } from './capture-writer.js';
import { ETHERTYPE_IPV4, ethernet, ipv4, udp } from './packet-builder.js';

/** Messages per synthetic call: INVITE, 100, 180, 200, ACK, BYE, 200. */
export const MESSAGES_PER_CALL = 7;

const SDP = (host: string): string =>
  ['v=0', `o=- 20518 0 IN IP4 ${host}`, 's=-', `c=IN IP4 ${host}`, 't=0 0', 'm=audio 6000 RTP/AVP 0 8 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=ptime:20', 'a=sendrecv', ''].join('\r\n');

function message(startLine: string, call: number, cseq: string, toTag: boolean, body: string, branch: string): string {
  return [
    startLine,
    `Via: SIP/2.0/UDP 10.1.0.1:5060;branch=z9hG4bK-${branch};rport`,
    'Max-Forwards: 70',
    `From: "Campaign ${call}" <sip:campaign@10.1.0.1>;tag=f${call}`,
    `To: <sip:+1555${String(call).padStart(7, '0')}@10.1.0.2>${toTag ? `;tag=t${call}` : ''}`,
    `Call-ID: ${call}-a8f931981d8b08398566a271@10.1.0.1`,
    `CSeq: ${cseq}`,
    `Contact: <sip:campaign@10.1.0.1:5060>`,
    'User-Agent: flowc-bench',
    'Allow: INVITE, ACK, CANCEL, BYE, REFER, NOTIFY, OPTIONS',
    ...(body === '' ? [] : ['Content-Type: application/sdp']),
    `Content-Length: ${body.length}`,
    '',
    body,
  ].join('\r\n');
}

/** A pcap of `calls` complete calls over UDP/IPv4/Ethernet, one message per frame, 1 ms apart. */
export function syntheticCallsPcap(calls: number): Buffer {
  const a = '10.1.0.1';
  const b = '10.1.0.2';
  const packets: PcapPacket[] = [];
  let time = Date.UTC(2024, 0, 1);
  const push = (src: string, dst: string, text: string): void => {
    packets.push({ time: time++, data: ethernet(ipv4(src, dst, 17, udp(5060, 5060, text)), ETHERTYPE_IPV4) });
  };
  for (let c = 0; c < calls; c++) {
    const uri = `INVITE sip:+1555${String(c).padStart(7, '0')}@10.1.0.2 SIP/2.0`;
    push(a, b, message(uri, c, '1 INVITE', false, SDP(a), `inv${c}`));
    push(b, a, message('SIP/2.0 100 Trying', c, '1 INVITE', false, '', `inv${c}`));
    push(b, a, message('SIP/2.0 180 Ringing', c, '1 INVITE', true, '', `inv${c}`));
    push(b, a, message('SIP/2.0 200 OK', c, '1 INVITE', true, SDP(b), `inv${c}`));
    push(a, b, message(uri.replace('INVITE', 'ACK'), c, '1 ACK', true, '', `ack${c}`));
    push(a, b, message(uri.replace('INVITE', 'BYE'), c, '2 BYE', true, '', `bye${c}`));
    push(b, a, message('SIP/2.0 200 OK', c, '2 BYE', true, '', `bye${c}`));
  }
  return pcapFile(packets, { linkType: LinkType.ETHERNET });
}
