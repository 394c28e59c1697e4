/**
 * `notify leg status N`: the progress of a REFER the peer sent us, as a
 * NOTIFY with a sipfrag (refer-notify.ts). A 481 means the peer ended the
 * subscription; nothing for the flow.
 */
import type { AdapterContext } from './adapter-context.js';
import { gone } from './hold-reinvite.js';
import { requestInDialog } from './in-dialog-request.js';
import type { PortDialog } from './port-dialog.js';
import { referNotify } from './refer-notify.js';
import { describeError, isDialogGone } from './sip-error-status.js';

export function notifyProgress(ctx: AdapterContext, dialog: PortDialog, status: number): void {
  const effect = { kind: 'notify', status } as const;
  dialog.run(
    async () => {
      if (dialog.phase !== 'confirmed') return;
      const outcome = await requestInDialog(ctx.srf, dialog, referNotify(status, dialog.referEventId));
      if (outcome.kind === 'error') {
        if (isDialogGone(outcome.error)) gone(ctx, dialog);
        else ctx.failed(dialog, effect, `NOTIFY not sent: ${describeError(outcome.error)}`);
        return;
      }
      const answer = outcome.response.status;
      if (answer >= 300) ctx.log.info({ dialog: dialog.id, status: answer }, 'NOTIFY refused');
    },
    (error) => ctx.failed(dialog, effect, `NOTIFY threw: ${describeError(error)}`),
  );
}
