/**
 * The NOTIFY that reports a REFER's progress (RFC 3515 §2.4.4-2.4.7): Event
 * refer, a message/sipfrag body holding the status line, and a subscription
 * that ends with the first final status.
 */
import type { SrfHeaders, SrfInDialogRequest } from './srf-api.js';

const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  503: 'Service Unavailable',
  603: 'Decline',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status < 200 ? 'Progress' : status < 300 ? 'OK' : 'Failed');
}

/** Seconds the implicit subscription lasts while the transfer is in progress (RFC 3515 leaves it to the notifier). */
const PROGRESS_EXPIRES = 60;

export function referNotify(status: number, eventId: string | undefined): SrfInDialogRequest {
  const headers: SrfHeaders = {
    Event: eventId === undefined ? 'refer' : `refer;id=${eventId}`,
    'Subscription-State': status >= 200 ? 'terminated;reason=noresource' : `active;expires=${PROGRESS_EXPIRES}`,
    'Content-Type': 'message/sipfrag;version=2.0',
  };
  return { method: 'NOTIFY', headers, body: `SIP/2.0 ${status} ${reasonPhrase(status)}\r\n` };
}
