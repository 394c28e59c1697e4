/**
 * Our INVITE for `dial` and `takeover`: the offer from the media anchor,
 * createUAC with the flow's headers, provisional answers as `ringing` /
 * `early`, the final answer as `answered` or `failed(status)`, the dial
 * timeout from the moment the INVITE is out, and CANCEL whenever asked.
 *
 * Only sending waits in the dialog's queue: the answer may take a minute,
 * and a CANCEL must not wait behind it.
 */
import type { PortFailure } from '../ports/port-failure.js';
import type { AdapterContext } from './adapter-context.js';
import { armDialTimeout, disarmDialTimeout } from './dial-timeout.js';
import { failureSignal, provisionalSignal } from './invite-outcome.js';
import type { LaterEffect } from './later-failure.js';
import type { PortDialog } from './port-dialog.js';
import { describeError, sipErrorStatus } from './sip-error-status.js';
import type { SrfDialog, SrfHeaders, SrfUacProgress } from './srf-api.js';

/** RFC 3261 §8.1.3.1: a request that cannot reach the transport fails as a 503 would. */
export const UNSENT_STATUS = 503;

export interface OutgoingInvite {
  readonly to: string;
  readonly headers: SrfHeaders;
  readonly timeoutMs?: number;
  readonly effect: LaterEffect;
  /** The SDP to offer (a fresh endpoint for `dial`, the taken-over dialog's for `takeover`). */
  offer(): Promise<string | PortFailure>;
  /** The INVITE failed: undo what `offer` moved (takeover gives the media back). */
  undo?(): void;
}

export function sendInvite(ctx: AdapterContext, dialog: PortDialog, invite: OutgoingInvite): void {
  dialog.run(
    () => send(ctx, dialog, invite),
    (error) => unsent(ctx, dialog, invite, `INVITE threw: ${describeError(error)}`),
  );
}

async function send(ctx: AdapterContext, dialog: PortDialog, invite: OutgoingInvite): Promise<void> {
  const sdp = await invite.offer();
  if (typeof sdp !== 'string') {
    unsent(ctx, dialog, invite, `no offer for the INVITE: ${sdp.message}`);
    return;
  }
  if (dialog.cancelRequested) {
    // Cancelled before it went out: nothing to CANCEL, the call is simply cancelled.
    invite.undo?.();
    ctx.signal(dialog, failureSignal(487, dialog));
    ctx.finish(dialog);
    return;
  }
  let call: UacCall | undefined;
  // Not a field of the call: drachtio-srf keeps the call for the dialog's life, the promise is over once sent.
  const sent = new Promise<void>((resolve) => (call = new UacCall(ctx, dialog, invite, sdp, resolve)));
  if (call === undefined) return;
  try {
    ctx.srf.createUAC(invite.to, call.opts, call.progress, call.outcome);
  } catch (error) {
    unsent(ctx, dialog, invite, `INVITE not sent: ${describeError(error)}`);
    return;
  }
  await sent;
}

/**
 * The callbacks of one createUAC. drachtio-srf keeps them (and the options)
 * for as long as the dialog lives: they hold this small object, which lets
 * go of the flow's request once the INVITE has its final answer, rather than
 * a closure scope with the request, its headers and the offer.
 */
class UacCall {
  /**
   * createUAC's options. The offer goes from them at the final answer:
   * drachtio-srf reads it only to send the INVITE (and to answer an UPDATE
   * inside the INVITE's transaction), and keeps the options for the
   * dialog's life, while the dialog holds the SDP as sent (~230 bytes a
   * dialog in the live benchmark).
   */
  readonly opts: { readonly headers: SrfHeaders; localSdp: string };
  private invite: OutgoingInvite | undefined;
  private dialog: PortDialog | undefined;
  /** Resolves send()'s promise; let go of once called. */
  private sent: (() => void) | undefined;

  constructor(
    private readonly ctx: AdapterContext,
    dialog: PortDialog,
    invite: OutgoingInvite,
    sdp: string,
    sent: () => void,
  ) {
    this.opts = { headers: invite.headers, localSdp: sdp };
    this.dialog = dialog;
    this.invite = invite;
    this.sent = sent;
  }

  private markSent(): void {
    const sent = this.sent;
    this.sent = undefined;
    sent?.();
  }

  readonly progress: SrfUacProgress = {
    cbRequest: (error, req) => {
      this.markSent();
      const dialog = this.dialog;
      if (error !== null && error !== undefined) return; // the outcome says so too
      if (req === undefined || dialog === undefined) return;
      dialog.sentInvite = req;
      const timeoutMs = this.invite?.timeoutMs;
      if (timeoutMs !== undefined && !dialog.cancelRequested) armDialTimeout(this.ctx, dialog, timeoutMs);
      if (dialog.cancelRequested) {
        try {
          req.cancel({}, () => undefined);
        } catch (cancelError) {
          this.ctx.log.warn({ dialog: dialog.id, error: describeError(cancelError) }, 'CANCEL was not sent');
        }
      }
    },
    cbProvisional: (res) => {
      const dialog = this.dialog;
      if (dialog === undefined || !dialog.unanswered) return;
      if (res.status > 100) dialog.phase = 'early';
      const signal = provisionalSignal(res.status);
      if (signal !== undefined) this.ctx.signal(dialog, signal);
    },
  };

  readonly outcome = (error: unknown, sip: SrfDialog | undefined): void => {
    const { ctx, dialog, invite } = this;
    this.dialog = undefined;
    this.invite = undefined;
    this.opts.localSdp = '';
    if (dialog === undefined || invite === undefined) return;
    if (sip !== undefined && (error === null || error === undefined)) {
      // Called while drachtio-srf still handles the 200: the dialog's listeners go on now.
      confirmed(ctx, dialog, sip).catch((thrown: unknown) => ctx.log.error({ dialog: dialog.id, error: describeError(thrown) }, 'answered call not set up'));
      return;
    }
    this.markSent();
    failed(ctx, dialog, invite, error);
  };
}

async function confirmed(ctx: AdapterContext, dialog: PortDialog, sip: SrfDialog): Promise<void> {
  disarmDialTimeout(ctx, dialog);
  dialog.sentInvite = undefined;
  if (dialog.cancelRequested || dialog.ended) {
    // The 200 crossed our CANCEL: the call is up, and the flow no longer wants it.
    await sip.destroy().catch(() => undefined);
    if (!dialog.ended) ctx.signal(dialog, failureSignal(487, dialog));
    ctx.finish(dialog);
    return;
  }
  dialog.phase = 'confirmed';
  dialog.sip = sip;
  // Read from `sip` when asked (a takeover's dialog has none before).
  dialog.coordinates = undefined;
  dialog.stackDialogId = sip.id;
  // The peer may hang up (or re-INVITE) before the media has taken the answer: what it
  // says waits until the flow has heard `answered`, so the leg never hangs up unanswered.
  dialog.heldSignals = [];
  try {
    ctx.established(dialog, sip);
    const media = await ctx.media.answered(dialog.id, sip.remote.sdp ?? '');
    if (media !== undefined) ctx.log.warn({ dialog: dialog.id, error: media.message }, 'media did not take the answer');
  } finally {
    const held = dialog.heldSignals;
    dialog.heldSignals = undefined;
    ctx.signal(dialog, { type: 'answered' });
    for (const signal of held) ctx.signal(dialog, signal);
  }
}

function failed(ctx: AdapterContext, dialog: PortDialog, invite: OutgoingInvite, error: unknown): void {
  disarmDialTimeout(ctx, dialog);
  dialog.sentInvite = undefined;
  if (dialog.ended) return;
  const status = sipErrorStatus(error);
  if (status === undefined) {
    unsent(ctx, dialog, invite, `INVITE failed: ${describeError(error)}`);
    return;
  }
  invite.undo?.();
  ctx.signal(dialog, failureSignal(status, dialog));
  ctx.finish(dialog);
}

/** The INVITE never reached a peer: a failed effect for the record, and `failed(503)` so the flow moves on. */
function unsent(ctx: AdapterContext, dialog: PortDialog, invite: OutgoingInvite, message: string): void {
  disarmDialTimeout(ctx, dialog);
  if (dialog.ended) return;
  invite.undo?.();
  ctx.failed(dialog, invite.effect, message, UNSENT_STATUS);
  ctx.signal(dialog, { type: 'failed', status: UNSENT_STATUS });
  ctx.finish(dialog);
}
