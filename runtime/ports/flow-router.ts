/**
 * Delivers `send Event to Flow(key)` to the flow instance with that key. The
 * SessionRegistry is the router of a running system.
 */
import type { FlowEvent } from '../machine.js';
import type { DialogOwner } from './dialog-owner.js';
import type { PortFailure } from './port-failure.js';

export interface FlowRouter {
  route(from: DialogOwner, flow: string, key: string, event: FlowEvent): PortFailure | undefined;
}
