/**
 * The ports a replayed session runs its effects through. The replay reads
 * every effect from the session's step records (with its `.flow` line) and
 * compares the SIP ones with the trace, so these ports only have to let the
 * handlers succeed: the SIP port hands out dialog ids (the session's leg
 * table needs them), everything else is accepted and forgotten — nothing is
 * kept per call, so a 10,000-call trace does not pile up records.
 */
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { EventBus } from '../ports/event-bus.js';
import type { FlowRouter } from '../ports/flow-router.js';
import type { MediaPort } from '../ports/media-port.js';
import type { PortFailure } from '../ports/port-failure.js';
import type { Ports } from '../ports/ports.js';
import { AcceptingSipPort } from '../ports/accepting-sip-port.js';

class ReplaySipPort extends AcceptingSipPort {
  #next = 1;

  protected newDialogId(): string {
    return `r${this.#next++}`;
  }

  /** An id for an offered dialog, bound to the inbound leg before the session starts. */
  offer(): string {
    return this.newDialogId();
  }
}

const accept = (): PortFailure | undefined => undefined;

const media: MediaPort = {
  startMusic: accept,
  stopMusic: accept,
  bridge: accept,
  unbridge: accept,
  conference: accept,
  play: accept,
  collect: accept,
};

const bus: EventBus = { publish: accept };

const router: FlowRouter = {
  route(_from: DialogOwner): PortFailure | undefined {
    return undefined;
  },
};

export interface ReplayPorts extends Ports {
  readonly sip: ReplaySipPort;
}

export function createReplayPorts(): ReplayPorts {
  return { sip: new ReplaySipPort(), media, bus, router };
}
