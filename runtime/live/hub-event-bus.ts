/** The EventBus of a live run: what flows emit goes out on the live event stream. */
import type { EmittedEvent, EventBus } from '../ports/event-bus.js';
import type { PortFailure } from '../ports/port-failure.js';
import type { Clock } from '../clock/clock.js';
import { nowIso, type LiveEventHub } from './live-events.js';

export class HubEventBus implements EventBus {
  constructor(
    private readonly hub: LiveEventHub,
    private readonly clock: Clock,
  ) {}

  publish(emitted: EmittedEvent): PortFailure | undefined {
    this.hub.publish({ type: 'emitted', flow: emitted.flow, key: emitted.key, event: emitted.event, payload: emitted.payload, at: nowIso(this.clock.now()) });
    return undefined;
  }
}
