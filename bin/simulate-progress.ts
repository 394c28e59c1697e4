/**
 * A progress line on stderr for long traces: `reading big.pcap  43%
 * (120512 messages)`, rewritten in place, then `replaying ...`, and erased
 * when the trace is done so the report starts on a clean line. Only on a
 * terminal (a log file must not collect carriage returns) and only for
 * large files (a small one is done before the line could be read).
 */

/** Traces smaller than this finish in well under a second: no progress line. */
export const PROGRESS_MIN_BYTES = 2 * 1024 * 1024;
/** Redraw at most this often. */
const REDRAW_MS = 100;

export interface ProgressSink {
  /** Reading: `done` of `total` (when known; frames, or bytes of a capture read from disk), `messages` items read so far. */
  reading(done: number, total: number | undefined, messages: number): void;
  replaying(items: number): void;
  done(): void;
}

export const NO_PROGRESS: ProgressSink = { reading: () => undefined, replaying: () => undefined, done: () => undefined };

export function progressLine(stream: NodeJS.WriteStream, name: string): ProgressSink {
  let last = 0;
  let shown = false;
  const draw = (text: string, force: boolean): void => {
    const now = Date.now();
    if (!force && now - last < REDRAW_MS) return;
    last = now;
    shown = true;
    // \r and "erase line": the line is rewritten where it stands.
    stream.write(`\r\u001b[2K${text}`);
  };
  return {
    reading(done, total, messages) {
      const percent = total === undefined || total === 0 ? '' : `${Math.min(100, Math.floor((done / total) * 100))}%  `;
      draw(`reading ${name}  ${percent}(${messages} messages)`, false);
    },
    replaying(items) {
      draw(`replaying ${name}  (${items} items)`, true);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
