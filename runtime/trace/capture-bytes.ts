import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The bytes of a capture file as its packet readers see them, read
 * forward a window at a time. Held whole in memory (`wholeBytes`), the
 * window is the file. Read from disk (`FileWindows`), it is the part being
 * read: a capture of any size (a night's traffic is easily past the 4 GiB
 * a Buffer can hold) is read in bounded memory, each window kept only
 * while items of the replay still hold messages in it.
 */
export interface CaptureBytes {
  /** The file's length in bytes (as far as it could be read). */
  readonly length: number;
  /** The window: `buf[i]` is the file's byte `base + i`. */
  readonly buf: Buffer;
  readonly base: number;
  /** Makes the file's bytes `[at, at + n)` part of the window (which may move); false when the file ends before `at + n`. */
  ensure(at: number, n: number): boolean;
}

/** Bytes read from a file as they are asked for (`FileWindows`, or `GzipWindows` inflating them). */
export interface FileBytes extends CaptureBytes {
  /** How far into the file reading has got, for a progress line. */
  readonly reached: number;
  /** Why the bytes end before the file does (an I/O error, a corrupt stream), for the truncation problem. */
  readonly failure: string | undefined;
  close(): void;
}

/** A file in memory: one window, the whole of it. */
export function wholeBytes(buf: Buffer): CaptureBytes {
  return { length: buf.length, buf, base: 0, ensure: (at, n) => at + n <= buf.length };
}

/** The default window: large enough that moving it costs nothing per packet, small enough to be no burden. */
export const WINDOW_BYTES = 32 * 1024 * 1024;
/** The first window, doubled at each move up to the full size: the first packets are read without waiting for 32 MiB. */
const FIRST_WINDOW_BYTES = 1024 * 1024;

/**
 * What reading a file a window at a time shares, from disk as it is
 * (`FileWindows`) or inflating it (`GzipWindows`, gzip-windows.ts): the
 * current window, and the size and kind of the next one.
 */
export abstract class FileWindowsBase implements FileBytes {
  /** The file's length: known from its size, or (an inflated stream) once it ends. */
  protected total: number;
  protected window: Buffer = Buffer.alloc(0);
  protected start = 0;
  readonly #windowBytes: number;
  /** The size of the next window (slow start up to `#windowBytes`). */
  #nextBytes: number;
  readonly #shared: boolean;
  readonly #onWindow: ((bytes: number) => void) | undefined;
  /** Why the bytes end before the file does, for the truncation problem. */
  failure: string | undefined;

  /**
   * `shared`: each window in a SharedArrayBuffer (the read-ahead worker's,
   * which the main thread reads messages from). `onWindow`: told the size
   * of each new window.
   */
  constructor(total: number, windowBytes: number, shared: boolean, onWindow: ((bytes: number) => void) | undefined) {
    this.total = total;
    this.#windowBytes = Math.max(1, windowBytes);
    this.#nextBytes = Math.min(this.#windowBytes, FIRST_WINDOW_BYTES);
    this.#shared = shared;
    this.#onWindow = onWindow;
  }

  get length(): number {
    return this.total;
  }

  get buf(): Buffer {
    return this.window;
  }

  get base(): number {
    return this.start;
  }

  abstract get reached(): number;
  abstract ensure(at: number, n: number): boolean;
  abstract close(): void;

  /** The buffer of the next window: at least `n` bytes (at most `limit`), else the window size, doubling from 1 MiB. */
  protected nextWindow(n: number, limit = Number.MAX_SAFE_INTEGER): Buffer {
    const size = Math.min(limit, Math.max(this.#nextBytes, n));
    this.#nextBytes = Math.min(this.#windowBytes, 2 * this.#nextBytes);
    this.#onWindow?.(size);
    return this.#shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafe(size);
  }
}

/**
 * A capture file read from disk a window at a time. A window starts where
 * a record starts whose bytes the last one did not hold whole (that record
 * is read again, not copied). A read that fails, or a file that shrank
 * since its size was taken, ends the bytes there: the packet readers then
 * report a truncated file at that byte.
 */
export class FileWindows extends FileWindowsBase {
  #fd: number | undefined;
  readonly #path: string;
  /** The end of the furthest bytes asked for: how far the packet reader has got. */
  #reached = 0;

  constructor(path: string, length: number, windowBytes: number = WINDOW_BYTES, shared = false, onWindow?: (bytes: number) => void) {
    super(length, windowBytes, shared, onWindow);
    this.#path = path;
  }

  /** How far into the file the reader has got (the end of the last record it read), for a progress line. */
  get reached(): number {
    return this.#reached;
  }

  ensure(at: number, n: number): boolean {
    if (at < this.start || at + n > this.start + this.window.length) {
      if (at + n > this.total) return false;
      this.#move(at, n);
      if (at + n > this.total) return false;
    }
    if (at + n > this.#reached) this.#reached = at + n;
    return true;
  }

  /** A new window from `at`, of at least `n` bytes unless the file ends first (then the length is where it ended). */
  #move(at: number, n: number): void {
    const buf = this.nextWindow(n, this.total - at);
    let read = 0;
    try {
      this.#fd ??= openSync(this.#path, 'r');
      read = readFully(this.#fd, buf, at);
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    }
    if (read < buf.length) this.total = at + read;
    this.window = read < buf.length ? buf.subarray(0, read) : buf;
    this.start = at;
  }

  /** Closes the file; `ensure` opens it again if asked. */
  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** Reads `buf.length` bytes of the file from `position`, or fewer where it ends; how many. */
export function readFully(fd: number, buf: Buffer, position: number): number {
  let done = 0;
  while (done < buf.length) {
    const read = readSync(fd, buf, done, buf.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}
