/**
 * A SnapshotStore in Redis, for running flowc on more than one machine or
 * keeping sessions where the process's disk does not matter: one hash,
 * `<prefix>sessions`, with a field per session (`<flow>~<key>`) holding its
 * SessionRecord as JSON. Writes go through a RedisHashWriter (in order per
 * session, kept and retried while Redis is away); reads check each record
 * as the file store does, a damaged one coming back as a failure beside
 * the others.
 */
import type { RedisHashWriter } from './redis-hash-writer.js';
import type { RedisLink } from './redis-link.js';
import { parseSessionRecord, type SessionRecord } from './session-record.js';
import { storeFailure, type SnapshotStore, type StoreFailure, type StoredRecords } from './snapshot-store.js';

/** Flow names are identifiers, so the first `~` separates flow from key; the key is kept as it is, readable in redis-cli. */
export function redisField(flow: string, key: string | undefined): string {
  return `${flow}~${key ?? ''}`;
}

export class RedisSnapshotStore implements SnapshotStore {
  constructor(
    private readonly link: RedisLink,
    private readonly writer: RedisHashWriter,
  ) {}

  put(record: SessionRecord): Promise<StoreFailure | undefined> {
    return this.writer.set(redisField(record.flow, record.key), JSON.stringify(record));
  }

  async get(flow: string, key: string | undefined): Promise<SessionRecord | StoreFailure | undefined> {
    const field = redisField(flow, key);
    await this.writer.written(field);
    const text = await readField(this.link, ['HGET', this.writer.hash, field]);
    if (typeof text !== 'string') return text ?? undefined;
    return parse(field, text);
  }

  delete(flow: string, key: string | undefined): Promise<StoreFailure | undefined> {
    return this.writer.delete(redisField(flow, key));
  }

  async all(): Promise<StoredRecords> {
    await this.writer.allWritten();
    const entries = await scanHash(this.link, this.writer.hash);
    if (!(entries instanceof Map)) return { records: [], failures: [entries] };
    const records: SessionRecord[] = [];
    const failures: StoreFailure[] = [];
    for (const [field, text] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const result = parse(field, text);
      if ('kind' in result) failures.push(result);
      else records.push(result);
    }
    return { records, failures };
  }
}

/** One field's text, null when absent, or the failure. */
export async function readField(link: RedisLink, command: readonly string[]): Promise<string | null | StoreFailure> {
  try {
    const reply = await link.command(command);
    if (reply === null || typeof reply === 'string') return reply;
    return storeFailure(`${command[0] ?? ''} on ${link.address.shown}: unexpected reply`);
  } catch (error) {
    return storeFailure(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Every field of a hash, read with HSCAN so a large store is read in pieces
 * without blocking Redis (a field may come twice; the map keeps one).
 */
export async function scanHash(link: RedisLink, hash: string): Promise<Map<string, string> | StoreFailure> {
  const entries = new Map<string, string>();
  let cursor = '0';
  try {
    do {
      const reply = await link.command(['HSCAN', hash, cursor, 'COUNT', '500']);
      if (!Array.isArray(reply) || typeof reply[0] !== 'string' || !Array.isArray(reply[1])) return storeFailure(`HSCAN on ${link.address.shown}: unexpected reply`);
      const flat: unknown[] = reply[1];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const field = flat[i];
        const value = flat[i + 1];
        if (typeof field === 'string' && typeof value === 'string') entries.set(field, value);
      }
      cursor = reply[0];
    } while (cursor !== '0');
  } catch (error) {
    return storeFailure(error instanceof Error ? error.message : String(error));
  }
  return entries;
}

function parse(field: string, text: string): SessionRecord | StoreFailure {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return storeFailure(`\`${field}\` is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseSessionRecord(json);
  return 'kind' in parsed ? storeFailure(`\`${field}\`: ${parsed.message}`) : parsed;
}
