/**
 * Runtime values of the flow expression language. int, duration (milliseconds)
 * and status are numbers; string and uri are strings. Plain JSON on purpose:
 * snapshots, events and effects are saved, logged and compared as they are.
 */
export type Value = string | number | boolean;

export type ValueType = 'string' | 'int' | 'bool' | 'duration' | 'uri' | 'status';

/** Where a transition or effect was written in the `.flow` source (1-based). */
export interface SourceRef {
  readonly line: number;
  readonly column: number;
}

/** What the flow knows of a call leg. Verbs and leg events move it; the checker reasons about it. */
export type LegState = 'idle' | 'dialing' | 'early' | 'connected' | 'held' | 'ended';
