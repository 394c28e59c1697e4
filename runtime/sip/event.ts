import { parseHeaderParams } from './header-params.js';
import { trimLws } from './lws.js';
import type { SipMessage } from './message.js';
import { parseFailure, parsedValue, type Parsed } from './parsed.js';

/** `Event: refer;id=93809824` (RFC 6665 §8.2.1, RFC 3515 §2.4.6). */
export interface EventHeader {
  /** The event package as written (`refer`, `dialog`, `presence.winfo`). */
  readonly package: string;
  readonly id: string | undefined;
  readonly params: ReadonlyMap<string, string>;
}

/** `Subscription-State: active;expires=60` or `terminated;reason=noresource` (RFC 6665 §8.2.3). */
export interface SubscriptionState {
  /** Lowercase: active, pending, terminated (or an extension value). */
  readonly state: string;
  readonly reason: string | undefined;
  readonly expires: number | undefined;
  readonly retryAfter: number | undefined;
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;

export function parseEventHeader(value: string): Parsed<EventHeader> {
  const semi = value.indexOf(';');
  const pkg = trimLws(semi < 0 ? value : value.slice(0, semi));
  if (!TOKEN.test(pkg)) return parseFailure(`Event \`${value}\` has no package name`);
  const { params } = parseHeaderParams(semi < 0 ? '' : value.slice(semi));
  return parsedValue({ package: pkg, id: params.get('id'), params });
}

export function parseSubscriptionState(value: string): Parsed<SubscriptionState> {
  const semi = value.indexOf(';');
  const state = trimLws(semi < 0 ? value : value.slice(0, semi)).toLowerCase();
  if (!TOKEN.test(state)) return parseFailure(`Subscription-State \`${value}\` has no state`);
  const { params } = parseHeaderParams(semi < 0 ? '' : value.slice(semi));
  return parsedValue({
    state,
    reason: params.get('reason')?.toLowerCase(),
    expires: seconds(params.get('expires')),
    retryAfter: seconds(params.get('retry-after')),
    params,
  });
}

function seconds(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : undefined;
}

/** The message's Event header (compact form `o`); undefined when it has none. */
export function eventOf(message: SipMessage): Parsed<EventHeader> | undefined {
  const value = message.headers.get('Event');
  return value === undefined ? undefined : parseEventHeader(value);
}

/** The message's Subscription-State header; undefined when it has none. */
export function subscriptionStateOf(message: SipMessage): Parsed<SubscriptionState> | undefined {
  const value = message.headers.get('Subscription-State');
  return value === undefined ? undefined : parseSubscriptionState(value);
}
