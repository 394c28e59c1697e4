/**
 * A FlowRouter for a session running alone: it records the sends and
 * delivers nothing. Cooperating flows run in a SessionRegistry instead.
 */
import type { FlowEvent } from '../machine.js';
import type { DialogOwner } from './dialog-owner.js';
import type { FlowRouter } from './flow-router.js';
import type { PortFailure } from './port-failure.js';

export interface RoutedEvent {
  readonly from: DialogOwner;
  readonly flow: string;
  readonly key: string;
  readonly event: FlowEvent;
}

export class MemoryFlowRouter implements FlowRouter {
  readonly sent: RoutedEvent[] = [];
  failing: PortFailure | undefined;

  route(from: DialogOwner, flow: string, key: string, event: FlowEvent): PortFailure | undefined {
    if (this.failing !== undefined) return this.failing;
    this.sent.push({ from, flow, key, event });
    return undefined;
  }
}
