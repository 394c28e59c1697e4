/**
 * A SnapshotStore in memory, for tests and simulation. It keeps JSON text,
 * not objects, so what comes back has been through serialization like a
 * file would, and later changes to a saved object cannot leak in.
 */
import { parseSessionRecord, type SessionRecord } from './session-record.js';
import { storeFailure, type SnapshotStore, type StoreFailure, type StoredRecords } from './snapshot-store.js';

function slot(flow: string, key: string | undefined): string {
  return `${flow}\u0000${key ?? ''}`;
}

export class MemorySnapshotStore implements SnapshotStore {
  private readonly texts = new Map<string, string>();

  get size(): number {
    return this.texts.size;
  }

  put(record: SessionRecord): Promise<StoreFailure | undefined> {
    this.texts.set(slot(record.flow, record.key), JSON.stringify(record));
    return Promise.resolve(undefined);
  }

  get(flow: string, key: string | undefined): Promise<SessionRecord | StoreFailure | undefined> {
    const text = this.texts.get(slot(flow, key));
    return Promise.resolve(text === undefined ? undefined : read(text));
  }

  delete(flow: string, key: string | undefined): Promise<StoreFailure | undefined> {
    this.texts.delete(slot(flow, key));
    return Promise.resolve(undefined);
  }

  all(): Promise<StoredRecords> {
    const records: SessionRecord[] = [];
    const failures: StoreFailure[] = [];
    for (const text of this.texts.values()) {
      const result = read(text);
      if ('kind' in result) failures.push(result);
      else records.push(result);
    }
    return Promise.resolve({ records, failures });
  }
}

function read(text: string): SessionRecord | StoreFailure {
  const parsed = parseSessionRecord(JSON.parse(text) as unknown);
  return 'kind' in parsed ? storeFailure(parsed.message) : parsed;
}
