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

/** Why a stored record cannot be used (a damaged file, an older format). */
export interface RecordProblem {
  readonly kind: 'recordProblem';
  readonly message: string;
}

function problem(message: string): RecordProblem {
  return { kind: 'recordProblem', message };
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

const LEG_STATES = new Set(['idle', 'dialing', 'early', 'connected', 'held', 'ended']);

function snapshotProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'snapshot is not an object';
  if (typeof value['flow'] !== 'string') return 'snapshot has no flow';
  const configuration = value['configuration'];
  if (!Array.isArray(configuration) || !configuration.every((s) => typeof s === 'string')) return 'snapshot configuration is not a list of states';
  const context = value['context'];
  if (!isObject(context) || !Object.values(context).every(isValue)) return 'snapshot context holds a non-value';
  const legs = value['legs'];
  if (!isObject(legs) || !Object.values(legs).every((s) => typeof s === 'string' && LEG_STATES.has(s))) return 'snapshot legs hold an unknown leg state';
  if (value['status'] !== 'active' && value['status'] !== 'done') return 'snapshot status is neither active nor done';
  return undefined;
}

/**
 * Checks JSON read back from a store before a session is rebuilt from it.
 * The record is returned as it came: after these checks its shape is a SessionRecord.
 */
export function parseSessionRecord(json: unknown): SessionRecord | RecordProblem {
  if (!isObject(json)) return problem('record is not an object');
  if (json['version'] !== SESSION_RECORD_VERSION) return problem(`record version \`${String(json['version'])}\` is not ${SESSION_RECORD_VERSION}`);
  if (typeof json['flow'] !== 'string') return problem('record has no flow');
  if (json['key'] !== undefined && typeof json['key'] !== 'string') return problem('record key is not a string');
  const snapshot = snapshotProblem(json['snapshot']);
  if (snapshot !== undefined) return problem(snapshot);
  const timers = json['timers'];
  if (!Array.isArray(timers) || !timers.every((t) => isObject(t) && typeof t['timer'] === 'string' && typeof t['dueAt'] === 'number' && Number.isFinite(t['dueAt']))) {
    return problem('record timers are not a list of {timer, dueAt}');
  }
  const legs = json['legs'];
  if (!Array.isArray(legs) || !legs.every((l) => isObject(l) && typeof l['leg'] === 'string' && typeof l['dialogId'] === 'string')) {
    return problem('record legs are not a list of {leg, dialogId}');
  }
  const mailbox = json['mailbox'];
  if (mailbox !== undefined && (!Array.isArray(mailbox) || !mailbox.every((e) => isObject(e) && typeof e['type'] === 'string'))) {
    return problem('record mailbox is not a list of events');
  }
  return json as unknown as SessionRecord;
}
