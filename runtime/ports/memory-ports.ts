/** A full set of recording ports, typed concretely so tests can read what each was asked. */
import { MemoryEventBus } from './memory-event-bus.js';
import { MemoryFlowRouter } from './memory-flow-router.js';
import { MemoryMediaPort } from './memory-media-port.js';
import { MemorySipPort } from './memory-sip-port.js';
import type { Ports } from './ports.js';

export interface MemoryPorts extends Ports {
  readonly sip: MemorySipPort;
  readonly media: MemoryMediaPort;
  readonly bus: MemoryEventBus;
  readonly router: MemoryFlowRouter;
}

export function createMemoryPorts(): MemoryPorts {
  return {
    sip: new MemorySipPort(),
    media: new MemoryMediaPort(),
    bus: new MemoryEventBus(),
    router: new MemoryFlowRouter(),
  };
}
