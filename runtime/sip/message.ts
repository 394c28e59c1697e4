import type { CSeq } from './cseq.js';
import type { SipHeaders } from './headers.js';
import type { NameAddr } from './name-addr.js';
import type { Via } from './via.js';

/**
 * What every readable SIP message has. A message that parses has been
 * checked whole (start line, Call-ID, CSeq, From, To, every Via,
 * Content-Length: see parse-message.ts), but only what a replay reads for
 * every message is taken out of the bytes up front — the start line,
 * Call-ID, CSeq and the top Via branch. From, To, Via, the headers, body
 * and bytes are read when first asked and then kept (parsed-message.ts).
 */
interface SipMessageCommon {
  readonly headers: SipHeaders;
  readonly callId: string;
  readonly cseq: CSeq;
  readonly from: NameAddr;
  readonly to: NameAddr;
  /** Every Via element, topmost first. */
  readonly via: readonly Via[];
  /**
   * The `branch` parameter of the topmost Via as written (`via[0]?.branch`),
   * kept apart because transactions are told apart by it for every message
   * (`topViaBranch` applies the RFC 3261 magic-cookie rule to it).
   */
  readonly branch: string | undefined;
  /** The body octets (a view into `bytes`, never a copy). */
  readonly body: Uint8Array;
  /** The whole message as received, start line to the end of the body (a view, never a copy). */
  readonly bytes: Uint8Array;
}

export interface SipRequest extends SipMessageCommon {
  readonly kind: 'request';
  readonly method: string;
  /** As written on the request line; `parseUri` reads it. */
  readonly requestUri: string;
}

export interface SipResponse extends SipMessageCommon {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;

export type SipParseResult =
  | { readonly ok: true; readonly message: SipMessage }
  | {
      readonly ok: false;
      readonly reason: string;
      /** Byte offset of the offending line or field within the input, when known. */
      readonly offset?: number;
    };
