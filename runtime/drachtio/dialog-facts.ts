/**
 * A dialog as saved with its session, so that after a restart the adapter
 * knows it again (drachtio-server still holds it; this process forgot it).
 * Only a confirmed dialog can be taken up again: an INVITE transaction in
 * flight dies with the process that ran it.
 */
import type { DialogCoordinates } from './dialog-coordinates.js';
import type { DialogPhase } from './port-dialog.js';

export interface DialogFacts {
  readonly id: string;
  readonly direction: 'outbound' | 'inbound';
  readonly phase: DialogPhase;
  readonly stackDialogId?: string;
  readonly coordinates?: DialogCoordinates;
  readonly peerHeld?: boolean;
  readonly referEventId?: string;
  /** A takeover moved the leg to this dialog: the peer's BYE here is that leg's `replaced`. */
  readonly supersededBy?: string;
  /** The FreeSWITCH channel anchoring the dialog's media, taken up again after a restart. */
  readonly media?: MediaFacts;
}

export interface MediaFacts {
  /** The channel's uuid in FreeSWITCH. */
  readonly uuid: string;
  /** drachtio-server's id of the SIP dialog with FreeSWITCH for that channel, and FreeSWITCH's Contact in it. */
  readonly mediaDialog?: { readonly stackDialogId: string; readonly target: string };
  /** Music on hold plays on it (an unhold must break it). */
  readonly music?: boolean;
  /** The `o=` version last sent to the peer, as digits (later offers go up from it). */
  readonly version?: string;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PHASES: readonly string[] = ['calling', 'early', 'offered', 'confirmed', 'ended'];

/** Checks facts read back from a store; anything malformed is dropped, never trusted. */
export function parseDialogFacts(json: unknown): DialogFacts[] {
  if (!Array.isArray(json)) return [];
  const out: DialogFacts[] = [];
  for (const item of json) {
    if (!isObject(item)) continue;
    const { id, direction, phase, stackDialogId, coordinates } = item;
    if (typeof id !== 'string' || (direction !== 'outbound' && direction !== 'inbound') || typeof phase !== 'string' || !PHASES.includes(phase)) continue;
    if (stackDialogId !== undefined && typeof stackDialogId !== 'string') continue;
    if (coordinates !== undefined && !isCoordinates(coordinates)) continue;
    // Media facts that do not read are dropped, not the dialog: it then comes back without its channel.
    const media = item['media'];
    if (media !== undefined && !isMediaFacts(media)) {
      const { media: _dropped, ...rest } = item;
      out.push(rest as unknown as DialogFacts);
      continue;
    }
    out.push(item as unknown as DialogFacts);
  }
  return out;
}

function isCoordinates(value: unknown): value is DialogCoordinates {
  if (!isObject(value)) return false;
  return ['callId', 'localTag', 'remoteTag', 'remoteTarget', 'localIdentity'].every((k) => typeof value[k] === 'string');
}

function isMediaFacts(value: unknown): value is MediaFacts {
  if (!isObject(value) || typeof value['uuid'] !== 'string') return false;
  const { mediaDialog, music, version } = value;
  if (mediaDialog !== undefined && !(isObject(mediaDialog) && typeof mediaDialog['stackDialogId'] === 'string' && typeof mediaDialog['target'] === 'string')) return false;
  if (music !== undefined && typeof music !== 'boolean') return false;
  return version === undefined || (typeof version === 'string' && /^\d+$/.test(version));
}
