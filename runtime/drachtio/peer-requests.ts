/**
 * The peer's requests inside an established dialog, answered by the adapter
 * and turned into leg events: BYE `hangup` (or `replaced` when a takeover
 * moved the leg away), re-INVITE `held` / `resumed`, INFO `dtmf` / `info`,
 * REFER `refer(to)` answered 202, NOTIFY `notify(status)`.
 *
 * Every request is answered here: drachtio-srf answers an in-dialog REFER
 * with 200 when nobody listens, which is wrong for REFER (202), so the
 * adapter always listens.
 */
import type { AdapterContext } from './adapter-context.js';
import type { PortDialog } from './port-dialog.js';
import { readInfo, readNotify, readRefer, type PeerReading } from './peer-request-reading.js';
import { offersHold } from './sdp-text.js';
import { describeError } from './sip-error-status.js';
import type { SrfDialog, SrfRequest, SrfResponse } from './srf-api.js';

/**
 * The port dialog each drachtio dialog serves. The listeners below are the
 * same functions for every dialog (drachtio calls them with the dialog as
 * `this`): five closures per SIP dialog were a good part of a live call's heap.
 */
const served = new WeakMap<SrfDialog, { readonly ctx: AdapterContext; readonly dialog: PortDialog }>();

export function listenToDialog(ctx: AdapterContext, dialog: PortDialog, sip: SrfDialog): void {
  served.set(sip, { ctx, dialog });
  sip.on('destroy', onBye);
  sip.on('modify', onReinvite);
  for (const method of ['info', 'refer', 'notify'] as const) sip.on(method, onRequest);
}

// A listener acts only while `sip` is still the dialog's SIP dialog (Replaces may have moved it).
function onBye(this: SrfDialog): void {
  const entry = served.get(this);
  if (entry !== undefined && entry.dialog.sip === this) peerBye(entry.ctx, entry.dialog);
}

function onReinvite(this: SrfDialog, req: SrfRequest, res: SrfResponse): void {
  const entry = served.get(this);
  if (entry === undefined) return;
  if (entry.dialog.sip === this) peerReinvite(entry.ctx, entry.dialog, req, res);
  else safeSend(entry.ctx, entry.dialog, res, 481);
}

function onRequest(this: SrfDialog, req: SrfRequest, res: SrfResponse): void {
  const entry = served.get(this);
  if (entry === undefined) return;
  if (entry.dialog.sip === this) peerRequest(entry.ctx, entry.dialog, req, res);
  else safeSend(entry.ctx, entry.dialog, res, 481);
}

/** BYE from the peer (drachtio has answered it). */
export function peerBye(ctx: AdapterContext, dialog: PortDialog): void {
  if (dialog.ended) {
    ctx.finish(dialog);
    return;
  }
  dialog.phase = 'ended';
  const successor = dialog.supersededBy === undefined ? undefined : ctx.dialogs.get(dialog.supersededBy);
  if (successor !== undefined) {
    // The peer ends the dialog our takeover replaced: the leg (now on the successor) is `replaced`.
    ctx.log.info({ dialog: dialog.id, successor: successor.id }, 'the dialog a takeover replaced has ended');
    ctx.signal(successor, { type: 'replaced' });
  } else {
    ctx.signal(dialog, { type: 'hangup' });
  }
  ctx.finish(dialog);
}

/** INFO, REFER, NOTIFY: answered at once, then the leg event. */
export function peerRequest(ctx: AdapterContext, dialog: PortDialog, req: SrfRequest, res: SrfResponse): void {
  let reading: PeerReading;
  switch (req.method) {
    case 'INFO':
      reading = readInfo(req);
      break;
    case 'REFER':
      reading = readRefer(req);
      if (reading.kind === 'signal') dialog.referEventId = cseqNumber(req);
      break;
    case 'NOTIFY':
      reading = readNotify(req);
      break;
    default:
      reading = { kind: 'answer', status: 200, note: req.method };
  }
  safeSend(ctx, dialog, res, reading.status);
  if (reading.kind === 'signal') ctx.signal(dialog, reading.signal);
  else if (reading.status >= 400) ctx.log.info({ dialog: dialog.id, method: req.method, status: reading.status, reason: reading.note }, 'peer request refused');
}

/**
 * The peer's re-INVITE: answered from the media anchor, and `held` /
 * `resumed` when it puts us on hold or takes us off (a refresh is nothing).
 * While our own re-INVITE waits, it is glare: 491 (RFC 3261 §14.2).
 */
export function peerReinvite(ctx: AdapterContext, dialog: PortDialog, req: SrfRequest, res: SrfResponse): void {
  if (dialog.reinviting) {
    safeSend(ctx, dialog, res, 491);
    return;
  }
  const remoteSdp = req.body ?? '';
  void (async () => {
    const sdp = remoteSdp.trim() === '' ? await ctx.media.reoffer(dialog.id, dialog.peerHeld ? 'recvonly' : 'sendrecv') : await ctx.media.reanswer(dialog.id, remoteSdp);
    if (typeof sdp !== 'string') {
      ctx.log.warn({ dialog: dialog.id, error: sdp.message }, 're-INVITE refused: no SDP');
      safeSend(ctx, dialog, res, 488);
      return;
    }
    safeSend(ctx, dialog, res, 200, { body: sdp, headers: { 'Content-Type': 'application/sdp' } });
    if (remoteSdp.trim() === '') return;
    const holding = offersHold(remoteSdp);
    if (holding === dialog.peerHeld) return;
    dialog.peerHeld = holding;
    ctx.signal(dialog, { type: holding ? 'held' : 'resumed' });
  })().catch((error: unknown) => {
    ctx.log.error({ dialog: dialog.id, error: describeError(error) }, 're-INVITE handling threw');
    safeSend(ctx, dialog, res, 500);
  });
}

function safeSend(ctx: AdapterContext, dialog: PortDialog, res: SrfResponse, status: number, opts?: { body: string; headers: Record<string, string> }): void {
  if (res.finalResponseSent) return;
  try {
    res.send(status, opts);
  } catch (error) {
    ctx.log.warn({ dialog: dialog.id, status, error: describeError(error) }, 'response not sent');
  }
}

function cseqNumber(req: SrfRequest): string | undefined {
  const value = req.get('CSeq');
  if (value === undefined) return undefined;
  const number = value.trim().split(/\s+/, 1)[0];
  return number === undefined || number === '' ? undefined : number;
}
