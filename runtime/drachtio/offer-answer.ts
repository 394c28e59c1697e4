/**
 * `answer`: 200 OK to the peer's INVITE with the media anchor's answer.
 * When that INVITE replaced one of our dialogs (RFC 3891), the old dialog
 * gets its BYE once the new one is up, and the media already in place takes
 * the new peer's offer.
 */
import type { AdapterContext } from './adapter-context.js';
import type { PortDialog } from './port-dialog.js';
import { describeError } from './sip-error-status.js';
import type { SrfDialog, SrfHeaders } from './srf-api.js';

export function answerOffer(ctx: AdapterContext, dialog: PortDialog): void {
  dialog.run(
    async () => {
      const offered = dialog.offered;
      if (offered === undefined || dialog.phase !== 'offered') return; // cancelled meanwhile
      const owner = dialog.owner;
      if (owner === undefined) return;
      const remoteSdp = offered.req.body ?? '';
      const replacing = dialog.replacedSip;
      const sdp = replacing === undefined ? await ctx.media.answer(owner, dialog.id, remoteSdp) : await ctx.media.reanswer(dialog.id, remoteSdp);
      if (typeof sdp !== 'string') {
        ctx.failed(dialog, { kind: 'answer' }, `no answer SDP: ${sdp.message}`, 488);
        if (dialog.phase === 'offered') {
          offered.res.send(488);
          dialog.dropOffer();
          if (replacing === undefined) ctx.finish(dialog);
        }
        return;
      }
      if (dialog.phase !== 'offered') return; // the caller cancelled while the media was prepared
      await new Promise<void>((resolve, reject) => {
        const answer = new UasAnswer(ctx, dialog, sdp, resolve, reject);
        ctx.srf.createUAS(offered.req, offered.res, answer.opts, answer.done);
      });
      if (replacing !== undefined) {
        dialog.replacedSip = undefined;
        // RFC 3891 §3: the replaced dialog ends once the replacement is accepted.
        await replacing.destroy().catch((error: unknown) => ctx.log.warn({ dialog: dialog.id, error: describeError(error) }, 'BYE of the replaced dialog failed'));
      }
    },
    (error) => {
      // createUAS rejects when the caller cancelled at the last moment or drachtio lost the transaction.
      ctx.log.warn({ dialog: dialog.id, error: describeError(error) }, 'answer failed');
      if (dialog.phase === 'offered') {
        ctx.failed(dialog, { kind: 'answer' }, `answer failed: ${describeError(error)}`);
        ctx.signal(dialog, { type: 'hangup' });
        dialog.dropOffer();
        ctx.finish(dialog);
      }
    },
  );
}

/**
 * createUAS's callback. drachtio-srf keeps it for the dialog's life (its
 * listeners on the request close over it): it holds this small object,
 * emptied once called, rather than the answer's scope — the offer with its
 * CANCEL listener, the SDP, a promise and its resolvers (~300 bytes a held
 * call in the live benchmark).
 */
class UasAnswer {
  /**
   * createUAS's options, which drachtio-srf keeps as long as the dialog. The
   * answer goes from them once sent: the dialog holds the SDP as sent (~230
   * bytes a dialog in the live benchmark).
   */
  readonly opts: { localSdp: string; readonly headers: SrfHeaders };
  private ctx: AdapterContext | undefined;
  private dialog: PortDialog | undefined;
  private resolve: (() => void) | undefined;
  private reject: ((error: unknown) => void) | undefined;

  constructor(ctx: AdapterContext, dialog: PortDialog, sdp: string, resolve: () => void, reject: (error: unknown) => void) {
    this.opts = { localSdp: sdp, headers: { 'Content-Type': 'application/sdp' } };
    this.ctx = ctx;
    this.dialog = dialog;
    this.resolve = resolve;
    this.reject = reject;
  }

  readonly done = (error: unknown, sip: SrfDialog | undefined): void => {
    const { ctx, dialog, resolve, reject } = this;
    this.ctx = undefined;
    this.dialog = undefined;
    this.resolve = undefined;
    this.reject = undefined;
    this.opts.localSdp = '';
    if (ctx === undefined || dialog === undefined || resolve === undefined || reject === undefined) return;
    if (sip === undefined || (error !== null && error !== undefined)) {
      reject(error ?? new Error('createUAS gave no dialog'));
      return;
    }
    // Called while drachtio-srf still handles the 200 it sent: a BYE that came in the
    // same read from drachtio-server is handled right after, so the listeners go on now.
    dialog.dropOffer();
    dialog.phase = 'confirmed';
    dialog.sip = sip;
    // Read from `sip` when asked (the replaced dialog's until now).
    dialog.coordinates = undefined;
    dialog.stackDialogId = sip.id;
    ctx.established(dialog, sip);
    resolve();
  };
}
