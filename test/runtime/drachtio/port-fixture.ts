/** A DrachtioSipPort on the fake drachtio, a virtual clock, and a session stand-in that records what it hears. */
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import { DrachtioSipPort } from '../../../runtime/drachtio/drachtio-sip-port.js';
import { FixedSdpAnchor } from '../../../runtime/drachtio/fixed-sdp-anchor.js';
import type { GlareTiming } from '../../../runtime/drachtio/glare-timing.js';
import type { PortDialog } from '../../../runtime/drachtio/port-dialog.js';
import type { Effect } from '../../../runtime/effects.js';
import type { DialogOwner } from '../../../runtime/ports/dialog-owner.js';
import type { DialogSignal } from '../../../runtime/ports/dialog-signal.js';
import type { PortFailure } from '../../../runtime/ports/port-failure.js';
import { FakeSrf, settle, type DrachtioDialog } from './fake-drachtio.js';

export class RecordingOwner implements DialogOwner {
  readonly flow = 'Test';
  readonly key = 'k1';
  readonly signals: { readonly dialog: string; readonly signal: DialogSignal }[] = [];
  readonly failures: { readonly effect: Effect; readonly failure: PortFailure }[] = [];
  readonly legs = new Map<string, string>();

  dialogEvent(dialogId: string, signal: DialogSignal): void {
    this.signals.push({ dialog: dialogId, signal });
  }

  effectFailed(effect: Effect, failure: PortFailure): void {
    this.failures.push({ effect, failure });
  }

  legOf(dialogId: string): string | undefined {
    return this.legs.get(dialogId);
  }

  /** Signal types heard on one dialog, in order. */
  heard(dialogId: string): string[] {
    return this.signals.filter((s) => s.dialog === dialogId).map((s) => s.signal.type);
  }
}

/** Glare waits recorded and skipped. */
export class InstantGlare implements GlareTiming {
  readonly waits: number[] = [];
  random(): number {
    return 0.5;
  }
  wait(ms: number): Promise<void> {
    this.waits.push(ms);
    return Promise.resolve();
  }
}

export function portFixture(options: { connected?: () => boolean } = {}) {
  const srf = new FakeSrf();
  const clock = new VirtualClock(1_000);
  const glare = new InstantGlare();
  let n = 0;
  const port = new DrachtioSipPort({
    srf,
    clock,
    media: new FixedSdpAnchor({ address: '127.0.0.1', port: 4000 }),
    glare,
    newId: () => `d${++n}`,
    ...(options.connected === undefined ? {} : { connected: options.connected }),
  });
  const owner = new RecordingOwner();
  return { srf, clock, glare, port, owner, agent: srf.agent };
}

export type PortFixture = ReturnType<typeof portFixture>;

/** Dials `uri` and brings the call up; returns the dialog id and drachtio's dialog. */
export async function answeredCall(f: PortFixture, uri = 'sip:agent@127.0.0.2'): Promise<{ id: string; sip: DrachtioDialog }> {
  const id = f.port.dial(f.owner, { leg: 'agent', to: uri, headers: {} });
  if (typeof id !== 'string') throw new Error(id.message);
  await settle();
  const sip = f.srf.lastUac().sent().answer();
  await settle();
  return { id, sip };
}

export function dialogOf(f: PortFixture, id: string): PortDialog {
  const dialog = f.port.dialogs.get(id);
  if (dialog === undefined) throw new Error(`no dialog ${id}`);
  return dialog;
}
