export type * from './values.js';
export type * from './effects.js';
export type * from './machine.js';

// Runtime core: clock, ports, session, registry, persistence.
export type { ArmedTimer, Clock, TimerSink } from './clock/clock.js';
export { VirtualClock } from './clock/virtual-clock.js';
export { SystemClock } from './clock/system-clock.js';

export type { DialogSignal, DialogSignalType } from './ports/dialog-signal.js';
export type { DialogOwner } from './ports/dialog-owner.js';
export type { DialRequest, SipPort } from './ports/sip-port.js';
export type { CollectRequest, MediaPort } from './ports/media-port.js';
export type { EmittedEvent, EventBus } from './ports/event-bus.js';
export type { FlowRouter } from './ports/flow-router.js';
export type { Ports } from './ports/ports.js';
export { portFailure, type PortFailure } from './ports/port-failure.js';
export { MemorySipPort, type SipCall, type SipOp, type SipResponder } from './ports/memory-sip-port.js';
export { MemoryMediaPort, type MediaCall, type MediaOp, type MediaResponder } from './ports/memory-media-port.js';
export { MemoryEventBus } from './ports/memory-event-bus.js';
export { MemoryFlowRouter, type RoutedEvent } from './ports/memory-flow-router.js';
export { createMemoryPorts, type MemoryPorts } from './ports/memory-ports.js';

export type { EffectContext, EffectFailure, UnboundLegFailure } from './handlers/effect-context.js';
export { effectHandlers, runEffect, type EffectHandler, type EffectHandlers } from './handlers/effect-handlers.js';

export {
  FlowSession,
  type SessionEnvironment,
  type SessionOptions,
  type SharedSessionOptions,
} from './session/flow-session.js';
export type { EventRejection, InboundEvent } from './session/event-check.js';
export type { SessionError } from './session/session-error.js';
export type { DropReason, SessionLogger, SessionObserver, StepRecord } from './session/session-observer.js';
export type { LegBinding } from './session/leg-table.js';
export type { PendingTimer } from './session/timer-table.js';

export {
  SessionRegistry,
  type RegistryFailure,
  type RegistryOptions,
  type RestoreReport,
} from './registry/session-registry.js';

export {
  parseSessionRecord,
  SESSION_RECORD_VERSION,
  type RecordProblem,
  type SessionRecord,
} from './persist/session-record.js';
export { isStoreFailure, storeFailure, type SnapshotStore, type StoreFailure, type StoredRecords } from './persist/snapshot-store.js';
export { MemorySnapshotStore } from './persist/memory-snapshot-store.js';
export { FileSnapshotStore, recordFileName, type FileStoreOptions } from './persist/file-snapshot-store.js';
export {
  findResumeDivergences,
  runScript,
  type ResumeDivergence,
  type ResumeOptions,
  type RunOutcome,
  type ScriptStep,
} from './persist/resume-check.js';
