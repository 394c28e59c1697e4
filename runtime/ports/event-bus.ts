/**
 * Where emitted events go (desktop, supervisor stream, CIM, alarms): out of
 * the flow world. Events between flows go through a FlowRouter instead.
 */
import type { SourceRef, Value } from '../values.js';
import type { PortFailure } from './port-failure.js';

export interface EmittedEvent {
  readonly flow: string;
  readonly key: string | undefined;
  readonly event: string;
  readonly payload: Readonly<Record<string, Value>>;
  readonly at: SourceRef;
}

export interface EventBus {
  publish(emitted: EmittedEvent): PortFailure | undefined;
}
