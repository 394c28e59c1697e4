/**
 * The live event stream: state changes, emitted events, errors, and
 * sessions starting and ending, as plain JSON for the WebSocket API and any
 * other listener. Publishing never throws into the session that caused it.
 */
import type { Value } from '../values.js';

interface LiveEventBase {
  readonly flow: string;
  readonly key: string | undefined;
  /** ISO 8601 time of the event. */
  readonly at: string;
}

export type LiveEvent =
  | (LiveEventBase & {
      readonly type: 'state';
      /** The event the machine took (`Consult`, `agent.answered`, `$timer`); undefined for the initial step. */
      readonly event: string | undefined;
      readonly before: readonly string[];
      readonly after: readonly string[];
      /** Ids of the transitions taken (FlowDescription.transitions). */
      readonly transitions: readonly number[];
    })
  | (LiveEventBase & { readonly type: 'emitted'; readonly event: string; readonly payload: Readonly<Record<string, Value>> })
  | (LiveEventBase & { readonly type: 'error'; readonly kind: string; readonly message: string })
  | (LiveEventBase & { readonly type: 'started' })
  | (LiveEventBase & { readonly type: 'ended'; readonly reason: string });

export type LiveEventListener = (event: LiveEvent) => void;

export class LiveEventHub {
  private readonly listeners = new Set<LiveEventListener>();
  private failures = 0;

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Listener errors (a closed socket) counted, not thrown. */
  get listenerFailures(): number {
    return this.failures;
  }

  subscribe(listener: LiveEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: LiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        this.failures++;
      }
    }
  }
}

export function nowIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
