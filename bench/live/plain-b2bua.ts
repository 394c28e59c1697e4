/**
 * The live benchmark's peer: a hand-written drachtio-srf application doing
 * the call the Kalliope flow does without media — answer the caller with a
 * fixed SDP, call the party named in X-Transfer-To, and when either side
 * hangs up, hang up the other — with nothing else around it: no sessions,
 * no routing, no snapshots, no logs.
 */
import { createRequire } from 'node:module';

interface PlainRequest {
  get(name: string): string | undefined;
}

interface PlainDialog {
  on(event: 'destroy', listener: () => void): unknown;
  destroy(): Promise<unknown>;
}

type DialogCallback = (err: unknown, dialog?: PlainDialog) => void;

interface PlainSrf {
  connect(opts: { host: string; port: number; secret: string }): unknown;
  disconnect(): unknown;
  on(event: 'connect', listener: (err: unknown) => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  invite(handler: (req: PlainRequest, res: unknown) => void): unknown;
  // The callback forms: a BYE in the same read from drachtio-server as the 200 is handled
  // before a promise continuation could listen to the dialog (runtime/drachtio/srf-api.ts).
  createUAS(req: PlainRequest, res: unknown, opts: { localSdp: string }, callback: DialogCallback): unknown;
  createUAC(uri: string, opts: { localSdp: string }, progress: object, callback: DialogCallback): unknown;
}

const Srf = createRequire(import.meta.url)('drachtio-srf') as new () => PlainSrf;

export interface BenchApp {
  /** Calls with both legs up (the caller answered, the party answered). */
  readonly connected: () => number;
  /** Calls not over yet, in any phase. */
  readonly open: () => number;
  /** Calls that failed (a leg not set up, an error event). */
  readonly failures: () => number;
  stop(): Promise<void>;
}

export async function startPlainB2bua(drachtio: { host: string; port: number; secret: string }, sdpAddress: string): Promise<BenchApp> {
  const srf = new Srf();
  const sdp = `v=0\r\no=plain 1 1 IN IP4 ${sdpAddress}\r\ns=plain\r\nc=IN IP4 ${sdpAddress}\r\nt=0 0\r\nm=audio 9 RTP/AVP 0 8 101\r\na=sendrecv\r\n`;
  let open = 0;
  let connected = 0;
  let failures = 0;
  srf.on('error', () => undefined);
  srf.invite((req, res) => {
    const target = req.get('X-Transfer-To');
    open++;
    let up = false;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      open--;
      if (up) connected--;
    };
    const fail = (): void => {
      failures++;
      end();
    };
    srf.createUAS(req, res, { localSdp: sdp }, (error, a) => {
      if (a === undefined || (error !== null && error !== undefined)) return fail();
      let b: PlainDialog | undefined;
      a.on('destroy', () => {
        end();
        void b?.destroy().catch(() => undefined);
      });
      if (target === undefined) return fail();
      srf.createUAC(target, { localSdp: sdp }, {}, (uacError, party) => {
        if (party === undefined || (uacError !== null && uacError !== undefined)) {
          fail();
          void a.destroy().catch(() => undefined);
          return;
        }
        b = party;
        party.on('destroy', () => {
          end();
          void a.destroy().catch(() => undefined);
        });
        if (ended) {
          void party.destroy().catch(() => undefined);
          return;
        }
        up = true;
        connected++;
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    srf.on('connect', (err) => (err === null || err === undefined ? resolve() : reject(err instanceof Error ? err : new Error(String(err)))));
    srf.connect(drachtio);
  });
  return {
    connected: () => connected,
    open: () => open,
    failures: () => failures,
    stop: () => {
      srf.disconnect();
      return Promise.resolve();
    },
  };
}
