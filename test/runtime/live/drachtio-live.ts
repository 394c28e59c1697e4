/**
 * A LiveSystem over the real drachtio adapter on the fake drachtio
 * (test/runtime/drachtio/fake-drachtio.ts): what `flowc run` builds, minus
 * the sockets. Two of them over the same stores are a process and its
 * restart.
 */
import type { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import { DrachtioSipPort } from '../../../runtime/drachtio/drachtio-sip-port.js';
import { FixedSdpAnchor } from '../../../runtime/drachtio/fixed-sdp-anchor.js';
import { NoMediaPort } from '../../../runtime/drachtio/no-media-port.js';
import type { DialogFactsStore } from '../../../runtime/live/dialog-facts-store.js';
import { LiveSystem } from '../../../runtime/live/live-system.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import type { SnapshotStore } from '../../../runtime/persist/snapshot-store.js';
import { FakeSrf } from '../drachtio/fake-drachtio.js';
import { InstantGlare } from '../drachtio/port-fixture.js';
import { RecordingLog } from './memory-live.js';

export function drachtioLive(machines: readonly AnyFlowMachine[], clock: VirtualClock, store: SnapshotStore, facts: DialogFactsStore, idPrefix: string) {
  const srf = new FakeSrf();
  const log = new RecordingLog();
  let n = 0;
  const port = new DrachtioSipPort({
    srf,
    clock,
    media: new FixedSdpAnchor({ address: '127.0.0.1' }),
    glare: new InstantGlare(),
    newId: () => `${idPrefix}${++n}`,
    log,
  });
  const system = new LiveSystem({ machines, sip: port, media: new NoMediaPort(), calls: port, clock, store, facts, log });
  return { srf, port, system, log, agent: srf.agent };
}
