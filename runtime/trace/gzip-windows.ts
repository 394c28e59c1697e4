import { closeSync, openSync } from 'node:fs';
import { gunzipSync, constants } from 'node:zlib';
import { Gunzip } from 'fflate';
import { readFully, WINDOW_BYTES, type FileBytes } from './capture-bytes.js';

/**
 * Compressed bytes read and inflated at a time. Small: deflate can expand
 * ~1,000 times, and what one read inflates is held until windows take it.
 */
const COMPRESSED_CHUNK = 64 * 1024;
/** The first window, doubled at each move up to the full size (as capture-bytes.ts's FileWindows). */
const FIRST_WINDOW_BYTES = 1024 * 1024;

/**
 * A gzipped capture inflated as it is read, a window at a time
 * (`CaptureBytes`, capture-bytes.ts): a nightly `.pcap.gz` of any size —
 * inflated, such files are easily past what one Buffer holds (4 GiB) —
 * read in bounded memory. Node's zlib inflates only whole buffers
 * synchronously and the packet readers pull bytes synchronously, so the
 * stream is inflated by fflate's streaming `Gunzip` (~140 MB/s of output
 * here, against ~320 for zlib on a whole file: small files are still
 * inflated whole, read-trace.ts).
 *
 * The inflated length is known only once the stream ends: until then
 * `length` is `Number.MAX_SAFE_INTEGER`, and a reader that finds no bytes
 * where a record would start reads `length` again to tell the end of the
 * capture from a truncated record. A stream that is cut short or corrupt
 * ends the bytes where it went wrong, with `failure` saying why.
 */
export class GzipWindows implements FileBytes {
  #length = Number.MAX_SAFE_INTEGER;
  #buf: Buffer = Buffer.alloc(0);
  #base = 0;
  readonly #path: string;
  readonly #size: number;
  readonly #windowBytes: number;
  #nextBytes: number;
  readonly #shared: boolean;
  readonly #onWindow: ((bytes: number) => void) | undefined;
  #fd: number | undefined;
  /** Compressed bytes read so far: how far into the file reading has got (for a progress line). */
  #read = 0;
  /** Inflated bytes not yet in a window, oldest first. */
  #pending: Uint8Array[] = [];
  #inflater: Gunzip;
  /** The stream has ended (or failed): no more bytes will come. */
  #ended = false;
  /** Why the stream ended early (cut short, corrupt, an I/O error), for the truncation problem. */
  failure: string | undefined;

  constructor(path: string, size: number, windowBytes: number = WINDOW_BYTES, shared = false, onWindow?: (bytes: number) => void) {
    this.#path = path;
    this.#size = size;
    this.#windowBytes = Math.max(1, windowBytes);
    this.#nextBytes = Math.min(this.#windowBytes, FIRST_WINDOW_BYTES);
    this.#shared = shared;
    this.#onWindow = onWindow;
    this.#inflater = new Gunzip((chunk) => {
      if (chunk.length > 0) this.#pending.push(chunk);
    });
  }

  get length(): number {
    return this.#length;
  }

  get buf(): Buffer {
    return this.#buf;
  }

  get base(): number {
    return this.#base;
  }

  /** How far into the compressed file reading has got. */
  get reached(): number {
    return this.#read;
  }

  ensure(at: number, n: number): boolean {
    if (at >= this.#base && at + n <= this.#base + this.#buf.length) return true;
    // The packet readers only go forward; a second pass reads the file afresh with a new instance.
    if (at < this.#base || at + n > this.#length) return false;
    this.#move(at, n);
    return at + n <= this.#base + this.#buf.length;
  }

  /** A new window from `at` (at or past this one's start), of at least `n` bytes unless the stream ends first. */
  #move(at: number, n: number): void {
    const size = Math.max(this.#nextBytes, n);
    this.#nextBytes = Math.min(this.#windowBytes, 2 * this.#nextBytes);
    const window = this.#shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafe(size);
    // What the old window holds from `at` on (the start of a record it held only in part) is copied, not inflated again.
    const end = this.#base + this.#buf.length;
    let filled = 0;
    if (at < end) filled = this.#buf.copy(window, 0, at - this.#base);
    else this.#skip(at - end);
    filled = this.#fill(window, filled);
    this.#buf = filled < size ? window.subarray(0, filled) : window;
    this.#base = at;
    if (this.#ended && this.#pending.length === 0) this.#length = at + filled;
    this.#onWindow?.(size);
  }

  /** Copies pending inflated bytes into `window` from `filled`, inflating more as needed; how full it is. */
  #fill(window: Buffer, filled: number): number {
    while (filled < window.length) {
      const chunk = this.#pending[0];
      if (chunk === undefined) {
        if (this.#ended) break;
        this.#inflateMore();
        continue;
      }
      const take = Math.min(chunk.length, window.length - filled);
      window.set(take === chunk.length ? chunk : chunk.subarray(0, take), filled);
      filled += take;
      if (take === chunk.length) this.#pending.shift();
      else this.#pending[0] = chunk.subarray(take);
    }
    return filled;
  }

  /** Drops `count` inflated bytes (a window asked for past the end of the last: never by the packet readers, which read every record). */
  #skip(count: number): void {
    let left = count;
    while (left > 0) {
      const chunk = this.#pending[0];
      if (chunk === undefined) {
        if (this.#ended) return;
        this.#inflateMore();
        continue;
      }
      if (chunk.length <= left) {
        left -= chunk.length;
        this.#pending.shift();
      } else {
        this.#pending[0] = chunk.subarray(left);
        left = 0;
      }
    }
  }

  /** Reads and inflates the next compressed chunk; at the end of the file, ends the stream. */
  #inflateMore(): void {
    try {
      this.#fd ??= openSync(this.#path, 'r');
      const chunk = Buffer.allocUnsafe(Math.min(COMPRESSED_CHUNK, Math.max(0, this.#size - this.#read)));
      const read = readFully(this.#fd, chunk, this.#read);
      this.#read += read;
      const last = read < COMPRESSED_CHUNK || this.#read >= this.#size;
      this.#inflater.push(read < chunk.length ? chunk.subarray(0, read) : chunk, last);
      if (last) this.#ended = true;
    } catch (error) {
      this.#ended = true;
      const reason = error instanceof Error ? error.message : String(error);
      this.failure = `gzip: ${reason}${reason === 'unexpected EOF' ? ' (the file is cut short)' : ''}`;
    }
  }

  /** Closes the file; `ensure` opens it again if asked. */
  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** The start of a gzipped file, inflated as far as its bytes go (to tell the format); undefined when it does not inflate. */
export function gzipHead(head: Buffer): Buffer | undefined {
  try {
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return undefined;
  }
}

/** The gzip trailer's ISIZE: the inflated length modulo 2^32 (of the last member). */
export function gzipInflatedSize(tail: Buffer): number {
  return tail.length < 4 ? 0 : tail.readUInt32LE(tail.length - 4);
}
