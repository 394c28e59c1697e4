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
 * How one port hears its dialogs: the same functions for every dialog it
 * serves (drachtio calls them with the dialog as `this`), which find their
 * port dialog in `served`. Five closures per SIP dialog, then a {ctx,
 * dialog} pair per dialog, were a good part of a live call's heap.
 */
interface PortListeners {
  readonly served: WeakMap<SrfDialog, PortDialog>;
  readonly onBye: (this: SrfDialog) => void;
  readonly onReinvite: (this: SrfDialog, req: SrfRequest, res: SrfResponse) => void;
  readonly onRequest: (this: SrfDialog, req: SrfRequest, res: SrfResponse) => void;
  readonly handle: (this: HandlingDialog, req: SrfRequest, res: SrfResponse) => void;
}

/**
 * drachtio-srf's Dialog as its Srf drives it: `handle` takes every request
 * inside the dialog (drachtio-srf 5: Srf calls dialog.handle; requests that
 * arrive while our re-INVITE waits are queued, `_queueRequests`, and
 * handled again later through `handle`).
 */
interface HandlingDialog extends SrfDialog {
  handle(req: SrfRequest, res: SrfResponse): void;
  readonly _queueRequests?: boolean;
}

const listenersOf = new WeakMap<AdapterContext, PortListeners>();

export function listenToDialog(ctx: AdapterContext, dialog: PortDialog, sip: SrfDialog): void {
  let listeners = listenersOf.get(ctx);
  if (listeners === undefined) listenersOf.set(ctx, (listeners = listenersFor(ctx)));
  listeners.served.set(sip, dialog);
  sip.on('destroy', listeners.onBye);
  sip.on('modify', listeners.onReinvite);
  const handling = sip as HandlingDialog;
  if (typeof handling.handle === 'function') {
    // INFO, REFER and NOTIFY taken before drachtio-srf's handle rather than by three more
    // listeners: each event name is an entry in the dialog's listener table, and those
    // three cost ~450 bytes a held call (two dialogs) in the live benchmark.
    handling.handle = listeners.handle;
  } else {
    for (const method of ['info', 'refer', 'notify'] as const) sip.on(method, listeners.onRequest);
  }
}

// A listener acts only while `sip` is still the dialog's SIP dialog (Replaces may have moved it).
function listenersFor(ctx: AdapterContext): PortListeners {
  const served = new WeakMap<SrfDialog, PortDialog>();
  function onRequest(this: SrfDialog, req: SrfRequest, res: SrfResponse): void {
    const dialog = served.get(this);
    if (dialog === undefined) return;
    if (dialog.sip === this) peerRequest(ctx, dialog, req, res);
    else safeSend(ctx, dialog, res, 481);
  }
  return {
    served,
    onBye(this: SrfDialog): void {
      const dialog = served.get(this);
      if (dialog !== undefined && dialog.sip === this) peerBye(ctx, dialog);
    },
    onReinvite(this: SrfDialog, req: SrfRequest, res: SrfResponse): void {
      const dialog = served.get(this);
      if (dialog === undefined) return;
      if (dialog.sip === this) peerReinvite(ctx, dialog, req, res);
      else safeSend(ctx, dialog, res, 481);
    },
    onRequest,
    handle(this: HandlingDialog, req: SrfRequest, res: SrfResponse): void {
      const own = (Object.getPrototypeOf(this) as HandlingDialog).handle;
      if (this._queueRequests === true || !PEER_METHODS.has(req.method)) {
        own.call(this, req, res);
        return;
      }
      // As drachtio-srf does: NOTIFY at once, INFO and REFER on the next turn.
      if (req.method === 'NOTIFY') onRequest.call(this, req, res);
      else setImmediate(() => onRequest.call(this, req, res));
    },
  };
}

/** The requests taken before drachtio-srf's handle: what it would emit as 'info', 'refer', 'notify'. */
const PEER_METHODS: ReadonlySet<string> = new Set(['INFO', 'REFER', 'NOTIFY']);

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
