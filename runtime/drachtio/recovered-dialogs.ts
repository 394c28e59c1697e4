/**
 * Dialogs known again after a restart. drachtio-srf has no Dialog object for
 * them, so the peer's requests on them reach the application's middleware
 * rather than a dialog: they are matched by drachtio-server's dialog id and
 * handled as any dialog's would be (BYE answered here, the rest by
 * peer-requests). A request on a dialog nobody knows is 481.
 */
import type { AdapterContext } from './adapter-context.js';
import { peerBye, peerReinvite, peerRequest } from './peer-requests.js';
import type { SrfRequest, SrfResponse } from './srf-api.js';

export const IN_DIALOG_METHODS = ['bye', 'info', 'notify', 'refer', 'options', 'update'] as const;

export function onUnmatchedRequest(ctx: AdapterContext, req: SrfRequest, res: SrfResponse): void {
  const dialog = req.stackDialogId === undefined ? undefined : ctx.dialogs.findByStackId(req.stackDialogId);
  if (dialog === undefined || dialog.sip !== undefined || dialog.phase !== 'confirmed') {
    if (!res.finalResponseSent) res.send(481);
    return;
  }
  switch (req.method) {
    case 'BYE':
      res.send(200);
      peerBye(ctx, dialog);
      return;
    case 'INVITE':
      peerReinvite(ctx, dialog, req, res);
      return;
    case 'OPTIONS':
    case 'UPDATE':
      res.send(200);
      return;
    default:
      peerRequest(ctx, dialog, req, res);
  }
}
