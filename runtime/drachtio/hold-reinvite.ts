/**
 * `hold` and `unhold`: a re-INVITE whose SDP says sendonly or sendrecv
 * (docs/simulate.md: what simulate expects of them). A 491 is glare: the
 * peer sent its own re-INVITE at the same moment, and ours goes again after
 * the RFC 3261 §14.1 wait, a few times at most.
 */
import type { SdpDirection } from '../sip/sdp-direction.js';
import type { AdapterContext } from './adapter-context.js';
import { GLARE_RETRIES, glareDelay } from './glare-timing.js';
import { requestInDialog } from './in-dialog-request.js';
import type { PortDialog } from './port-dialog.js';
import { peerBye } from './peer-requests.js';
import { describeError, isDialogGone } from './sip-error-status.js';

export function reinviteDirection(ctx: AdapterContext, dialog: PortDialog, direction: SdpDirection): void {
  const effect = { kind: direction === 'sendrecv' ? 'unhold' : 'hold' } as const;
  dialog.run(
    async () => {
      if (dialog.phase !== 'confirmed') return;
      const sdp = await ctx.media.reoffer(dialog.id, direction);
      if (typeof sdp !== 'string') {
        ctx.failed(dialog, effect, `no SDP for the re-INVITE: ${sdp.message}`);
        return;
      }
      for (let attempt = 0; ; attempt++) {
        if (dialog.phase !== 'confirmed') return;
        const status = await reinvite(ctx, dialog, sdp);
        if (status === 200) return;
        // 481: the peer has no such dialog any more (RFC 3261 §12.2.1.2): the call is over.
        if (status === 'gone' || status === 481) {
          gone(ctx, dialog);
          return;
        }
        if (status === 491 && attempt < GLARE_RETRIES) {
          const delay = glareDelay(dialog.direction === 'outbound', ctx.glare.random());
          ctx.log.info({ dialog: dialog.id, attempt: attempt + 1, delayMs: delay }, 're-INVITE glare (491): retrying');
          await ctx.glare.wait(delay);
          continue;
        }
        ctx.failed(dialog, effect, typeof status === 'number' ? `re-INVITE answered ${status}` : `re-INVITE failed: ${status.message}`, typeof status === 'number' ? status : undefined);
        return;
      }
    },
    (error) => ctx.failed(dialog, effect, `re-INVITE threw: ${describeError(error)}`),
  );
}

/** 200, the failure status, `gone` when drachtio-server has no such dialog, or the error. */
async function reinvite(ctx: AdapterContext, dialog: PortDialog, sdp: string): Promise<number | 'gone' | { readonly message: string }> {
  dialog.reinviting = true;
  try {
    const outcome = await requestInDialog(ctx.srf, dialog, { method: 'INVITE', body: sdp, headers: { 'Content-Type': 'application/sdp' } });
    if (outcome.kind === 'error') return isDialogGone(outcome.error) ? 'gone' : { message: describeError(outcome.error) };
    const status = outcome.response.status;
    return status >= 200 && status < 300 ? 200 : status;
  } finally {
    dialog.reinviting = false;
  }
}

/** drachtio-server no longer knows the dialog (it restarted): for the flow, the peer is gone. */
export function gone(ctx: AdapterContext, dialog: PortDialog): void {
  if (dialog.ended) return;
  if (dialog.supersededBy !== undefined) {
    // The dialog a takeover replaced: its peer ended it, as RFC 3891 has it, while nobody
    // listened (flowc was restarting). That is the leg's `replaced`, not a lost call.
    peerBye(ctx, dialog);
    return;
  }
  ctx.log.warn({ dialog: dialog.id }, 'drachtio-server no longer knows this dialog: the call is lost');
  dialog.phase = 'ended';
  ctx.signal(dialog, { type: 'hangup' });
  ctx.finish(dialog);
  if (dialog.owner !== undefined) ctx.dialogLost?.(dialog.owner, dialog.id);
}
