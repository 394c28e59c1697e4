import type { CSeq } from './cseq.js';
import type { MessageText } from './message-text.js';
import { SipHeaders } from './headers.js';
import type { SipMessage, SipRequest, SipResponse } from './message.js';
import { acceptedNameAddr, nameAddrFromBytes, taggedNameAddrFromBytes, type NameAddr } from './name-addr.js';
import { parseVia, type Via } from './via.js';

/** Where a parsed message lies in its input: what the getters below read from when first asked. */
export interface MessageSource {
  readonly buf: Buffer;
  readonly text: MessageText;
  /** First byte of the start line. */
  readonly start: number;
  /** The header lines are `buf[headersFrom, headersEnd)`. */
  readonly headersFrom: number;
  readonly headersEnd: number;
  readonly bodyStart: number;
  /** Just past the body. */
  readonly end: number;
  /** The first Content-Type value's bytes; `typeAt` -1 when there is none, -2 when the parser did not note it. */
  readonly typeAt: number;
  readonly typeEnd: number;
  /** From and To values: their bytes, or their text when it was folded or only `parseNameAddr` could check it. */
  readonly fromAt: number;
  readonly fromEnd: number;
  readonly fromText: string | undefined;
  readonly toAt: number;
  readonly toEnd: number;
  readonly toText: string | undefined;
  /**
   * Where the parser found the From and To tags when it read the value on
   * its bytes (`*TagAt` -1: no tag), so that reading a tag does not scan the
   * value again. -2 when not noted: the value is then scanned.
   */
  readonly fromTagAt: number;
  readonly fromTagEnd: number;
  readonly toTagAt: number;
  readonly toTagEnd: number;
}

/**
 * What request and response share: the values read up front, and memoised
 * getters for the rest. A replay reads the start line, Call-ID, CSeq and
 * branch of every message, From and To tags of most, and headers, bodies
 * and Via elements of few, so those are built only for the messages that
 * are asked.
 */
abstract class ParsedMessage {
  readonly callId: string;
  readonly cseq: CSeq;
  readonly branch: string | undefined;
  readonly #source: MessageSource;
  #from: NameAddr | undefined;
  #to: NameAddr | undefined;
  #via: readonly Via[] | undefined;
  #headers: SipHeaders | undefined;
  #body: Uint8Array | undefined;
  #bytes: Uint8Array | undefined;

  constructor(callId: string, cseq: CSeq, branch: string | undefined, source: MessageSource) {
    this.callId = callId;
    this.cseq = cseq;
    this.branch = branch;
    this.#source = source;
    this.#from = undefined;
    this.#to = undefined;
    this.#via = undefined;
    this.#headers = undefined;
    this.#body = undefined;
    this.#bytes = undefined;
  }

  get headers(): SipHeaders {
    const s = this.#source;
    return (this.#headers ??= SipHeaders.ofBytes(s.buf, s.text, s.headersFrom, s.headersEnd, s.typeAt, s.typeEnd));
  }

  get from(): NameAddr {
    const s = this.#source;
    return (this.#from ??= checkedNameAddr(s, s.fromAt, s.fromEnd, s.fromText, s.fromTagAt, s.fromTagEnd));
  }

  get to(): NameAddr {
    const s = this.#source;
    return (this.#to ??= checkedNameAddr(s, s.toAt, s.toEnd, s.toText, s.toTagAt, s.toTagEnd));
  }

  get via(): readonly Via[] {
    if (this.#via === undefined) {
      const vias: Via[] = [];
      for (const value of this.headers.getAll('via')) {
        const parsed = parseVia(value);
        if (parsed.ok) vias.push(...parsed.value);
      }
      this.#via = vias;
    }
    return this.#via;
  }

  get body(): Uint8Array {
    const s = this.#source;
    return (this.#body ??= s.buf.subarray(s.bodyStart, s.end));
  }

  get bytes(): Uint8Array {
    const s = this.#source;
    return (this.#bytes ??= s.buf.subarray(s.start, s.end));
  }

  /** Where `message` lies in its input: for a reader that ships parsed messages to another thread (runtime/trace/read-ahead-packer.ts). */
  static sourceOf(message: ParsedMessage): MessageSource {
    return message.#source;
  }
}

/** The source of a message `parseSipBytes` made; undefined for any other `SipMessage`. */
export function messageSource(message: SipMessage): MessageSource | undefined {
  return message instanceof ParsedMessage ? ParsedMessage.sourceOf(message) : undefined;
}

/** A From or To value the parser checked: from its bytes, or its text when that is what the parser kept. */
function checkedNameAddr(source: MessageSource, start: number, end: number, text: string | undefined, tagAt: number, tagEnd: number): NameAddr {
  if (text === undefined && tagAt >= -1) return taggedNameAddrFromBytes(source.buf, source.text, start, end, tagAt, tagEnd);
  const nameAddr = text === undefined ? nameAddrFromBytes(source.buf, source.text, start, end) : acceptedNameAddr(text);
  // The parser refuses messages whose From or To parseNameAddr refuses: this cannot happen.
  if (nameAddr === undefined) throw new Error(`runtime/sip: a checked name-addr no longer parses: ${text ?? source.text.latin1(start, end)}`);
  return nameAddr;
}

export class ParsedRequest extends ParsedMessage implements SipRequest {
  readonly kind = 'request';
  readonly method: string;
  readonly requestUri: string;

  constructor(method: string, requestUri: string, callId: string, cseq: CSeq, branch: string | undefined, source: MessageSource) {
    super(callId, cseq, branch, source);
    this.method = method;
    this.requestUri = requestUri;
  }
}

export class ParsedResponse extends ParsedMessage implements SipResponse {
  readonly kind = 'response';
  readonly status: number;
  readonly reason: string;

  constructor(status: number, reason: string, callId: string, cseq: CSeq, branch: string | undefined, source: MessageSource) {
    super(callId, cseq, branch, source);
    this.status = status;
    this.reason = reason;
  }
}
