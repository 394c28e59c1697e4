/**
 * Ending a call the way its phase needs (docs/simulate.md: `hangup` is BYE
 * once confirmed, CANCEL while our INVITE is unanswered, a final failure
 * while the peer's INVITE waits): `cancel` and `hangup` of the language,
 * and a session's calls ended all at once.
 */
import type { AdapterContext } from './adapter-context.js';
import { disarmDialTimeout } from './dial-timeout.js';
import { requestInDialog } from './in-dialog-request.js';
import type { PortDialog } from './port-dialog.js';
import { describeError, isDialogGone, isSocketGone } from './sip-error-status.js';

/** What an offered call still ringing gets when the flow hangs up on it. */
export const HANGUP_OFFERED_STATUS = 480;

/**
 * CANCEL our unanswered INVITE. If it has not gone out yet, it never will:
 * the send sees the request and reports the call cancelled instead.
 */
export function cancelInvite(ctx: AdapterContext, dialog: PortDialog): void {
  if (!dialog.unanswered) return;
  dialog.cancelRequested = true;
  if (!dialog.timedOut) disarmDialTimeout(ctx, dialog);
  const invite = dialog.sentInvite;
  if (invite === undefined) return;
  try {
    invite.cancel({}, (error) => {
      if (error !== null && error !== undefined) ctx.log.warn({ dialog: dialog.id, error: describeError(error) }, 'CANCEL was not sent');
    });
  } catch (error) {
    ctx.log.warn({ dialog: dialog.id, error: describeError(error) }, 'CANCEL was not sent');
  }
}

/** Final failure to the peer's INVITE the flow has not answered. */
export function rejectOffer(ctx: AdapterContext, dialog: PortDialog, status: number): void {
  const offered = dialog.dropOffer();
  if (offered !== undefined && !offered.res.finalResponseSent) {
    try {
      offered.res.send(status);
    } catch (error) {
      ctx.log.warn({ dialog: dialog.id, status, error: describeError(error) }, 'final response not sent');
    }
  }
  if (dialog.replacedSip !== undefined) {
    // The INVITE with Replaces was refused: the leg stays on the dialog it was to replace.
    const kept = dialog.replacedSip;
    dialog.replacedSip = undefined;
    dialog.sip = kept;
    dialog.phase = 'confirmed';
    return;
  }
  ctx.finish(dialog);
}

/** BYE on a confirmed dialog. The dialog counts as ended at once, so later effects on it do nothing. */
export function byeDialog(ctx: AdapterContext, dialog: PortDialog): void {
  dialog.phase = 'ended';
  dialog.run(
    async () => {
      let sent = false;
      if (dialog.sip !== undefined) {
        // destroy() also forgets the Dialog in drachtio-srf, even when its socket is gone and nothing could be sent.
        sent = await dialog.sip.destroy().then(
          () => true,
          (error: unknown) => {
            if (isSocketGone(error)) return false;
            if (!isDialogGone(error)) ctx.log.warn({ dialog: dialog.id, error: describeError(error) }, 'BYE failed');
            return true;
          },
        );
      }
      if (!sent) {
        const outcome = await requestInDialog(ctx.srf, dialog, { method: 'BYE' });
        if (outcome.kind === 'error' && !isDialogGone(outcome.error)) ctx.log.warn({ dialog: dialog.id, error: describeError(outcome.error) }, 'BYE failed');
      }
      ctx.finish(dialog);
    },
    (error) => {
      ctx.log.error({ dialog: dialog.id, error: describeError(error) }, 'BYE threw');
      ctx.finish(dialog);
    },
  );
}

/** `hangup`: whatever ends the call in its phase. Nothing when it has ended already. */
export function hangupDialog(ctx: AdapterContext, dialog: PortDialog): void {
  switch (dialog.phase) {
    case 'calling':
    case 'early':
      cancelInvite(ctx, dialog);
      return;
    case 'offered':
      rejectOffer(ctx, dialog, HANGUP_OFFERED_STATUS);
      return;
    case 'confirmed':
      byeDialog(ctx, dialog);
      return;
    case 'ended':
      return;
  }
}
