/**
 * The SIP dialog facts of each saved session in Redis, beside its record:
 * the hash `<prefix>dialogs`, one field per session (`<flow>~<key>`, as the
 * sessions hash) holding its DialogFacts list as JSON. Written through the
 * same link as the records, so facts sent before a record reach Redis
 * before it.
 */
import { parseDialogFacts, type DialogFacts } from '../drachtio/dialog-facts.js';
import type { RedisHashWriter } from '../persist/redis-hash-writer.js';
import type { RedisLink } from '../persist/redis-link.js';
import { redisField, scanHash } from '../persist/redis-snapshot-store.js';
import type { StoreFailure } from '../persist/snapshot-store.js';
import type { StoreLog } from '../persist/store-log.js';
import type { DialogFactsStore } from './dialog-facts-store.js';

export class RedisDialogFactsStore implements DialogFactsStore {
  constructor(
    private readonly link: RedisLink,
    private readonly writer: RedisHashWriter,
    private readonly log: StoreLog,
  ) {}

  put(flow: string, key: string | undefined, facts: readonly DialogFacts[]): Promise<StoreFailure | undefined> {
    return this.writer.set(redisField(flow, key), JSON.stringify(facts));
  }

  delete(flow: string, key: string | undefined): Promise<StoreFailure | undefined> {
    return this.writer.delete(redisField(flow, key));
  }

  async all(): Promise<DialogFacts[]> {
    await this.writer.allWritten();
    const entries = await scanHash(this.link, this.writer.hash);
    if (!(entries instanceof Map)) {
      // Resume goes on without them: the sessions are told their legs are lost, as after a damaged file.
      this.log.error({ store: this.link.address.shown, error: entries.message }, 'dialog facts not read');
      return [];
    }
    const out: DialogFacts[] = [];
    for (const [field, text] of entries) {
      try {
        out.push(...parseDialogFacts(JSON.parse(text) as unknown));
      } catch {
        this.log.warn({ store: this.link.address.shown, field }, 'dialog facts not JSON: that session\'s legs count as lost');
      }
    }
    return out;
  }
}
