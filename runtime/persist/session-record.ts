/**
 * A session saved as plain JSON: enough to rebuild it after a restart with
 * no call state lost. Timers are kept as absolute due times (clock epoch
 * milliseconds), legs as the port-level dialogs they are on.
 */
import type { FlowEvent, MachineSnapshot } from '../machine.js';
import type { LegBinding } from '../session/leg-table.js';
import type { PendingTimer } from '../session/timer-table.js';

export const SESSION_RECORD_VERSION = 1;

export interface SessionRecord {
  readonly version: typeof SESSION_RECORD_VERSION;
  readonly flow: string;
  readonly key?: string;
  readonly snapshot: MachineSnapshot;
  /** In arming order. */
  readonly timers: readonly PendingTimer[];
  /** In binding order. */
  readonly legs: readonly LegBinding[];
  /** Events delivered but not yet processed; absent when the session was idle. */
  readonly mailbox?: readonly FlowEvent[];
}
