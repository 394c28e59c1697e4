export { parseSipMessage, parseSipBytes, type BodyFraming } from './parse-message.js';
export type { SipMessage, SipRequest, SipResponse, SipParseResult } from './message.js';
export { SipHeaders, type HeaderField, type HeaderLine } from './headers.js';
export { headerKey } from './header-names.js';
export { splitHeaderList } from './header-list.js';
export type { Parsed } from './parsed.js';
export { parseCSeq, type CSeq } from './cseq.js';
export { parseNameAddr, type NameAddr } from './name-addr.js';
export { parseUri, uriHeader, type Uri } from './uri.js';
export { unescapePercent } from './percent-encoding.js';
export { parseVia, topViaBranch, type Via } from './via.js';
export { parseStartLine, type StartLine } from './start-line.js';
export { requestUriUserOf } from './request-uri.js';
export { parseReplaces, replacesOf, type Replaces } from './replaces.js';
export { parseReferTo, referToOf, type ReferTo } from './refer-to.js';
export {
  parseEventHeader,
  parseSubscriptionState,
  eventOf,
  subscriptionStateOf,
  type EventHeader,
  type SubscriptionState,
} from './event.js';
export { parseSipfragStatus, sipfragOf, type SipfragStatus } from './sipfrag.js';
export { parseSdpDirection, sdpOf, type SdpDirection, type SdpMedia, type SdpSummary } from './sdp-direction.js';
export { bodyOfType, mediaType } from './body-part.js';
export { frameSipStream, MAX_HEADER_BYTES, type StreamFrame } from './stream-framing.js';
export { sniffSip } from './sip-sniffing.js';
