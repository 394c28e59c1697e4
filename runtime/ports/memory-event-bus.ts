/** An EventBus that keeps what was published, for tests and simulation. */
import type { EmittedEvent, EventBus } from './event-bus.js';
import type { PortFailure } from './port-failure.js';

export class MemoryEventBus implements EventBus {
  readonly published: EmittedEvent[] = [];
  /** When set, publishing fails with it. */
  failing: PortFailure | undefined;

  publish(emitted: EmittedEvent): PortFailure | undefined {
    if (this.failing !== undefined) return this.failing;
    this.published.push(emitted);
    return undefined;
  }
}
