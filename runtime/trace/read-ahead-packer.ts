import { messageSource } from '../sip/parsed-message.js';
import type { MessageSource } from '../sip/parsed-message.js';
import { InternTable } from './read-ahead-interning.js';
import { Flag, SIP_FIELDS, SipField, StringRef, shifted, TRANSPORT_SHIFT, TRANSPORTS, type ItemBatch } from './read-ahead-batch.js';
import type { Endpoint, SipTraceItem, TraceFormat, TraceItem } from './trace-item.js';

/** Bytes of a batch without messages outside the capture. */
const EMPTY = Buffer.from(new ArrayBuffer(0));

/** A batch is posted at this many SIP messages, or bytes of them: small enough to keep the main thread fed early, large enough that posting costs little per message. */
const BATCH_MESSAGES = 1024;
/** The first batch's messages, doubled at each batch up to the full size: the main thread starts replaying before the reader's cold code has parsed 1,024. */
const FIRST_BATCH_MESSAGES = 64;
const BATCH_BYTES = 512 * 1024;
/** The first size of a batch's own bytes, made only for messages outside the capture (TCP, IP fragments); grown as needed. */
const BUFFER_BYTES = 64 * 1024;
/** Past this many interned strings (Call-IDs and branches of a long capture), both sides start over: memory stays bounded. */
const MAX_STRINGS = 1 << 16;

/** What one post carries: the batch and the buffers to transfer (not copy) with it. */
export interface PackedBatch {
  readonly batch: ItemBatch;
  readonly transfer: ArrayBuffer[];
}

/**
 * Packs trace items into `ItemBatch`es on the worker's side
 * (read-ahead-batch.ts says the layout and why).
 */
export class BatchPacker {
  #format: TraceFormat | undefined;
  /** Numbers of the capture's shared memory (the whole capture, or each window of one read from disk). */
  readonly #windowIds = new WeakMap<SharedArrayBuffer, number>();
  #windowCount = 0;
  #freshWindows: SharedArrayBuffer[] = [];
  #firstWindow = -1;
  readonly #strings = new InternTable<string>();
  #resetStrings = false;
  readonly #endpoints = new InternTable<Endpoint>();
  #bytes = EMPTY;
  #used = 0;
  #sip = new Int32Array(BATCH_MESSAGES * SIP_FIELDS);
  #times = new Float64Array(BATCH_MESSAGES);
  #count = 0;
  #limit = FIRST_BATCH_MESSAGES;
  #others: TraceItem[] = [];
  #positions: number[] = [];

  /** Messages whose bytes are in a SharedArrayBuffer (the capture, or a window of it) are sent as where they are in it. */
  constructor(format: TraceFormat) {
    this.#format = format;
  }

  /** The batch should be posted now. */
  get full(): boolean {
    return this.#count >= this.#limit || this.#used >= BATCH_BYTES || this.#others.length >= BATCH_MESSAGES;
  }

  add(item: TraceItem): void {
    if (item.kind === 'sip') this.#addSip(item);
    else {
      this.#others.push(item);
      this.#positions.push(this.#count);
    }
  }

  /** The batch so far (possibly empty), handed over with its buffers; the packer starts a new one. */
  take(last: boolean): PackedBatch {
    const batch: ItemBatch = {
      type: 'batch',
      format: this.#format,
      windows: this.#freshWindows,
      firstWindow: Math.max(0, this.#firstWindow),
      resetStrings: this.#resetStrings,
      strings: this.#strings.takeFresh(),
      endpoints: this.#endpoints.takeFresh(),
      bytes: this.#bytes.buffer as ArrayBuffer,
      bytesUsed: this.#used,
      sip: this.#sip,
      times: this.#times,
      sipCount: this.#count,
      others: this.#others,
      otherPositions: this.#positions,
      last,
    };
    const transfer = [this.#sip.buffer as ArrayBuffer, this.#times.buffer as ArrayBuffer];
    if (this.#bytes !== EMPTY) transfer.push(batch.bytes);
    this.#format = undefined;
    this.#freshWindows = [];
    this.#firstWindow = -1;
    this.#resetStrings = this.#strings.size > MAX_STRINGS;
    if (this.#resetStrings) this.#strings.clear();
    this.#bytes = EMPTY;
    this.#used = 0;
    this.#sip = new Int32Array(BATCH_MESSAGES * SIP_FIELDS);
    this.#times = new Float64Array(BATCH_MESSAGES);
    this.#count = 0;
    this.#limit = Math.min(BATCH_MESSAGES, 2 * this.#limit);
    this.#others = [];
    this.#positions = [];
    return { batch, transfer };
  }

  #addSip(item: SipTraceItem): void {
    const message = item.message;
    const source = messageSource(message);
    // Every SIP item of openTrace comes from parseSipBytes: anything else is a flowc bug, reported as a failed read.
    if (source === undefined) throw new Error(`frame ${item.frame}: a SIP message that parseSipBytes did not make cannot be sent to the main thread`);
    const base = source.text.base;
    const text = source.text.text;
    const shared = source.buf.buffer;
    const window = shared instanceof SharedArrayBuffer ? this.#window(shared) : -1;
    const inWindow = window >= 0;
    const sip = this.#sip;
    const row = this.#count * SIP_FIELDS;
    sip[row + SipField.Frame] = item.frame;
    sip[row + SipField.Src] = this.#endpoint(item.src);
    sip[row + SipField.Dst] = this.#endpoint(item.dst);
    sip[row + SipField.Flags] =
      (message.kind === 'response' ? Flag.Response : 0) |
      (item.retransmission ? Flag.Retransmission : 0) |
      (inWindow ? Flag.InWindow : 0) |
      (TRANSPORTS.indexOf(item.transport) << TRANSPORT_SHIFT);
    sip[row + SipField.Window] = window;
    sip[row + SipField.TextAt] = inWindow ? source.buf.byteOffset + base : this.#copy(source);
    sip[row + SipField.TextLength] = text.length;
    sip[row + SipField.HeadersFrom] = source.headersFrom - base;
    sip[row + SipField.HeadersEnd] = source.headersEnd - base;
    sip[row + SipField.BodyStart] = source.bodyStart - base;
    sip[row + SipField.End] = source.end - base;
    sip[row + SipField.TypeAt] = shifted(source.typeAt, source.typeAt, -base);
    sip[row + SipField.TypeEnd] = shifted(source.typeAt, source.typeEnd, -base);
    sip[row + SipField.FromAt] = source.fromAt - base;
    sip[row + SipField.FromEnd] = source.fromEnd - base;
    this.#stringRef(row + SipField.FromText, source.fromText, text);
    sip[row + SipField.ToAt] = source.toAt - base;
    sip[row + SipField.ToEnd] = source.toEnd - base;
    this.#stringRef(row + SipField.ToText, source.toText, text);
    sip[row + SipField.FromTagAt] = shifted(source.fromTagAt, source.fromTagAt, -base);
    sip[row + SipField.FromTagEnd] = shifted(source.fromTagAt, source.fromTagEnd, -base);
    sip[row + SipField.ToTagAt] = shifted(source.toTagAt, source.toTagAt, -base);
    sip[row + SipField.ToTagEnd] = shifted(source.toTagAt, source.toTagEnd, -base);
    this.#stringRef(row + SipField.CallId, message.callId, text);
    sip[row + SipField.CSeqNumber] = message.cseq.seq;
    sip[row + SipField.CSeqMethod] = this.#string(message.cseq.method);
    this.#stringRef(row + SipField.Branch, message.branch, text);
    if (message.kind === 'response') {
      sip[row + SipField.Status] = message.status;
      this.#stringRef(row + SipField.UriOrReason, message.reason, text);
    } else {
      sip[row + SipField.Method] = this.#string(message.method);
      this.#stringRef(row + SipField.UriOrReason, message.requestUri, text);
    }
    this.#times[this.#count] = item.time;
    this.#count++;
  }

  /** Copies the message's text into the batch's own bytes; where it went. */
  #copy(source: MessageSource): number {
    const length = source.text.text.length;
    if (this.#used + length > this.#bytes.length) {
      const grown = Buffer.from(new ArrayBuffer(Math.max(BUFFER_BYTES, this.#bytes.length * 2, this.#used + length)));
      this.#bytes.copy(grown, 0, 0, this.#used);
      this.#bytes = grown;
    }
    const at = this.#used;
    source.buf.copy(this.#bytes, at, source.text.base, source.text.base + length);
    this.#used += length;
    return at;
  }

  /**
   * Writes `value` as where it is in the message's text (it nearly always
   * is: the parser sliced it from there), else as an interned string.
   * Searching the text costs less than a Map lookup, which must hash a
   * string made afresh for every message.
   */
  #stringRef(field: number, value: string | undefined, text: string): void {
    const sip = this.#sip;
    if (value === undefined) {
      sip[field] = StringRef.Undefined;
      return;
    }
    const at = text.indexOf(value);
    if (at >= 0) {
      sip[field] = at;
      sip[field + 1] = value.length;
    } else {
      sip[field] = StringRef.Interned;
      sip[field + 1] = this.#string(value);
    }
  }

  /** The window's number, numbering (and sending) it when it is new. */
  #window(shared: SharedArrayBuffer): number {
    let id = this.#windowIds.get(shared);
    if (id === undefined) {
      id = this.#windowCount++;
      this.#windowIds.set(shared, id);
      this.#freshWindows.push(shared);
    }
    if (this.#firstWindow < 0 || id < this.#firstWindow) this.#firstWindow = id;
    return id;
  }

  #string(value: string | undefined): number {
    return value === undefined ? -1 : this.#strings.id(value);
  }

  #endpoint(endpoint: Endpoint): number {
    return this.#endpoints.id(endpoint);
  }
}
