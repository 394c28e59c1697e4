/**
 * Where the live suite finds its servers. Every live test needs a real
 * drachtio-server and FreeSWITCH; without the variables below it reports
 * itself SKIPPED, loudly, naming what it needs (docs/live-testing.md).
 */
import { it } from 'vitest';

export interface LiveServers {
  readonly drachtio: { readonly host: string; readonly port: number; readonly secret: string };
  readonly freeswitch: { readonly host: string; readonly port: number; readonly secret: string };
  /** Where drachtio-server takes SIP (the peers' INVITEs go there); DRACHTIO_SIP, default <DRACHTIO_HOST>:5060. */
  readonly drachtioSip: string;
  /** The address the SIPp peers bind to and the flows dial (LIVE_PEER_ADDRESS, default 127.0.0.1). */
  readonly peerAddress: string;
  /** The sipp binary (SIPP, default `sipp` on PATH). */
  readonly sipp: string;
  /** Where fsmrf listens for FreeSWITCH's event-socket connections back (FREESWITCH_LISTEN_ADDRESS). */
  readonly freeswitchListen: string | undefined;
}

const REQUIRED = ['DRACHTIO_HOST', 'DRACHTIO_PORT', 'DRACHTIO_SECRET', 'FREESWITCH_HOST', 'FREESWITCH_PORT', 'FREESWITCH_SECRET'] as const;

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export const missingVariables: readonly string[] = REQUIRED.filter((name) => env(name) === undefined);

export function liveServers(): LiveServers {
  const get = (name: (typeof REQUIRED)[number]): string => {
    const value = env(name);
    if (value === undefined) throw new Error(`${name} is not set`);
    return value;
  };
  return {
    drachtio: { host: get('DRACHTIO_HOST'), port: Number(get('DRACHTIO_PORT')), secret: get('DRACHTIO_SECRET') },
    freeswitch: { host: get('FREESWITCH_HOST'), port: Number(get('FREESWITCH_PORT')), secret: get('FREESWITCH_SECRET') },
    drachtioSip: env('DRACHTIO_SIP') ?? `${get('DRACHTIO_HOST')}:5060`,
    peerAddress: env('LIVE_PEER_ADDRESS') ?? '127.0.0.1',
    sipp: env('SIPP') ?? 'sipp',
    freeswitchListen: env('FREESWITCH_LISTEN_ADDRESS'),
  };
}

let warned = false;

function warnOnce(what: string, needs: readonly string[]): void {
  if (warned) return;
  warned = true;
  console.warn(`\n*** SKIPPED: ${what} needs a real drachtio-server and FreeSWITCH. Set ${needs.join(', ')} (docs/live-testing.md). ***\n`);
}

/**
 * A live test: runs when the servers are configured, otherwise is reported
 * skipped with the variables it needs (in its name and on stderr). `extra`
 * names variables this test needs beyond the servers (fault tests).
 */
export function liveIt(name: string, fn: () => Promise<void>, options: { readonly extra?: readonly string[]; readonly timeoutMs?: number } = {}): void {
  const missing = [...missingVariables, ...(options.extra ?? []).filter((v) => env(v) === undefined)];
  if (missing.length > 0) warnOnce(name, missing);
  const title = missing.length > 0 ? `${name} [SKIPPED: set ${missing.join(', ')}]` : name;
  it.skipIf(missing.length > 0)(title, fn, options.timeoutMs ?? 120_000);
}

export function envValue(name: string): string | undefined {
  return env(name);
}
