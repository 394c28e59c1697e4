import type { CSeq } from '../sip/cseq.js';
import { MessageText } from '../sip/message-text.js';
import { ParsedRequest, ParsedResponse, type MessageSource } from '../sip/parsed-message.js';
import { Flag, SIP_FIELDS, SipField, StringRef, shifted, TRANSPORT_SHIFT, TRANSPORTS, type ItemBatch } from './read-ahead-batch.js';
import type { Endpoint, SipTraceItem, TraceItem } from './trace-item.js';

/**
 * Turns `ItemBatch`es back into trace items on the main thread, one item
 * per `next()`: a SIP message becomes the same lazily parsed message
 * `openTrace` gives, built from the numbers the worker's parser found, so
 * the bytes are not parsed or checked again here (the worker did).
 */
export class BatchUnpacker {
  readonly #trace: string;
  #strings: string[] = [];
  readonly #endpoints: Endpoint[] = [];
  #batch: ItemBatch | undefined;
  /** The capture's shared memory by number (those the batches still name), and the current batch's own bytes. */
  readonly #windows = new Map<number, Buffer>();
  #windowCount = 0;
  #bytes: Buffer = Buffer.alloc(0);
  /** The next SIP message and the next other item of the batch. */
  #sip = 0;
  #other = 0;

  constructor(trace: string) {
    this.#trace = trace;
  }

  /** Takes the next batch; returns the bytes of the windows it let go of. */
  load(batch: ItemBatch): number {
    if (batch.resetStrings) this.#strings = [];
    for (const s of batch.strings) this.#strings.push(s);
    for (const e of batch.endpoints) this.#endpoints.push(e);
    this.#batch = batch;
    for (const shared of batch.windows) this.#windows.set(this.#windowCount++, Buffer.from(shared));
    // Windows the reader has left: the messages still held keep theirs; the unpacker lets go.
    let released = 0;
    for (const [id, window] of this.#windows) {
      if (id >= batch.firstWindow) break;
      released += window.byteLength;
      this.#windows.delete(id);
    }
    this.#bytes = Buffer.from(batch.bytes, 0, batch.bytesUsed);
    this.#sip = 0;
    this.#other = 0;
    return released;
  }

  /** The batch's next item in capture order; undefined once it is used up. */
  next(): TraceItem | undefined {
    const batch = this.#batch;
    if (batch === undefined) return undefined;
    const other = this.#other;
    if (other < batch.others.length && (batch.otherPositions[other] ?? 0) <= this.#sip) {
      this.#other = other + 1;
      return batch.others[other];
    }
    if (this.#sip < batch.sipCount) return this.#sipItem(batch, this.#sip++);
    this.#batch = undefined;
    return undefined;
  }

  #sipItem(batch: ItemBatch, index: number): SipTraceItem {
    const sip = batch.sip;
    const row = index * SIP_FIELDS;
    const flags = sip[row + SipField.Flags] ?? 0;
    const buf = (flags & Flag.InWindow) !== 0 ? this.#window(sip[row + SipField.Window] ?? 0) : this.#bytes;
    const at = sip[row + SipField.TextAt] ?? 0;
    const typeAt = sip[row + SipField.TypeAt] ?? -1;
    const fromTagAt = sip[row + SipField.FromTagAt] ?? -2;
    const toTagAt = sip[row + SipField.ToTagAt] ?? -2;
    const text = new MessageText(buf, at, at + (sip[row + SipField.TextLength] ?? 0));
    const source: MessageSource = {
      buf,
      text,
      start: at,
      headersFrom: at + (sip[row + SipField.HeadersFrom] ?? 0),
      headersEnd: at + (sip[row + SipField.HeadersEnd] ?? 0),
      bodyStart: at + (sip[row + SipField.BodyStart] ?? 0),
      end: at + (sip[row + SipField.End] ?? 0),
      typeAt: shifted(typeAt, typeAt, at),
      typeEnd: shifted(typeAt, sip[row + SipField.TypeEnd] ?? 0, at),
      fromAt: at + (sip[row + SipField.FromAt] ?? 0),
      fromEnd: at + (sip[row + SipField.FromEnd] ?? 0),
      fromText: this.#string(sip, row + SipField.FromText, text.text),
      toAt: at + (sip[row + SipField.ToAt] ?? 0),
      toEnd: at + (sip[row + SipField.ToEnd] ?? 0),
      toText: this.#string(sip, row + SipField.ToText, text.text),
      fromTagAt: shifted(fromTagAt, fromTagAt, at),
      fromTagEnd: shifted(fromTagAt, sip[row + SipField.FromTagEnd] ?? 0, at),
      toTagAt: shifted(toTagAt, toTagAt, at),
      toTagEnd: shifted(toTagAt, sip[row + SipField.ToTagEnd] ?? 0, at),
    };
    const callId = this.#string(sip, row + SipField.CallId, text.text) ?? '';
    const cseq: CSeq = { seq: sip[row + SipField.CSeqNumber] ?? 0, method: this.#strings[sip[row + SipField.CSeqMethod] ?? 0] ?? '' };
    const branch = this.#string(sip, row + SipField.Branch, text.text);
    const uriOrReason = this.#string(sip, row + SipField.UriOrReason, text.text) ?? '';
    const message =
      (flags & Flag.Response) !== 0
        ? new ParsedResponse(sip[row + SipField.Status] ?? 0, uriOrReason, callId, cseq, branch, source)
        : new ParsedRequest(this.#strings[sip[row + SipField.Method] ?? 0] ?? '', uriOrReason, callId, cseq, branch, source);
    // The same fields in the same order as the packet decoder's items: the replay's property accesses see one shape.
    return {
      kind: 'sip',
      trace: this.#trace,
      frame: sip[row + SipField.Frame] ?? 0,
      time: batch.times[index] ?? 0,
      src: this.#endpoint(sip[row + SipField.Src] ?? 0),
      dst: this.#endpoint(sip[row + SipField.Dst] ?? 0),
      transport: TRANSPORTS[flags >>> TRANSPORT_SHIFT] ?? 'udp',
      message,
      retransmission: (flags & Flag.Retransmission) !== 0,
    };
  }

  /** A string field (`StringRef`): a slice of the message's text, as the parser made it, or an interned string. */
  #string(sip: Int32Array, field: number, text: string): string | undefined {
    const at = sip[field] ?? StringRef.Undefined;
    const length = sip[field + 1] ?? 0;
    if (at >= 0) return text.slice(at, at + length);
    return at === StringRef.Interned ? this.#strings[length] : undefined;
  }

  #window(id: number): Buffer {
    const window = this.#windows.get(id);
    if (window === undefined) throw new Error(`read-ahead: window ${id} was never sent, or was let go`);
    return window;
  }

  #endpoint(id: number): Endpoint {
    const endpoint = this.#endpoints[id];
    if (endpoint === undefined) throw new Error(`read-ahead: endpoint ${id} was never sent`);
    return endpoint;
  }
}
