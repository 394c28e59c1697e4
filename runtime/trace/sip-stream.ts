import type { SipMessage } from '../sip/message.js';
import { parseSipBytes } from '../sip/parse-message.js';
import { sniffSip } from '../sip/sip-sniffing.js';
import { frameSipStream } from '../sip/stream-framing.js';

export interface SipStreamOutput {
  message(message: SipMessage): void;
  problem(severity: 'error' | 'warning', reason: string): void;
}

type Mode = 'unknown' | 'sip' | 'other' | 'resync';

/**
 * Cuts one direction of a reassembled TCP stream into SIP messages
 * (Content-Length framing, RFC 3261 §18.3): several messages in one
 * segment, one message over several segments. After garbage or lost bytes
 * it resynchronises on the next line that looks like a start line.
 */
export class SipStreamFramer {
  #buffered: Buffer | undefined;
  #mode: Mode = 'unknown';
  readonly #onSipPort: () => boolean;

  /** `onSipPort` says whether the stream uses a SIP port, which decides whether non-SIP data is worth a warning. */
  constructor(onSipPort: () => boolean) {
    this.#onSipPort = onSipPort;
  }

  get carriesSip(): boolean {
    return this.#mode === 'sip' || this.#mode === 'resync';
  }

  push(bytes: Buffer, out: SipStreamOutput): void {
    if (this.#mode === 'other') return;
    const work = this.#buffered === undefined ? bytes : Buffer.concat([this.#buffered, bytes]);
    this.#buffered = undefined;
    let pos = 0;
    while (pos < work.length) {
      if (this.#mode !== 'sip') {
        const found = this.#findStart(work, pos, out);
        if (found === undefined) return;
        if (found === -1) {
          this.#keep(work, pos);
          return;
        }
        pos = found;
        this.#mode = 'sip';
      }
      const sniffed = sniffSip(work, pos, work.length);
      if (sniffed === 'unknown') break;
      if (sniffed === 'not-sip') {
        this.#mode = 'resync';
        out.problem('warning', 'non-SIP bytes in a SIP stream; skipping to the next start line');
        continue;
      }
      const frame = frameSipStream(work, pos, work.length);
      if (frame.kind === 'need-more') {
        pos = frame.start;
        break;
      }
      if (frame.kind === 'invalid') {
        out.problem('error', `SIP stream cannot be framed: ${frame.reason}`);
        this.#mode = 'resync';
        // Resume at the next line: the start line that was just framed would match again.
        const nl = work.indexOf(0x0a, frame.start);
        pos = nl < 0 ? work.length : nl + 1;
        continue;
      }
      const parsed = parseSipBytes(work, frame.start, frame.end, 'exact');
      if (parsed.ok) out.message(parsed.message);
      else out.problem('error', `SIP message does not parse: ${parsed.reason}`);
      pos = frame.end;
    }
    this.#keep(work, pos);
  }

  /** Bytes were lost before the capture saw them: drop the partial message they belonged to. */
  gap(missing: number, out: SipStreamOutput): void {
    if (!this.carriesSip) {
      this.#buffered = undefined;
      return;
    }
    const partial = this.#buffered?.length ?? 0;
    out.problem(
      'error',
      `${missing} bytes of the TCP stream are missing from the capture` + (partial > 0 ? `; dropped a partial SIP message of ${partial} bytes` : ''),
    );
    this.#buffered = undefined;
    this.#mode = 'resync';
  }

  /** The stream ended (FIN, RST or end of capture). */
  end(out: SipStreamOutput): void {
    const partial = this.#buffered?.length ?? 0;
    if (partial > 0 && this.carriesSip) out.problem('error', `TCP stream ended inside a SIP message (${partial} bytes unread)`);
    this.#buffered = undefined;
  }

  /** A new connection on the same addresses: start over. */
  reset(): void {
    this.#buffered = undefined;
    this.#mode = 'unknown';
  }

  /**
   * Where the next SIP start line begins at or after `pos`: an index, -1 to
   * wait for more bytes, undefined when the stream turned out not to be SIP.
   */
  #findStart(work: Buffer, pos: number, out: SipStreamOutput): number | undefined {
    const first = sniffSip(work, pos, work.length);
    if (first === 'sip') return pos;
    if (first === 'unknown') return -1;
    if (this.#mode === 'unknown') {
      if (!this.#onSipPort()) {
        this.#mode = 'other';
        return undefined;
      }
      out.problem('warning', 'TCP stream on a SIP port does not start with a SIP message; looking for one');
      this.#mode = 'resync';
    }
    let nl = work.indexOf(0x0a, pos);
    while (nl >= 0) {
      const sniffed = sniffSip(work, nl + 1, work.length);
      if (sniffed === 'sip') return nl + 1;
      if (sniffed === 'unknown') {
        this.#keep(work, nl + 1);
        return undefined;
      }
      nl = work.indexOf(0x0a, nl + 1);
    }
    return undefined;
  }

  #keep(work: Buffer, from: number): void {
    this.#buffered = from < work.length ? work.subarray(from) : undefined;
  }
}
