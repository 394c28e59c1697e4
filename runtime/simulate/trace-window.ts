/**
 * The trace's items as the replay reads them: in order, pulled from the
 * trace's iterable as they are needed, with a window of items read ahead
 * that is only as large as a look-ahead asks for (the flow side's
 * inference, a logged command a little later than the message it
 * explains). Items behind the replay are let go, so a capture read item by
 * item (`openTrace`) becomes garbage as it is replayed; an array is the
 * window with everything already in it (the caller holds it).
 *
 * Items keep their absolute position (0 for the first item of the trace)
 * whatever was let go.
 */
import type { TraceFormat, TraceItem } from '../trace/trace-item.js';

/**
 * Formats whose readers never yield application events (captures and SIP
 * text logs): looking ahead for a logged command reads nothing in them.
 */
const WITHOUT_EVENTS: ReadonlySet<TraceFormat> = new Set<TraceFormat>(['pcap', 'pcapng', 'text']);

/** Let go of the front of the window once this many items there are cleared (and they are most of it). */
const COMPACT_AT = 1024;

export class TraceWindow {
  /** Items from position `#start` on; `undefined` for items let go at the front. */
  #items: (TraceItem | undefined)[];
  #start = 0;
  /** Index in `#items` before which everything is cleared; -1: an array of the caller's, never cleared. */
  #cleared: number;
  #source: Iterator<TraceItem> | undefined;
  readonly #mayHoldEvents: boolean;
  /** Absolute positions of the event items found so far, in order, and the first not behind the replay. */
  #events: number[] = [];
  #eventHead = 0;
  /** Items before this absolute position have been looked at for events. */
  #scanned = 0;

  constructor(items: Iterable<TraceItem>, format: TraceFormat) {
    this.#mayHoldEvents = !WITHOUT_EVENTS.has(format);
    if (Array.isArray(items)) {
      this.#items = items as (TraceItem | undefined)[];
      this.#source = undefined;
      this.#cleared = -1;
    } else {
      this.#items = [];
      this.#source = items[Symbol.iterator]();
      this.#cleared = 0;
    }
  }

  /** The trace's format may hold application events (an event log, or a merge that may include one). */
  get mayHoldEvents(): boolean {
    return this.#mayHoldEvents;
  }

  /** The item at `position`, reading up to it; undefined past the end of the trace (or before the window). */
  at(position: number): TraceItem | undefined {
    const offset = position - this.#start;
    if (offset < 0) return undefined;
    while (offset >= this.#items.length && this.#pull()) {
      // read on until the item is there or the trace ends
    }
    return this.#items[offset];
  }

  /** The replay has moved on to `position`: what is before it is no longer needed. */
  release(position: number): void {
    while (this.#eventHead < this.#events.length && (this.#events[this.#eventHead] ?? Infinity) < position) this.#eventHead++;
    if (this.#cleared < 0) return;
    const end = Math.min(position - this.#start, this.#items.length);
    for (let i = this.#cleared; i < end; i++) this.#items[i] = undefined;
    if (end > this.#cleared) this.#cleared = end;
    if (this.#cleared >= COMPACT_AT && this.#cleared * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#cleared);
      this.#start += this.#cleared;
      this.#cleared = 0;
      this.#events = this.#events.slice(this.#eventHead);
      this.#eventHead = 0;
    }
  }

  /**
   * Positions of the event items after `position`, in order, reading (or,
   * in an array, looking) ahead only as far as the caller iterates.
   */
  *eventsAfter(position: number): Generator<number> {
    if (!this.#mayHoldEvents) return;
    for (let i = this.#eventHead; ; i++) {
      while (i >= this.#events.length) {
        if (!this.#scanOne(position)) return;
      }
      const at = this.#events[i];
      if (at !== undefined && at > position) yield at;
    }
  }

  /** Looks at one more item for events (at or after `from`); false at the end of the trace. */
  #scanOne(from: number): boolean {
    if (this.#cleared >= 0) return this.#pull();
    // An array: events behind the replay were replayed already, so the look starts after it.
    if (this.#scanned <= from) this.#scanned = from + 1;
    const item = this.#items[this.#scanned];
    if (item === undefined) return false;
    if (item.kind === 'event') this.#events.push(this.#scanned);
    this.#scanned++;
    return true;
  }

  /** Reads one more item from the source; false at its end (always for an array). */
  #pull(): boolean {
    const source = this.#source;
    if (source === undefined) return false;
    const next = source.next();
    if (next.done === true) {
      this.#source = undefined;
      return false;
    }
    const item = next.value;
    if (item.kind === 'event' && this.#mayHoldEvents) this.#events.push(this.#start + this.#items.length);
    this.#items.push(item);
    return true;
  }
}
