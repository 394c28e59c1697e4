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
    out.push(item as unknown as DialogFacts);
  }
  return out;
}

function isCoordinates(value: unknown): value is DialogCoordinates {
  if (!isObject(value)) return false;
  return ['callId', 'localTag', 'remoteTag', 'remoteTarget', 'localIdentity'].every((k) => typeof value[k] === 'string');
}
