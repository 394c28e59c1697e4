/**
 * Where saved sessions live between restarts. Asynchronous because the real
 * stores do I/O; failures come back as values so a full disk degrades a call
 * to "not persisted" instead of crashing the process.
 */
import type { SessionRecord } from './session-record.js';

export interface StoreFailure {
  readonly kind: 'storeFailure';
  readonly message: string;
}

export interface StoredRecords {
  readonly records: readonly SessionRecord[];
  /** Entries that could not be read or parsed; the others are still returned. */
  readonly failures: readonly StoreFailure[];
}

export interface SnapshotStore {
  /** Replaces the session's previous record. */
  put(record: SessionRecord): Promise<StoreFailure | undefined>;
  get(flow: string, key: string | undefined): Promise<SessionRecord | StoreFailure | undefined>;
  /** Deleting a record that is not there is not a failure. */
  delete(flow: string, key: string | undefined): Promise<StoreFailure | undefined>;
  all(): Promise<StoredRecords>;
}

export function storeFailure(message: string): StoreFailure {
  return { kind: 'storeFailure', message };
}

export function isStoreFailure(value: SessionRecord | StoreFailure | undefined): value is StoreFailure {
  return value !== undefined && 'kind' in value && value.kind === 'storeFailure';
}
