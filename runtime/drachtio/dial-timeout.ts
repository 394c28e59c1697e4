/**
 * `dial ... timeout T`: counted from the INVITE as a SIP stack counts it;
 * when it expires with no final answer, the INVITE is cancelled and its 487
 * becomes `failed(408)`.
 */
import type { ArmedTimer, TimerSink } from '../clock/clock.js';
import type { AdapterContext } from './adapter-context.js';
import { cancelInvite } from './call-ending.js';
import type { PortDialog } from './port-dialog.js';

class DialTimeout implements TimerSink {
  constructor(
    private readonly ctx: AdapterContext,
    private readonly dialog: PortDialog,
  ) {}

  timerDue(_armed: ArmedTimer): void {
    const dialog = this.dialog;
    dialog.dialTimer = undefined;
    if (!dialog.unanswered || dialog.cancelRequested) return;
    dialog.timedOut = true;
    this.ctx.log.info({ dialog: dialog.id }, 'dial timeout: cancelling the INVITE');
    cancelInvite(this.ctx, dialog);
  }
}

export function armDialTimeout(ctx: AdapterContext, dialog: PortDialog, timeoutMs: number): void {
  if (dialog.dialTimer !== undefined) ctx.clock.disarm(dialog.dialTimer);
  dialog.dialTimer = ctx.clock.arm(new DialTimeout(ctx, dialog), `dial:${dialog.id}`, ctx.clock.now() + timeoutMs);
}

export function disarmDialTimeout(ctx: AdapterContext, dialog: PortDialog): void {
  if (dialog.dialTimer === undefined) return;
  ctx.clock.disarm(dialog.dialTimer);
  dialog.dialTimer = undefined;
}
