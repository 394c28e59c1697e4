/**
 * A new INVITE from a peer. With Replaces (RFC 3891) it names one of our
 * dialogs: the leg on that dialog moves to the new INVITE, hears `replaced`,
 * and the flow answers it (or not); an unknown dialog is 481, a confirmed
 * one with `early-only` 486. Without Replaces, the application's handler
 * decides which flow takes the call (or refuses it).
 */
import { parseReplaces } from '../sip/replaces.js';
import { parseUri } from '../sip/uri.js';
import type { AdapterContext } from './adapter-context.js';
import type { IncomingCall, IncomingCallHandler } from './incoming-call.js';
import { PortDialog } from './port-dialog.js';
import { onUnmatchedRequest } from './recovered-dialogs.js';
import { headerOf } from './sip-header.js';
import { describeError } from './sip-error-status.js';
import type { SrfRequest, SrfResponse } from './srf-api.js';

export interface InviteIntake {
  readonly ctx: AdapterContext;
  readonly handler: IncomingCallHandler | undefined;
  newId(): string;
}

export function onInvite(intake: InviteIntake, req: SrfRequest, res: SrfResponse): void {
  const { ctx } = intake;
  try {
    if (/;\s*tag=/i.test(headerOf(req, 'To') ?? '')) {
      // A re-INVITE on a dialog drachtio-srf has no object for: one recovered after a restart, or none.
      onUnmatchedRequest(ctx, req, res);
      return;
    }
    const replaces = req.get('Replaces');
    if (replaces !== undefined) replaceDialog(ctx, replaces, req, res);
    else offerCall(intake, req, res);
  } catch (error) {
    ctx.log.error({ error: describeError(error) }, 'new INVITE handling threw');
    if (!res.finalResponseSent) res.send(500);
  }
}

function replaceDialog(ctx: AdapterContext, value: string, req: SrfRequest, res: SrfResponse): void {
  const replaces = parseReplaces(value);
  if (!replaces.ok) {
    ctx.log.info({ replaces: value, reason: replaces.reason }, 'INVITE with an unreadable Replaces');
    res.send(400);
    return;
  }
  const { callId, toTag, fromTag, earlyOnly } = replaces.value;
  const dialog = ctx.dialogs.findByTags(callId, toTag, fromTag);
  if (dialog === undefined || dialog.phase !== 'confirmed' || dialog.sip === undefined) {
    res.send(481);
    return;
  }
  if (earlyOnly) {
    res.send(486);
    return;
  }
  // The leg keeps its dialog id; the id now stands for the new INVITE, the old SIP dialog waits for its BYE.
  dialog.replacedSip = dialog.sip;
  dialog.sip = undefined;
  dialog.phase = 'offered';
  offer(ctx, dialog, req, res);
  ctx.log.info({ dialog: dialog.id, callId: headerOf(req, 'Call-ID') }, 'INVITE with Replaces takes over the dialog');
  ctx.signal(dialog, { type: 'replaced' });
}

/** Status while no application takes calls (starting, draining). */
export const NOT_TAKING_CALLS = 503;

function offerCall(intake: InviteIntake, req: SrfRequest, res: SrfResponse): void {
  const { ctx, handler } = intake;
  if (handler === undefined) {
    res.send(NOT_TAKING_CALLS);
    return;
  }
  const dialog = new PortDialog(intake.newId(), 'inbound', undefined, 'offered');
  offer(ctx, dialog, req, res);
  ctx.dialogs.add(dialog);
  let decided = false;
  const target = parseUri(req.uri);
  const call: IncomingCall = {
    dialogId: dialog.id,
    callId: headerOf(req, 'Call-ID') ?? '',
    requestUri: req.uri,
    requestUser: target.ok ? target.value.user : undefined,
    header: (name) => headerOf(req, name),
    accept: (owner) => {
      decided = true;
      dialog.owner = owner;
    },
    reject: (status) => {
      decided = true;
      if (!res.finalResponseSent) res.send(status);
      dialog.dropOffer();
      ctx.finish(dialog);
    },
  };
  handler(call);
  if (!decided) {
    ctx.log.error({ dialog: dialog.id }, 'the call handler neither accepted nor rejected the INVITE');
    call.reject(500);
  }
}

/**
 * The INVITE waits for the flow's answer; the caller may give up meanwhile:
 * `cancelled` (drachtio has answered the CANCEL; the INVITE gets its 487
 * here). The listener goes when the offer does (PortDialog.dropOffer).
 */
function offer(ctx: AdapterContext, dialog: PortDialog, req: SrfRequest, res: SrfResponse): void {
  const cancelled = (): void => {
    const offered = dialog.offered;
    if (dialog.phase !== 'offered' || offered === undefined || offered.req !== req) return;
    dialog.dropOffer();
    if (!offered.res.finalResponseSent) {
      try {
        offered.res.send(487);
      } catch (error) {
        ctx.log.debug({ dialog: dialog.id, error: describeError(error) }, '487 not sent');
      }
    }
    if (dialog.replacedSip !== undefined) {
      // The replacing call gave up: the leg stays on the dialog it was to replace.
      dialog.sip = dialog.replacedSip;
      dialog.replacedSip = undefined;
      dialog.phase = 'confirmed';
      return;
    }
    dialog.phase = 'ended';
    ctx.signal(dialog, { type: 'cancelled' });
    ctx.finish(dialog);
  };
  dialog.offered = { req, res, cancelled };
  req.on('cancel', cancelled);
}
