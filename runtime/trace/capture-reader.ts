import type { CaptureRecord } from './capture-record.js';
import { PacketDecoder } from './packet-decoder.js';
import type { TraceItem } from './trace-item.js';

/** Decodes the packets of a capture file into trace items, lazily, in capture order. */
export function* captureItems(records: Iterable<CaptureRecord>, trace: string): Generator<TraceItem> {
  const out: TraceItem[] = [];
  const decoder = new PacketDecoder(trace, out);
  for (const record of records) {
    if (record.kind === 'problem') {
      out.push({ kind: 'problem', trace, frame: record.frame, time: record.time, severity: 'error', reason: record.reason });
    } else decoder.decode(record);
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  decoder.finish();
  yield* out;
}
