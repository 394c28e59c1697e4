import type { CSeq } from './cseq.js';
import type { SipHeaders } from './headers.js';
import type { NameAddr } from './name-addr.js';
import type { Via } from './via.js';

/**
 * What every readable SIP message has. The fields below are read and
 * validated when the message is parsed, because simulate needs them for
 * every message (dialogs by Call-ID and tags, transactions by branch and
 * CSeq); everything else stays text in `headers`.
 */
interface SipMessageCommon {
  readonly headers: SipHeaders;
  readonly callId: string;
  readonly cseq: CSeq;
  readonly from: NameAddr;
  readonly to: NameAddr;
  /** Every Via element, topmost first. */
  readonly via: readonly Via[];
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
