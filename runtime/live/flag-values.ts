/**
 * The values of `flowc run`'s connection flags, read into config pieces:
 * `--drachtio host:port:secret`, `--listen [host:]port:secret`,
 * `--freeswitch host:port:secret`, `--api [host:]port`, `--store-url
 * redis://host:port/db`. A secret may contain
 * colons (everything after the port is the secret); an IPv6 host is written
 * in brackets (`[::1]:9022:cymru`). Problems come back as messages.
 */
import { parseRedisUrl } from '../persist/redis-url.js';
import type { DrachtioConfig, FreeswitchConfig } from './live-config.js';

export type FlagRead<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

interface HostPortRest {
  readonly host: string | undefined;
  readonly port: number;
  readonly rest: string | undefined;
}

function splitHostPort(text: string, hostRequired: boolean): HostPortRest | string {
  let host: string | undefined;
  let tail = text;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') return 'an IPv6 host is written [addr]:port';
    host = text.slice(1, close);
    tail = text.slice(close + 2);
  } else {
    const first = text.indexOf(':');
    const head = first < 0 ? text : text.slice(0, first);
    if (hostRequired || !/^\d+$/.test(head)) {
      if (first < 0) return 'expected host:port';
      host = head;
      tail = text.slice(first + 1);
    }
  }
  const colon = tail.indexOf(':');
  const portText = colon < 0 ? tail : tail.slice(0, colon);
  const port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return `\`${portText}\` is not a port number`;
  if (host !== undefined && host === '') return 'the host is empty';
  return { host, port, rest: colon < 0 ? undefined : tail.slice(colon + 1) };
}

export function drachtioFlag(text: string): FlagRead<DrachtioConfig> {
  const parts = splitHostPort(text, true);
  if (typeof parts === 'string') return { ok: false, message: `--drachtio \`${text}\`: ${parts} (expected host:port:secret)` };
  if (parts.rest === undefined || parts.rest === '') return { ok: false, message: `--drachtio \`${text}\`: no secret (expected host:port:secret)` };
  return { ok: true, value: { mode: 'inbound', host: parts.host ?? '127.0.0.1', port: parts.port, secret: parts.rest } };
}

export function listenFlag(text: string): FlagRead<DrachtioConfig> {
  const parts = splitHostPort(text, false);
  if (typeof parts === 'string') return { ok: false, message: `--listen \`${text}\`: ${parts} (expected port:secret or host:port:secret)` };
  if (parts.rest === undefined || parts.rest === '') return { ok: false, message: `--listen \`${text}\`: no secret (expected port:secret)` };
  return { ok: true, value: { mode: 'outbound', port: parts.port, secret: parts.rest, ...(parts.host === undefined ? {} : { host: parts.host }) } };
}

export function freeswitchFlag(text: string): FlagRead<FreeswitchConfig> {
  const parts = splitHostPort(text, true);
  if (typeof parts === 'string') return { ok: false, message: `--freeswitch \`${text}\`: ${parts} (expected host:port:secret)` };
  if (parts.rest === undefined || parts.rest === '') return { ok: false, message: `--freeswitch \`${text}\`: no secret (expected host:port:secret)` };
  return { ok: true, value: { host: parts.host ?? '127.0.0.1', port: parts.port, secret: parts.rest } };
}

export function apiFlag(text: string): FlagRead<{ readonly host: string; readonly port: number }> {
  const parts = splitHostPort(text, false);
  if (typeof parts === 'string' || parts.rest !== undefined) return { ok: false, message: `--api \`${text}\`: expected port or host:port` };
  return { ok: true, value: { host: parts.host ?? '127.0.0.1', port: parts.port } };
}

/** The Redis URL; the key prefix stays the config file's (or the default). */
export function storeUrlFlag(text: string): FlagRead<string> {
  const address = parseRedisUrl(text);
  if (typeof address === 'string') return { ok: false, message: `--store-url: ${address}` };
  return { ok: true, value: address.url };
}
