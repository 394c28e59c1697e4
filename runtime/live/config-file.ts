/**
 * The config file (JSON, docs/run.md) read into a LiveConfig, or the list of
 * everything wrong with it, each problem at its key. Values the file leaves
 * out take the defaults of live-config.ts.
 */
import { parseRedisUrl } from '../persist/redis-url.js';
import { ConfigReader, formatProblem, join, type ConfigProblem, type JsonObject } from './config-reader.js';
import { DEFAULT_CONFIG, DEFAULT_REDIS_PREFIX, LOG_LEVELS, type ApiConfig, type DrachtioConfig, type FreeswitchConfig, type InviteSource, type LiveConfig, type RouteConfig, type RouteMatch, type StoreConfig } from './live-config.js';

export type ConfigRead = { readonly ok: true; readonly config: LiveConfig } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

const TOP_KEYS = ['flows', 'drachtio', 'freeswitch', 'sdp', 'routes', 'api', 'store', 'shutdown', 'log'] as const;

/** Reads the text of a config file. `env` resolves `tokenEnv` (the API token kept out of the file). */
export function readConfigText(text: string, env: Readonly<Record<string, string | undefined>> = {}): ConfigRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return readConfig(json, env);
}

export function readConfig(json: unknown, env: Readonly<Record<string, string | undefined>> = {}): ConfigRead {
  const r = new ConfigReader();
  const top = r.object(json, '', TOP_KEYS);
  if (top === undefined) return { ok: false, problems: r.problems };
  const config: LiveConfig = {
    flows: top['flows'] === undefined ? DEFAULT_CONFIG.flows : (r.stringList(top['flows'], 'flows') ?? []),
    drachtio: top['drachtio'] === undefined ? undefined : readDrachtio(r, top['drachtio']),
    freeswitch: top['freeswitch'] === undefined ? undefined : readFreeswitch(r, top['freeswitch']),
    sdp: top['sdp'] === undefined ? DEFAULT_CONFIG.sdp : readSdp(r, top['sdp']),
    routes: top['routes'] === undefined ? [] : readRoutes(r, top['routes']),
    api: top['api'] === undefined || top['api'] === false ? undefined : readApi(r, top['api'], env),
    store: top['store'] === undefined ? DEFAULT_CONFIG.store : readStore(r, top['store']),
    drainMs: top['shutdown'] === undefined ? DEFAULT_CONFIG.drainMs : readShutdown(r, top['shutdown']),
    logLevel: readLog(r, top['log']),
  };
  return r.problems.length === 0 ? { ok: true, config } : { ok: false, problems: r.problems };
}

export { formatProblem };

function readDrachtio(r: ConfigReader, value: unknown): DrachtioConfig | undefined {
  const o = r.object(value, 'drachtio', ['host', 'port', 'secret', 'listen', 'orphanProbeSeconds']);
  if (o === undefined) return undefined;
  const probeSeconds = o['orphanProbeSeconds'] === undefined ? undefined : r.positive(o['orphanProbeSeconds'], 'drachtio.orphanProbeSeconds');
  if (probeSeconds === 0) r.problem('drachtio.orphanProbeSeconds', 'must be more than 0 seconds');
  const probe = probeSeconds === undefined || probeSeconds === 0 ? {} : { orphanProbeMs: Math.round(probeSeconds * 1000) };
  if (o['listen'] !== undefined) {
    if (o['host'] !== undefined || o['port'] !== undefined) r.problem('drachtio.listen', 'outbound mode (`listen`) and inbound mode (`host`, `port`) exclude each other');
    const l = r.object(o['listen'], 'drachtio.listen', ['port', 'secret', 'host']);
    if (l === undefined) return undefined;
    const port = r.port(l['port'], 'drachtio.listen.port');
    const secret = r.string(l['secret'] ?? o['secret'], l['secret'] === undefined ? 'drachtio.secret' : 'drachtio.listen.secret');
    const host = r.optionalString(l['host'], 'drachtio.listen.host');
    if (port === undefined || secret === undefined) return undefined;
    return { mode: 'outbound', port, secret, ...(host === undefined ? {} : { host }), ...probe };
  }
  const host = r.string(o['host'] ?? '127.0.0.1', 'drachtio.host');
  const port = r.port(o['port'] ?? 9022, 'drachtio.port');
  const secret = r.string(o['secret'], 'drachtio.secret');
  if (host === undefined || port === undefined || secret === undefined) return undefined;
  return { mode: 'inbound', host, port, secret, ...probe };
}

function readFreeswitch(r: ConfigReader, value: unknown): FreeswitchConfig | undefined {
  const o = r.object(value, 'freeswitch', ['host', 'port', 'secret', 'listenAddress', 'listenPort', 'advertisedAddress', 'profile']);
  if (o === undefined) return undefined;
  const host = r.string(o['host'], 'freeswitch.host');
  const port = r.port(o['port'] ?? 8021, 'freeswitch.port');
  const secret = r.string(o['secret'] ?? 'ClueCon', 'freeswitch.secret');
  const listenAddress = r.optionalString(o['listenAddress'], 'freeswitch.listenAddress');
  const listenPort = o['listenPort'] === undefined ? undefined : r.port(o['listenPort'], 'freeswitch.listenPort');
  const advertisedAddress = r.optionalString(o['advertisedAddress'], 'freeswitch.advertisedAddress');
  const profile = r.optionalString(o['profile'], 'freeswitch.profile');
  if (host === undefined || port === undefined || secret === undefined) return undefined;
  return {
    host,
    port,
    secret,
    ...(listenAddress === undefined ? {} : { listenAddress }),
    ...(listenPort === undefined ? {} : { listenPort }),
    ...(advertisedAddress === undefined ? {} : { advertisedAddress }),
    ...(profile === undefined ? {} : { profile }),
  };
}

function readSdp(r: ConfigReader, value: unknown): LiveConfig['sdp'] {
  const o = r.object(value, 'sdp', ['address', 'port']);
  if (o === undefined) return DEFAULT_CONFIG.sdp;
  return {
    address: r.string(o['address'] ?? DEFAULT_CONFIG.sdp.address, 'sdp.address') ?? DEFAULT_CONFIG.sdp.address,
    port: r.port(o['port'] ?? DEFAULT_CONFIG.sdp.port, 'sdp.port') ?? DEFAULT_CONFIG.sdp.port,
  };
}

const INVITE_FIELDS = ['requestUser', 'requestUri', 'callId', 'fromUser', 'fromUri', 'toUser', 'toUri'] as const;

/** `requestUser`, `fromUri`, ... or `header:X-Name`. */
export function readInviteSource(r: ConfigReader, value: unknown, path: string): InviteSource | undefined {
  if (typeof value === 'string') {
    if (value.toLowerCase().startsWith('header:')) {
      const name = value.slice('header:'.length).trim();
      if (/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return { from: 'header', name };
      return r.problem(path, `\`${value}\` names no header (write header:X-Name)`);
    }
    const field = INVITE_FIELDS.find((f) => f === value);
    if (field !== undefined) return { from: field };
  }
  return r.problem(path, `must be one of ${INVITE_FIELDS.map((f) => `"${f}"`).join(', ')} or "header:<Name>", not ${JSON.stringify(value)}`);
}

function readRoutes(r: ConfigReader, value: unknown): RouteConfig[] {
  if (!Array.isArray(value)) {
    r.problem('routes', 'must be a list of routes');
    return [];
  }
  const routes: RouteConfig[] = [];
  value.forEach((item, i) => {
    const route = readRoute(r, item, `routes[${i}]`);
    if (route !== undefined) routes.push(route);
  });
  return routes;
}

function readRoute(r: ConfigReader, value: unknown, path: string): RouteConfig | undefined {
  const o = r.object(value, path, ['flow', 'user', 'header', 'default', 'inputs', 'invite', 'key']);
  if (o === undefined) return undefined;
  const flow = r.string(o['flow'], join(path, 'flow'));
  const match = readMatch(r, o, path);
  const inputs = o['inputs'] === undefined ? {} : r.record(o['inputs'], join(path, 'inputs'));
  const invite: Record<string, InviteSource> = {};
  if (o['invite'] !== undefined) {
    const sources = r.record(o['invite'], join(path, 'invite'));
    for (const [name, source] of Object.entries(sources ?? {})) {
      const read = readInviteSource(r, source, `${join(path, 'invite')}.${name}`);
      if (read !== undefined) invite[name] = read;
    }
  }
  const key = o['key'] === undefined ? ({ from: 'callId' } as const) : readInviteSource(r, o['key'], join(path, 'key'));
  if (flow === undefined || match === undefined || inputs === undefined || key === undefined) return undefined;
  return { flow, match, inputs, invite, key, path };
}

function readMatch(r: ConfigReader, o: JsonObject, path: string): RouteMatch | undefined {
  const given = (['user', 'header', 'default'] as const).filter((k) => o[k] !== undefined);
  if (given.length !== 1) {
    return r.problem(path, given.length === 0 ? 'needs one of `user`, `header` or `default: true` to say which INVITEs it takes' : `has ${given.map((g) => `\`${g}\``).join(' and ')}: give exactly one`);
  }
  if (o['user'] !== undefined) {
    const user = r.string(o['user'], join(path, 'user'));
    return user === undefined ? undefined : { kind: 'user', user };
  }
  if (o['default'] !== undefined) {
    return o['default'] === true ? { kind: 'default' } : r.problem(join(path, 'default'), 'must be true (leave it out otherwise)');
  }
  const h = r.object(o['header'], join(path, 'header'), ['name', 'value', 'pattern']);
  if (h === undefined) return undefined;
  const name = r.string(h['name'], join(path, 'header.name'));
  if (h['value'] !== undefined && h['pattern'] !== undefined) return r.problem(join(path, 'header'), '`value` and `pattern` exclude each other');
  const value = h['value'] === undefined ? undefined : r.string(h['value'], join(path, 'header.value'));
  let pattern: RegExp | undefined;
  if (h['pattern'] !== undefined) {
    const source = r.string(h['pattern'], join(path, 'header.pattern'));
    if (source !== undefined) {
      try {
        pattern = new RegExp(source);
      } catch (error) {
        return r.problem(join(path, 'header.pattern'), `is not a regular expression: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  if (name === undefined) return undefined;
  return { kind: 'header', name, ...(value === undefined ? {} : { value }), ...(pattern === undefined ? {} : { pattern }) };
}

function readApi(r: ConfigReader, value: unknown, env: Readonly<Record<string, string | undefined>>): ApiConfig | undefined {
  const o = r.object(value, 'api', ['host', 'port', 'token', 'tokenEnv']);
  if (o === undefined) return undefined;
  const host = r.string(o['host'] ?? '127.0.0.1', 'api.host');
  const port = r.port(o['port'] ?? 8080, 'api.port');
  let token = r.optionalString(o['token'], 'api.token');
  if (o['tokenEnv'] !== undefined) {
    const name = r.string(o['tokenEnv'], 'api.tokenEnv');
    if (token !== undefined) r.problem('api.tokenEnv', '`token` and `tokenEnv` exclude each other');
    else if (name !== undefined) {
      token = env[name];
      if (token === undefined || token === '') r.problem('api.tokenEnv', `environment variable ${name} is not set`);
    }
  }
  if (host === undefined || port === undefined) return undefined;
  return { host, port, ...(token === undefined ? {} : { token }) };
}

/** Which keys belong to which store type: a key of another type is a mistake worth naming. */
const STORE_KEYS = { file: ['directory', 'sync'], memory: [], redis: ['url', 'prefix'] } as const;

function readStore(r: ConfigReader, value: unknown): StoreConfig {
  const o = r.object(value, 'store', ['type', 'directory', 'sync', 'url', 'prefix']);
  if (o === undefined) return DEFAULT_CONFIG.store;
  const type = r.oneOf(o['type'] ?? 'file', 'store.type', ['file', 'memory', 'redis'] as const);
  if (type === undefined) return DEFAULT_CONFIG.store;
  for (const [owner, keys] of Object.entries(STORE_KEYS)) {
    if (owner === type) continue;
    for (const key of keys) if (o[key] !== undefined) r.problem(`store.${key}`, `only a "${owner}" store has \`${key}\`, this one is "${type}"`);
  }
  if (type === 'memory') return { type: 'memory' };
  if (type === 'redis') {
    const url = r.string(o['url'], 'store.url');
    const address = url === undefined ? undefined : parseRedisUrl(url);
    if (typeof address === 'string') r.problem('store.url', address);
    const prefix = o['prefix'] === undefined ? DEFAULT_REDIS_PREFIX : (r.string(o['prefix'], 'store.prefix') ?? DEFAULT_REDIS_PREFIX);
    return { type: 'redis', url: url ?? '', prefix };
  }
  const directory = r.string(o['directory'] ?? 'flowc-state', 'store.directory') ?? 'flowc-state';
  const sync = o['sync'] === undefined ? true : (r.boolean(o['sync'], 'store.sync') ?? true);
  return { type: 'file', directory, sync };
}

function readShutdown(r: ConfigReader, value: unknown): number {
  const o = r.object(value, 'shutdown', ['drainSeconds']);
  if (o === undefined || o['drainSeconds'] === undefined) return DEFAULT_CONFIG.drainMs;
  const seconds = r.positive(o['drainSeconds'], 'shutdown.drainSeconds');
  return seconds === undefined ? DEFAULT_CONFIG.drainMs : Math.round(seconds * 1000);
}

function readLog(r: ConfigReader, value: unknown): LiveConfig['logLevel'] {
  if (value === undefined) return DEFAULT_CONFIG.logLevel;
  const o = r.object(value, 'log', ['level']);
  if (o === undefined || o['level'] === undefined) return DEFAULT_CONFIG.logLevel;
  return r.oneOf(o['level'], 'log.level', LOG_LEVELS) ?? DEFAULT_CONFIG.logLevel;
}
