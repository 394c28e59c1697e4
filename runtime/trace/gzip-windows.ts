import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync, constants } from 'node:zlib';
import type { Gunzip, FlateStreamHandler } from 'fflate';
import { FileWindowsBase, readFully, WINDOW_BYTES } from './capture-bytes.js';
import { isGzip } from './trace-format.js';

/**
 * Compressed bytes read and inflated at a time. Small: deflate can expand
 * ~1,000 times, and what one read inflates is held until windows take it.
 */
const COMPRESSED_CHUNK = 64 * 1024;

/** fflate, loaded when the first stream is inflated: ~14 ms that the replay of a plain capture need not pay. */
let fflate: typeof import('fflate') | undefined;

function streamingGunzip(ondata: FlateStreamHandler): Gunzip {
  fflate ??= createRequire(import.meta.url)('fflate') as typeof import('fflate');
  return new fflate.Gunzip(ondata);
}

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
export class GzipWindows extends FileWindowsBase {
  readonly #path: string;
  readonly #size: number;
  #fd: number | undefined;
  /** Compressed bytes read so far: how far into the file reading has got (for a progress line). */
  #read = 0;
  /** Inflated bytes not yet in a window, oldest first. */
  #pending: Uint8Array[] = [];
  #inflater: Gunzip;
  /** The stream has ended (or failed): no more bytes will come. */
  #ended = false;

  /** `size`: of the compressed file. */
  constructor(path: string, size: number, windowBytes: number = WINDOW_BYTES, shared = false, onWindow?: (bytes: number) => void) {
    super(Number.MAX_SAFE_INTEGER, windowBytes, shared, onWindow);
    this.#path = path;
    this.#size = size;
    this.#inflater = streamingGunzip((chunk) => {
      if (chunk.length > 0) this.#pending.push(chunk);
    });
  }

  /** How far into the compressed file reading has got. */
  get reached(): number {
    return this.#read;
  }

  ensure(at: number, n: number): boolean {
    if (at >= this.start && at + n <= this.start + this.window.length) return true;
    // The packet readers only go forward; a second pass reads the file afresh with a new instance.
    if (at < this.start || at + n > this.total) return false;
    this.#move(at, n);
    return at + n <= this.start + this.window.length;
  }

  /** A new window from `at` (at or past this one's start), of at least `n` bytes unless the stream ends first. */
  #move(at: number, n: number): void {
    const window = this.nextWindow(n);
    // What the old window holds from `at` on (the start of a record it held only in part) is copied, not inflated again.
    const end = this.start + this.window.length;
    let filled = 0;
    if (at < end) filled = this.window.copy(window, 0, at - this.start);
    else this.#skip(at - end);
    filled = this.#fill(window, filled);
    this.window = filled < window.length ? window.subarray(0, filled) : window;
    this.start = at;
    if (this.#ended && this.#pending.length === 0) this.total = at + filled;
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

/**
 * Of a gzipped file, the inflated size its trailer gives (ISIZE: modulo
 * 2^32, and of the last member only, so a lower bound at best), at least
 * the file's own size; undefined for a file that is not gzipped.
 */
export function gzipInflatedSize(path: string, size: number): number | undefined {
  // A gzip member is at least 18 bytes: a 10-byte header and an 8-byte trailer.
  if (size < 18) return undefined;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    readFully(fd, head, 0);
    if (!isGzip(head)) return undefined;
    const tail = Buffer.alloc(4);
    readFully(fd, tail, size - 4);
    return Math.max(size, tail.readUInt32LE(0));
  } finally {
    closeSync(fd);
  }
}
