import { describe, expect, it } from 'vitest';
import { formatProblem, readConfig } from '../../../runtime/live/config-file.js';
import { storeUrlFlag } from '../../../runtime/live/flag-values.js';
import { parseRedisUrl } from '../../../runtime/persist/redis-url.js';

function store(value: unknown) {
  const read = readConfig({ store: value });
  return read.ok ? read.config.store : read.problems.map(formatProblem);
}

describe('the `store` config', () => {
  it('reads a Redis store: url required, prefix `flowc:` unless given', () => {
    expect(store({ type: 'redis', url: 'redis://10.0.0.5:6379/2' })).toEqual({ type: 'redis', url: 'redis://10.0.0.5:6379/2', prefix: 'flowc:' });
    expect(store({ type: 'redis', url: 'rediss://user:pw@redis.example', prefix: 'pbx1:' })).toEqual({ type: 'redis', url: 'rediss://user:pw@redis.example', prefix: 'pbx1:' });
    expect(store({ type: 'file' })).toEqual({ type: 'file', directory: 'flowc-state', sync: true });
    expect(store({ type: 'memory' })).toEqual({ type: 'memory' });
  });

  it('says what is wrong, at the key, with any password masked', () => {
    expect(store({ type: 'redis' })).toEqual(['`store.url`: is required (a non-empty string)']);
    expect(store({ type: 'redis', url: 'localhost:6379' })).toEqual(['`store.url`: `localhost:6379` is not a redis:// or rediss:// URL']);
    expect(store({ type: 'redis', url: 'redis://:secret@h:6379/zero' })).toEqual(['`store.url`: `redis://:***@h:6379/zero`: the database `zero` is not a number (expected redis://host:port/db)']);
    expect(store({ type: 'redis', url: 'redis://h:6379/0?timeout=1' })).toEqual(['`store.url`: `redis://h:6379/0?timeout=1`: options after `?` or `#` are not read; leave them out']);
    expect(store({ type: 'redis', url: 'redis://h:99999' })).toEqual(['`store.url`: `redis://h:99999` is not a URL (expected redis://host:port/db)']);
    expect(store({ type: 'redis', url: 'redis://h', prefix: '' })).toEqual(['`store.prefix`: must be a non-empty string, not string ""']);
    expect(store({ type: 'redis', url: 'redis://h', directory: '/var/lib/flowc', sync: false })).toEqual([
      '`store.directory`: only a "file" store has `directory`, this one is "redis"',
      '`store.sync`: only a "file" store has `sync`, this one is "redis"',
    ]);
    expect(store({ url: 'redis://h' })).toEqual(['`store.url`: only a "redis" store has `url`, this one is "file"']);
    expect(store({ type: 'memory', prefix: 'x:' })).toEqual(['`store.prefix`: only a "redis" store has `prefix`, this one is "memory"']);
    expect(store({ type: 'redis', url: 'redis://h', ttl: 5 })).toEqual(['`store.ttl`: unknown key (expected one of: type, directory, sync, url, prefix)']);
    expect(store({ type: 'postgres' })).toEqual(['`store.type`: must be one of "file", "memory", "redis", not string "postgres"']);
  });

  it('reads --store-url', () => {
    expect(storeUrlFlag('redis://127.0.0.1:6379/0')).toEqual({ ok: true, value: 'redis://127.0.0.1:6379/0' });
    expect(storeUrlFlag('redis//127.0.0.1')).toEqual({ ok: false, message: '--store-url: `redis//127.0.0.1` is not a URL (expected redis://host:port/db)' });
    expect(storeUrlFlag('redis://:pw@/0')).toMatchObject({ ok: false });
  });

  it('shows a URL with its password masked, and only then', () => {
    expect(parseRedisUrl('redis://u:pw@h:1/0')).toEqual({ url: 'redis://u:pw@h:1/0', shown: 'redis://u:***@h:1/0' });
    expect(parseRedisUrl('redis://h:1/0')).toEqual({ url: 'redis://h:1/0', shown: 'redis://h:1/0' });
  });
});
