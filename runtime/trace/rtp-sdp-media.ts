/**
 * Where an SDP says its audio is received (connection address and port of
 * each `m=audio` line) and which payload types carry telephone-events
 * there (`a=rtpmap:<pt> telephone-event/<rate>`, RFC 4733 §7.1.1). That is
 * what ties an RTP packet of a capture to the dialog whose SDP negotiated
 * it. Lenient like the SIP reader: lines it does not need are skipped.
 */
export interface SdpAudioEndpoint {
  /** In the text form the capture reader gives addresses (RFC 5952 for IPv6). */
  readonly ip: string;
  readonly port: number;
  /** Telephone-event payload type -> its RTP clock rate (Hz). */
  readonly telephoneEvents: ReadonlyMap<number, number>;
}

interface AudioLine {
  readonly port: number;
  ip: string | undefined;
  readonly telephoneEvents: Map<number, number>;
}

const RTPMAP = /^rtpmap:(\d{1,3})\s+telephone-event\/(\d+)/i;

export function sdpAudioEndpoints(sdp: string): SdpAudioEndpoint[] {
  let sessionIp: string | undefined;
  let current: AudioLine | undefined;
  /** True once an m= line was seen: later c= and a= lines belong to media, not the session. */
  let inMedia = false;
  const lines: AudioLine[] = [];
  for (const rawLine of sdp.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.length < 2 || line.charCodeAt(1) !== 0x3d) continue;
    const value = line.slice(2).trim();
    switch (line[0]) {
      case 'm': {
        inMedia = true;
        const [type = '', port = ''] = value.split(/\s+/);
        const number = Number.parseInt(port, 10);
        current = undefined;
        // Port 0 rejects or disables the stream: nothing is received there.
        if (type.toLowerCase() === 'audio' && number > 0 && number < 65536) {
          current = { port: number, ip: undefined, telephoneEvents: new Map() };
          lines.push(current);
        }
        break;
      }
      case 'c': {
        const ip = connectionAddress(value);
        if (!inMedia) sessionIp = ip;
        else if (current !== undefined) current.ip = ip;
        break;
      }
      case 'a': {
        const m = current === undefined ? null : RTPMAP.exec(value);
        if (m !== null && current !== undefined) current.telephoneEvents.set(Number(m[1]), Number(m[2]));
        break;
      }
    }
  }
  const out: SdpAudioEndpoint[] = [];
  for (const l of lines) {
    const ip = l.ip ?? sessionIp;
    if (ip !== undefined) out.push({ ip, port: l.port, telephoneEvents: l.telephoneEvents });
  }
  return out;
}

/**
 * The address of `IN IP4 192.0.2.1` / `IN IP6 fd00::10` (a multicast TTL or
 * count after `/` dropped); undefined for 0.0.0.0 and `::` (hold, RFC 3264
 * §8.4: nothing is received there) and for anything unreadable.
 */
function connectionAddress(value: string): string | undefined {
  const [network = '', family = '', address = ''] = value.split(/\s+/);
  if (network.toUpperCase() !== 'IN') return undefined;
  const host = address.split('/')[0] ?? '';
  if (family.toUpperCase() === 'IP4') return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) && host !== '0.0.0.0' ? host : undefined;
  if (family.toUpperCase() !== 'IP6') return undefined;
  const url = `http://[${host}]/`;
  // The URL parser prints IPv6 as RFC 5952 does (lowercase, longest zero run as ::), like the capture reader.
  if (!host.includes(':') || !URL.canParse(url)) return undefined;
  const text = new URL(url).hostname.slice(1, -1);
  return text === '::' ? undefined : text;
}
