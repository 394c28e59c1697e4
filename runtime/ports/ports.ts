/** Everything outside the machine that a session's effects reach. */
import type { EventBus } from './event-bus.js';
import type { FlowRouter } from './flow-router.js';
import type { MediaPort } from './media-port.js';
import type { SipPort } from './sip-port.js';

export interface Ports {
  readonly sip: SipPort;
  readonly media: MediaPort;
  readonly bus: EventBus;
  readonly router: FlowRouter;
}
