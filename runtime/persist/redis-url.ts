/**
 * The `redis://[user:password@]host[:port][/db]` address of a Redis store,
 * checked before anything connects so a typo is a config error at its key,
 * and shown with the password masked wherever it is logged or printed.
 */

export interface RedisAddress {
  /** As given: the client connects with it. */
  readonly url: string;
  /** The URL with any password replaced by `***`, for messages and logs. */
  readonly shown: string;
}

/** The address, or what is wrong with it (a message to put after the key). */
export function parseRedisUrl(text: string): RedisAddress | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `\`${text}\` is not a URL (expected redis://host:port/db)`;
  }
  const shown = maskPassword(url);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return `\`${shown}\` is not a redis:// or rediss:// URL`;
  if (url.hostname === '') return `\`${shown}\` names no host (expected redis://host:port/db)`;
  if (url.search !== '' || url.hash !== '') return `\`${shown}\`: options after \`?\` or \`#\` are not read; leave them out`;
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) return `\`${shown}\`: the database \`${db}\` is not a number (expected redis://host:port/db)`;
  return { url: text, shown };
}

function maskPassword(url: URL): string {
  if (url.password === '') return url.href;
  const masked = new URL(url.href);
  masked.password = '***';
  return masked.href;
}
