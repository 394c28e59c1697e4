/**
 * A SnapshotStore with one JSON file per session in a directory. A write goes
 * to a temporary file that is synced and then renamed over the old one, so a
 * crash leaves either the old record or the new one, never half of either.
 * Writes to the same session are chained so the last put wins on disk too.
 */
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSessionRecord, type SessionRecord } from './session-record.js';
import { storeFailure, type SnapshotStore, type StoreFailure, type StoredRecords } from './snapshot-store.js';

export interface FileStoreOptions {
  /** fsync file and directory on every put (default true). Off trades durability on power loss for speed. */
  readonly sync?: boolean;
}

const SUFFIX = '.json';

/** Flow names are identifiers, so the first `~` separates flow from key unambiguously. */
export function recordFileName(flow: string, key: string | undefined): string {
  return `${encodeURIComponent(flow)}~${encodeURIComponent(key ?? '')}${SUFFIX}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

export class FileSnapshotStore implements SnapshotStore {
  private readonly sync: boolean;
  private readonly writes = new Map<string, Promise<StoreFailure | undefined>>();
  private ready: Promise<StoreFailure | undefined> | undefined;
  private seq = 0;

  constructor(
    private readonly directory: string,
    options: FileStoreOptions = {},
  ) {
    this.sync = options.sync ?? true;
  }

  put(record: SessionRecord): Promise<StoreFailure | undefined> {
    const name = recordFileName(record.flow, record.key);
    const text = JSON.stringify(record);
    const previous = this.writes.get(name) ?? Promise.resolve(undefined);
    const write = previous.then(() => this.write(name, text));
    this.writes.set(name, write);
    void write.then(() => {
      if (this.writes.get(name) === write) this.writes.delete(name);
    });
    return write;
  }

  async get(flow: string, key: string | undefined): Promise<SessionRecord | StoreFailure | undefined> {
    const name = recordFileName(flow, key);
    await this.writes.get(name);
    try {
      return parse(name, await readFile(join(this.directory, name), 'utf8'));
    } catch (error) {
      return isMissing(error) ? undefined : storeFailure(`cannot read \`${name}\`: ${describe(error)}`);
    }
  }

  async delete(flow: string, key: string | undefined): Promise<StoreFailure | undefined> {
    const name = recordFileName(flow, key);
    await this.writes.get(name);
    try {
      await unlink(join(this.directory, name));
      return undefined;
    } catch (error) {
      return isMissing(error) ? undefined : storeFailure(`cannot delete \`${name}\`: ${describe(error)}`);
    }
  }

  async all(): Promise<StoredRecords> {
    await Promise.all(this.writes.values());
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if (isMissing(error)) return { records: [], failures: [] };
      return { records: [], failures: [storeFailure(`cannot list \`${this.directory}\`: ${describe(error)}`)] };
    }
    const records: SessionRecord[] = [];
    const failures: StoreFailure[] = [];
    // Temporary files of a write cut short end in `.tmp` and are skipped.
    for (const name of names.filter((n) => n.endsWith(SUFFIX)).sort()) {
      try {
        const result = parse(name, await readFile(join(this.directory, name), 'utf8'));
        if ('kind' in result) failures.push(result);
        else records.push(result);
      } catch (error) {
        failures.push(storeFailure(`cannot read \`${name}\`: ${describe(error)}`));
      }
    }
    return { records, failures };
  }

  private async write(name: string, text: string): Promise<StoreFailure | undefined> {
    const made = await (this.ready ??= this.makeDirectory());
    if (made !== undefined) {
      this.ready = undefined;
      return made;
    }
    const target = join(this.directory, name);
    const temporary = `${target}.${process.pid}.${this.seq++}.tmp`;
    try {
      const file = await open(temporary, 'w');
      try {
        await file.writeFile(text, 'utf8');
        if (this.sync) await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
      if (this.sync) await this.syncDirectory();
      return undefined;
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      return storeFailure(`cannot write \`${name}\`: ${describe(error)}`);
    }
  }

  private async makeDirectory(): Promise<StoreFailure | undefined> {
    try {
      await mkdir(this.directory, { recursive: true });
      return undefined;
    } catch (error) {
      return storeFailure(`cannot create \`${this.directory}\`: ${describe(error)}`);
    }
  }

  // The rename is durable only once the directory entry is on disk.
  private async syncDirectory(): Promise<void> {
    const dir = await open(this.directory, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

function parse(name: string, text: string): SessionRecord | StoreFailure {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return storeFailure(`\`${name}\` is not JSON: ${describe(error)}`);
  }
  const parsed = parseSessionRecord(json);
  return 'kind' in parsed ? storeFailure(`\`${name}\`: ${parsed.message}`) : parsed;
}
