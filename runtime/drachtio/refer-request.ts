/**
 * Our REFER: blind (`refer leg to uri`, Refer-To the URI) or attended
 * (`refer leg to other replacing`, Refer-To the other dialog's peer with
 * `?Replaces=` escaped per RFC 3891/5589), with Referred-By (RFC 3892). Sent
 * through `dialog.request()`: drachtio's `dialog.refer()` shortcut throws.
 * A 2xx is `referAccepted`, a failure `referRejected(status)`; the NOTIFYs
 * that follow are the peer's requests (`notify(status)`).
 */
import type { AdapterContext } from './adapter-context.js';
import type { DialogCoordinates } from './dialog-coordinates.js';
import { requestInDialog } from './in-dialog-request.js';
import type { LaterEffect } from './later-failure.js';
import { gone } from './hold-reinvite.js';
import { UNSENT_STATUS } from './outgoing-invite.js';
import type { PortDialog } from './port-dialog.js';
import { referredBy, referToReplacing, referToUri } from './replaces-header.js';
import { describeError, isDialogGone } from './sip-error-status.js';

export function referBlind(ctx: AdapterContext, dialog: PortDialog, to: string): void {
  sendRefer(ctx, dialog, { kind: 'refer', to }, () => referToUri(to));
}

/** `replacing` is the dialog whose peer is the transfer target; read when the REFER goes out, so a later takeover is seen. */
export function referReplacing(ctx: AdapterContext, dialog: PortDialog, replacing: PortDialog): void {
  sendRefer(ctx, dialog, { kind: 'referReplacing', replacing: replacing.id }, () => {
    const target: DialogCoordinates | undefined = replacing.coordinates;
    return target === undefined ? undefined : referToReplacing(target);
  });
}

function sendRefer(ctx: AdapterContext, dialog: PortDialog, effect: LaterEffect, referTo: () => string | undefined): void {
  dialog.run(
    async () => {
      if (dialog.phase !== 'confirmed') return;
      const value = referTo();
      if (value === undefined) {
        ctx.failed(dialog, effect, 'the dialog to replace is not established');
        return;
      }
      const headers: Record<string, string> = { 'Refer-To': value };
      if (dialog.coordinates !== undefined) headers['Referred-By'] = referredBy(dialog.coordinates);
      const outcome = await requestInDialog(ctx.srf, dialog, { method: 'REFER', headers });
      if (outcome.kind === 'error') {
        if (isDialogGone(outcome.error)) {
          gone(ctx, dialog);
          return;
        }
        ctx.failed(dialog, effect, `REFER not sent: ${describeError(outcome.error)}`);
        ctx.signal(dialog, { type: 'referRejected', status: UNSENT_STATUS });
        return;
      }
      const status = outcome.response.status;
      ctx.signal(dialog, status < 300 ? { type: 'referAccepted' } : { type: 'referRejected', status });
    },
    (error) => ctx.failed(dialog, effect, `REFER threw: ${describeError(error)}`),
  );
}
