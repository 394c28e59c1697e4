import { eachSdpLine, sdpField } from '../sip/sdp-fields.js';

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
  // Line by line without splitting the text: only m=, c= and (in an audio
  // stream) a=rtpmap lines are taken out; an SDP has a dozen others.
  eachSdpLine(sdp, (kind, valueStart, end) => {
    switch (kind) {
      case 0x6d: {
        // m=
        inMedia = true;
        const type = sdpField(sdp, valueStart, end, 0) ?? '';
        const port = sdpField(sdp, valueStart, end, 1) ?? '';
        const number = Number.parseInt(port, 10);
        current = undefined;
        // Port 0 rejects or disables the stream: nothing is received there.
        if (type.toLowerCase() === 'audio' && number > 0 && number < 65536) {
          current = { port: number, ip: undefined, telephoneEvents: new Map() };
          lines.push(current);
        }
        break;
      }
      case 0x63: {
        // c=
        const ip = connectionAddress(sdp.slice(valueStart, end).trim());
        if (!inMedia) sessionIp = ip;
        else if (current !== undefined) current.ip = ip;
        break;
      }
      case 0x61: {
        // a=: only `rtpmap:` can matter, and only inside an audio stream.
        if (current === undefined) break;
        const first = sdp.charCodeAt(valueStart);
        if (first !== 0x72 && first !== 0x52 && !/\s/.test(sdp[valueStart] ?? '')) break;
        const m = RTPMAP.exec(sdp.slice(valueStart, end).trim());
        if (m !== null) current.telephoneEvents.set(Number(m[1]), Number(m[2]));
        break;
      }
    }
  });
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
  // The same few connection lines recur in every call of a trace.
  const known = CONNECTIONS.get(value);
  if (known !== undefined || CONNECTIONS.has(value)) return known;
  const address = readConnectionAddress(value);
  if (CONNECTIONS.size >= MAX_CONNECTIONS) CONNECTIONS.clear();
  CONNECTIONS.set(value, address);
  return address;
}

const CONNECTIONS = new Map<string, string | undefined>();
const MAX_CONNECTIONS = 1024;

function readConnectionAddress(value: string): string | undefined {
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
