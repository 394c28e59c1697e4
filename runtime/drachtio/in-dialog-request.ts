/**
 * Sends a request inside a dialog and waits for its final response. A live
 * dialog goes through drachtio's Dialog; a dialog recovered after a restart
 * has no Dialog object, and a Dialog made before a reconnect still holds
 * the old socket: then the request names drachtio-server's dialog id and
 * goes on the current connection.
 */
import type { PortDialog } from './port-dialog.js';
import { isSocketGone } from './sip-error-status.js';
import type { SrfApi, SrfDialog, SrfInDialogRequest, SrfResponse } from './srf-api.js';

export type InDialogOutcome =
  | { readonly kind: 'response'; readonly response: SrfResponse }
  /** The request could not be sent (no dialog left to send it on, drachtio refused it). */
  | { readonly kind: 'error'; readonly error: unknown };

export async function requestInDialog(srf: SrfApi, dialog: PortDialog, request: SrfInDialogRequest): Promise<InDialogOutcome> {
  try {
    const sip = dialog.sip;
    if (sip !== undefined) {
      const outcome = await viaDialog(sip, request);
      if (outcome.kind === 'response' || !isSocketGone(outcome.error)) return outcome;
    }
    return await viaStack(srf, dialog, request);
  } catch (error) {
    return { kind: 'error', error };
  }
}

async function viaStack(srf: SrfApi, dialog: PortDialog, request: SrfInDialogRequest): Promise<InDialogOutcome> {
  const stackDialogId = dialog.stackDialogId;
  const target = dialog.coordinates?.remoteTarget;
  if (stackDialogId === undefined || target === undefined) return { kind: 'error', error: new Error(`dialog \`${dialog.id}\` is not established`) };
  return requestByStackId(srf, target, stackDialogId, request);
}

/**
 * A request in the dialog drachtio-server knows by `stackDialogId`, sent on
 * the current connection; resolves with its final response (a 2xx to an
 * INVITE ACKed, since drachtio leaves that ACK to the application).
 */
export function requestByStackId(srf: SrfApi, target: string, stackDialogId: string, request: SrfInDialogRequest): Promise<InDialogOutcome> {
  return new Promise((resolve) => {
    try {
      srf.request(target, { method: request.method, headers: request.headers ?? {}, stackDialogId, ...(request.body === undefined ? {} : { body: request.body }) }, (error, sent) => {
        if ((error !== null && error !== undefined) || sent === undefined) {
          resolve({ kind: 'error', error: error ?? new Error(`${request.method} not sent`) });
          return;
        }
        // Listening now: the response may be the next message drachtio-srf handles.
        sent.on('response', (res, ack) => {
          if (res.status < 200) return;
          if (request.method === 'INVITE') ack();
          resolve({ kind: 'response', response: res });
        });
      });
    } catch (error) {
      resolve({ kind: 'error', error });
    }
  });
}

function viaDialog(sip: SrfDialog, request: SrfInDialogRequest): Promise<InDialogOutcome> {
  return new Promise((resolve) => {
    sip.request(request, (error, res) => {
      if (error !== null && error !== undefined) resolve({ kind: 'error', error });
      else if (res.status >= 200) resolve({ kind: 'response', response: res });
    });
  });
}
