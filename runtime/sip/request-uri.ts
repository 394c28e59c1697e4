import type { SipMessage } from './message.js';
import { parseUri } from './uri.js';

/**
 * The user part of a request's Request-URI, %-escapes resolved (the number
 * or extension dialled); undefined for responses and URIs without a user.
 */
export function requestUriUserOf(message: SipMessage): string | undefined {
  if (message.kind !== 'request') return undefined;
  const uri = parseUri(message.requestUri);
  return uri.ok ? uri.value.user : undefined;
}
