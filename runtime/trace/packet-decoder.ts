import type { SipMessage } from '../sip/message.js';
import { parseSipBytes } from '../sip/parse-message.js';
import { sniffSip } from '../sip/sip-sniffing.js';
import type { CapturedPacket } from './capture-record.js';
import { DEFAULT_SIP_PORTS, isKeepAlive } from './datagram-payload.js';
import { EndpointTable } from './endpoints.js';
import { IpAddressCache } from './ip-address.js';
import { IpProtocol, readIpv4, readIpv6, type IpPacket } from './ip-packet.js';
import { IpReassembly } from './ip-reassembly.js';
import { networkLayer } from './link-layer.js';
import { RetransmissionDetector } from './retransmissions.js';
import { RtpDtmfDecoder } from './rtp-dtmf-decoder.js';
import { SipStreamFramer, type SipStreamOutput } from './sip-stream.js';
import { TcpSequencer, type TcpDelivery } from './tcp-sequencer.js';
import type { Endpoint, TraceItem, TraceTransport } from './trace-item.js';

interface TcpDirection {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly name: string;
  readonly sequencer: TcpSequencer;
  readonly framer: SipStreamFramer;
  /** FIN or RST seen: later segments are retransmissions of a finished stream. */
  closed: boolean;
  lastFrame: number;
}

/** How often (trace ms) fragments that will never complete are reported. */
const FRAGMENT_SWEEP_MS = 1_000;

/**
 * Learns the SDP of the SIP messages in the packets before `frame` into
 * `media` (see `PacketDecoder`'s media catch-up): re-reads them with a
 * decoder made with `{ learnInto: media }`.
 */
export type MediaCatchUp = (frame: number, media: RtpDtmfDecoder) => void;

/**
 * Turns captured packets into trace items: link layer → IPv4/IPv6 (with
 * fragment reassembly) → UDP datagrams or TCP streams → SIP messages;
 * and UDP datagrams on the media ports SDP announced → RTP → DTMF keys.
 * Items are appended to `out` in capture order; a TCP message is stamped
 * with the frame and time of the segment that completed it.
 */
export class PacketDecoder {
  readonly #trace: string;
  readonly #out: TraceItem[];
  readonly #addresses = new IpAddressCache();
  readonly #endpoints = new EndpointTable();
  readonly #fragments = new IpReassembly();
  readonly #retransmissions = new RetransmissionDetector();
  readonly #tcp = new Map<string, TcpDirection>();
  readonly #sipPorts = new Set<number>(DEFAULT_SIP_PORTS);
  readonly #unknownLinkTypes = new Set<number>();
  readonly #dtmf: RtpDtmfDecoder;
  /**
   * Whether SIP messages are read for the media their SDP announces. Not
   * until the first UDP datagram that is not SIP: a capture of signalling
   * alone never needs it, and SDP is a third of the messages. That datagram
   * first has the packets before it re-read for their SDP (`#catchUp`), so
   * it finds the media exactly as if every SDP had been read as it came.
   */
  #learnMedia: boolean;
  readonly #catchUp: MediaCatchUp | undefined;
  /** A catch-up decoder: reads SDP into a shared media table and nothing else. */
  readonly #learnerOnly: boolean;
  #lastSweep = 0;
  /** The ports `#markSipPorts` added last (-1: none yet). */
  #markedA = -1;
  #markedB = -1;
  #frame = 0;
  #time = 0;
  /** The TCP direction whose segment is being read; the delivery callbacks below act on it. */
  #stream: TcpDirection | undefined;

  readonly #delivery: TcpDelivery = {
    data: (bytes) => this.#stream?.framer.push(bytes, this.#streamOutput),
    gap: (missing) => this.#stream?.framer.gap(missing, this.#streamOutput),
  };

  readonly #streamOutput: SipStreamOutput = {
    message: (message) => {
      const stream = this.#stream;
      if (stream === undefined) return;
      this.#markSipPorts(stream.src.port, stream.dst.port);
      this.#emitSip(stream.src, stream.dst, stream.name, 'tcp', message);
    },
    problem: (severity, reason) => this.#problem(severity, `${this.#stream?.name ?? 'TCP'}: ${reason}`),
  };

  /**
   * `media`: `{ catchUp }` re-reads the packets before a frame for their
   * SDP when media is first needed; `{ learnInto }` makes a catch-up decoder,
   * which only reads SDP into that table (its items are to be dropped);
   * without either, every SDP is read as it comes.
   */
  constructor(trace: string, out: TraceItem[], media?: { readonly catchUp: MediaCatchUp } | { readonly learnInto: RtpDtmfDecoder }) {
    this.#trace = trace;
    this.#out = out;
    this.#catchUp = media !== undefined && 'catchUp' in media ? media.catchUp : undefined;
    this.#learnerOnly = media !== undefined && 'learnInto' in media;
    this.#dtmf = media !== undefined && 'learnInto' in media ? media.learnInto : new RtpDtmfDecoder(trace, out);
    this.#learnMedia = this.#catchUp === undefined;
  }

  decode(packet: CapturedPacket): void {
    this.#frame = packet.frame;
    this.#time = packet.time;
    const link = networkLayer(packet.linkType, packet.buf, packet.start, packet.end);
    if (link.kind === 'unknown-link') {
      if (!this.#unknownLinkTypes.has(packet.linkType)) {
        this.#unknownLinkTypes.add(packet.linkType);
        this.#problem('error', `unknown link type ${packet.linkType}: packets captured on it are skipped`);
      }
      return;
    }
    if (link.kind === 'other') return;
    if (link.kind === 'bad') {
      this.#problem('warning', `garbage packet: ${link.reason}`);
      return;
    }
    const data = packet.buf;
    const ip =
      link.version === 4
        ? readIpv4(data, link.offset, packet.end, this.#addresses)
        : readIpv6(data, link.offset, packet.end, this.#addresses);
    if (ip.kind === 'bad') {
      this.#problem('warning', `garbage packet: ${ip.reason}`);
      return;
    }
    if (ip.kind === 'skip') return;
    if (ip.fragment !== undefined) {
      this.#sweepFragments();
      const piece = data.subarray(ip.payloadStart, ip.payloadEnd);
      if (ip.payloadEnd < ip.wireEnd) {
        this.#problem('error', 'IP fragment cut by the capture snap length; its datagram cannot be reassembled');
        return;
      }
      const whole = this.#fragments.add(ip.fragment.key, ip.fragment.offset, ip.fragment.more, piece, packet.frame, packet.time);
      if (whole !== undefined) this.#transport(ip, whole, 0, whole.length, whole.length);
      return;
    }
    this.#transport(ip, data, ip.payloadStart, ip.payloadEnd, ip.wireEnd);
  }

  /** End of the trace: report streams cut mid-message and fragments that never completed. */
  finish(): void {
    for (const stream of this.#tcp.values()) {
      if (stream.closed) continue;
      this.#stream = stream;
      this.#frame = stream.lastFrame;
      stream.sequencer.flush(this.#delivery);
      stream.framer.end(this.#streamOutput);
    }
    this.#stream = undefined;
    if (!this.#learnerOnly) this.#dtmf.finish();
    for (const lost of this.#fragments.expire(this.#time, true)) {
      this.#fragmentProblem(lost.firstFrame, lost.receivedBytes, 'the trace ended before the rest arrived');
    }
  }

  #transport(ip: IpPacket, buf: Buffer, start: number, end: number, wireEnd: number): void {
    if (ip.protocol === IpProtocol.UDP) this.#udp(ip, buf, start, end, wireEnd);
    else if (ip.protocol === IpProtocol.TCP) this.#tcpSegment(ip, buf, start, end, wireEnd);
  }

  #udp(ip: IpPacket, buf: Buffer, start: number, end: number, wireEnd: number): void {
    if (end - start < 8) {
      this.#problem('warning', `garbage packet: UDP header cut short (${end - start} bytes)`);
      return;
    }
    // Read by hand: Buffer's readUInt16BE validates its offset on every call, and every datagram reads three.
    const srcPort = ((buf[start] ?? 0) << 8) | (buf[start + 1] ?? 0);
    const dstPort = ((buf[start + 2] ?? 0) << 8) | (buf[start + 3] ?? 0);
    const udpLength = ((buf[start + 4] ?? 0) << 8) | (buf[start + 5] ?? 0);
    const payloadStart = start + 8;
    // A UDP length of 0 (jumbograms, offload) or past the IP payload: trust IP.
    const declaredEnd = udpLength >= 8 ? start + udpLength : wireEnd;
    const payloadEnd = Math.min(declaredEnd, end);
    if (payloadEnd <= payloadStart || isKeepAlive(buf, payloadStart, payloadEnd)) return;
    if (sniffSip(buf, payloadStart, payloadEnd) !== 'sip') {
      if (this.#learnerOnly) return;
      if (!this.#learnMedia) {
        this.#learnMedia = true;
        this.#catchUp?.(this.#frame, this.#dtmf);
      }
      if (this.#dtmf.hasMedia) {
        const media = { src: this.#endpoints.endpoint(ip.src, srcPort), dst: this.#endpoints.endpoint(ip.dst, dstPort), frame: this.#frame, time: this.#time };
        if (this.#dtmf.datagram(media, buf, payloadStart, payloadEnd)) return;
      }
      const port = this.#sipPorts.has(dstPort) ? dstPort : this.#sipPorts.has(srcPort) ? srcPort : undefined;
      if (port !== undefined) {
        this.#problem('warning', `non-SIP UDP payload (${payloadEnd - payloadStart} bytes) on SIP port ${port} skipped`);
      }
      return;
    }
    if (declaredEnd > end) {
      this.#problem('error', `SIP datagram cut by the capture snap length (${end - payloadStart} of ${declaredEnd - payloadStart} bytes kept)`);
      return;
    }
    const parsed = parseSipBytes(buf, payloadStart, payloadEnd, 'datagram');
    if (!parsed.ok) {
      this.#problem('error', `SIP message does not parse: ${parsed.reason}`);
      return;
    }
    this.#markSipPorts(srcPort, dstPort);
    const src = this.#endpoints.endpoint(ip.src, srcPort);
    const dst = this.#endpoints.endpoint(ip.dst, dstPort);
    this.#emitSip(src, dst, this.#endpoints.direction(src, dst), 'udp', parsed.message);
  }

  #tcpSegment(ip: IpPacket, buf: Buffer, start: number, end: number, wireEnd: number): void {
    if (end - start < 20) {
      this.#problem('warning', `garbage packet: TCP header cut short (${end - start} bytes)`);
      return;
    }
    const dataOffset = ((buf[start + 12] ?? 0) >> 4) * 4;
    if (dataOffset < 20 || start + dataOffset > end) {
      this.#problem('warning', `garbage packet: corrupt TCP header (data offset ${dataOffset})`);
      return;
    }
    const src = this.#endpoints.endpoint(ip.src, buf.readUInt16BE(start));
    const dst = this.#endpoints.endpoint(ip.dst, buf.readUInt16BE(start + 2));
    const seq = buf.readUInt32BE(start + 4);
    const flags = buf[start + 13] ?? 0;
    const syn = (flags & 0x02) !== 0;
    const finOrReset = (flags & 0x05) !== 0;
    const payload = buf.subarray(start + dataOffset, end);
    const wireLength = Math.max(payload.length, wireEnd - (start + dataOffset));
    const name = this.#endpoints.direction(src, dst);
    let stream = this.#tcp.get(name);
    if (stream !== undefined && syn && stream.sequencer.next !== ((seq + 1) >>> 0)) {
      // A new connection on the same addresses and ports: close the old stream first.
      this.#stream = stream;
      if (!stream.closed) stream.framer.end(this.#streamOutput);
      stream = undefined;
    }
    if (stream === undefined) {
      const ports = [src.port, dst.port];
      stream = {
        src,
        dst,
        name,
        sequencer: new TcpSequencer(),
        framer: new SipStreamFramer(() => ports.some((p) => this.#sipPorts.has(p))),
        closed: false,
        lastFrame: this.#frame,
      };
      this.#tcp.set(name, stream);
    }
    if (stream.closed) return;
    stream.lastFrame = this.#frame;
    this.#stream = stream;
    stream.sequencer.push(seq, syn, payload, wireLength, this.#delivery);
    if (finOrReset) {
      stream.sequencer.flush(this.#delivery);
      stream.framer.end(this.#streamOutput);
      stream.closed = true;
    }
    this.#stream = undefined;
  }

  #emitSip(src: Endpoint, dst: Endpoint, direction: string, transport: TraceTransport, message: SipMessage): void {
    const retransmission = this.#retransmissions.check(direction, message, this.#time);
    if (!retransmission && this.#learnMedia) this.#dtmf.noteSip(message);
    this.#out.push({ kind: 'sip', trace: this.#trace, frame: this.#frame, time: this.#time, src, dst, transport, message, retransmission });
  }

  #markSipPorts(a: number, b: number): void {
    // Nearly every message is between the ports of the one before (5060 and 5060, or the same pair back):
    // the set already has them.
    if ((a === this.#markedA && b === this.#markedB) || (a === this.#markedB && b === this.#markedA)) return;
    this.#sipPorts.add(a);
    this.#sipPorts.add(b);
    this.#markedA = a;
    this.#markedB = b;
  }

  #problem(severity: 'error' | 'warning', reason: string): void {
    this.#out.push({ kind: 'problem', trace: this.#trace, frame: this.#frame, time: this.#time, severity, reason });
  }

  #sweepFragments(): void {
    if (this.#fragments.size === 0 || this.#time - this.#lastSweep < FRAGMENT_SWEEP_MS) return;
    this.#lastSweep = this.#time;
    for (const lost of this.#fragments.expire(this.#time)) {
      this.#fragmentProblem(lost.firstFrame, lost.receivedBytes, 'the rest never arrived');
    }
  }

  #fragmentProblem(firstFrame: number, receivedBytes: number, why: string): void {
    this.#problem('error', `IP datagram whose first fragment is frame ${firstFrame} dropped: ${receivedBytes} bytes arrived, ${why}`);
  }
}
