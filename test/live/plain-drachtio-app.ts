/**
 * The benchmark's baseline: a hand-written drachtio-srf application doing
 * what the Answer flow does (answer with a fixed SDP, forget the call on
 * BYE), with nothing else around it.
 */
import { createRequire } from 'node:module';

interface PlainDialog {
  on(event: 'destroy', listener: () => void): unknown;
}

interface PlainSrf {
  connect(opts: { host: string; port: number; secret: string }): unknown;
  disconnect(): unknown;
  on(event: 'connect', listener: (err: unknown) => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  invite(handler: (req: unknown, res: unknown) => void): unknown;
  createUAS(req: unknown, res: unknown, opts: { localSdp: string }): Promise<PlainDialog>;
}

const Srf = createRequire(import.meta.url)('drachtio-srf') as new () => PlainSrf;

export interface PlainApp {
  /** Calls up right now. */
  readonly active: () => number;
  stop(): void;
}

export async function startPlainApp(drachtio: { host: string; port: number; secret: string }, sdpAddress: string): Promise<PlainApp> {
  const srf = new Srf();
  const sdp = `v=0\r\no=plain 1 1 IN IP4 ${sdpAddress}\r\ns=plain\r\nc=IN IP4 ${sdpAddress}\r\nt=0 0\r\nm=audio 9 RTP/AVP 0 8 101\r\na=sendrecv\r\n`;
  const calls = new Set<PlainDialog>();
  srf.on('error', () => undefined);
  srf.invite((req, res) => {
    srf.createUAS(req, res, { localSdp: sdp }).then(
      (dialog) => {
        calls.add(dialog);
        dialog.on('destroy', () => calls.delete(dialog));
      },
      () => undefined,
    );
  });
  await new Promise<void>((resolve, reject) => {
    srf.on('connect', (err) => (err === null || err === undefined ? resolve() : reject(err instanceof Error ? err : new Error(String(err)))));
    srf.connect(drachtio);
  });
  return { active: () => calls.size, stop: () => void srf.disconnect() };
}
