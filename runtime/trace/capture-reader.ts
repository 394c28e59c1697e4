import type { CaptureRecord } from './capture-record.js';
import { PacketDecoder } from './packet-decoder.js';
import type { RtpDtmfDecoder } from './rtp-dtmf-decoder.js';
import type { TraceItem } from './trace-item.js';

/**
 * Decodes the packets of a capture file into trace items, lazily, in
 * capture order. `records` reads the file's packets from the start; it is
 * called again, at most once, when media turns up (see `PacketDecoder`):
 * the packets before the first non-SIP datagram are then re-read for the
 * SDP of their SIP messages.
 */
export function* captureItems(records: () => Iterable<CaptureRecord>, trace: string): Generator<TraceItem> {
  const out: TraceItem[] = [];
  const decoder = new PacketDecoder(trace, out, { catchUp: (frame, media) => learnSdpBefore(records(), trace, frame, media) });
  for (const record of records()) {
    if (record.kind === 'problem') {
      out.push({ kind: 'problem', trace, frame: record.frame, time: record.time, severity: 'error', reason: record.reason });
    } else decoder.decode(record);
    if (out.length > 0) {
      for (let i = 0; i < out.length; i++) yield out[i] as TraceItem;
      out.length = 0;
    }
  }
  decoder.finish();
  yield* out;
}

/** Reads the SDP of the SIP messages in the packets before `frame` into `media`, as the main decoder would have. */
function learnSdpBefore(records: Iterable<CaptureRecord>, trace: string, frame: number, media: RtpDtmfDecoder): void {
  const dropped: TraceItem[] = [];
  const learner = new PacketDecoder(trace, dropped, { learnInto: media });
  for (const record of records) {
    if (record.frame >= frame) break;
    if (record.kind === 'packet') learner.decode(record);
    dropped.length = 0;
  }
}
