/** Where an established drachtio dialog is: its tags, its peer's Contact and our identity in it. */
import { parseNameAddr } from '../sip/name-addr.js';
import type { DialogCoordinates } from './dialog-coordinates.js';
import { headerOf } from './sip-header.js';
import type { SrfDialog } from './srf-api.js';

export function coordinatesOf(dialog: SrfDialog): DialogCoordinates {
  // Our identity is the From of the INVITE we sent, or the To of the one we answered.
  const header = headerOf(dialog.req, dialog.type === 'uac' ? 'From' : 'To');
  const identity = header === undefined ? undefined : parseNameAddr(header);
  return {
    callId: dialog.sip.callId,
    localTag: dialog.sip.localTag,
    remoteTag: dialog.sip.remoteTag,
    remoteTarget: dialog.remote.uri,
    localIdentity: identity?.ok === true ? identity.value.uri : dialog.local.uri,
  };
}
