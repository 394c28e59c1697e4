/** A SessionObserver that keeps everything it is told, for assertions. */
import type { EmitEffect } from '../../../runtime/effects.js';
import type { FlowEvent } from '../../../runtime/machine.js';
import type { FlowSession } from '../../../runtime/session/flow-session.js';
import type { SessionError } from '../../../runtime/session/session-error.js';
import type { DropReason, SessionObserver, StepRecord } from '../../../runtime/session/session-observer.js';

export class RecordingObserver implements SessionObserver {
  readonly steps: StepRecord[] = [];
  readonly emits: EmitEffect[] = [];
  readonly errors: SessionError[] = [];
  readonly drops: { event: FlowEvent; reason: DropReason }[] = [];
  /** In the order the callbacks came, tagged with the session's key. */
  readonly log: string[] = [];
  settledCount = 0;
  doneCount = 0;

  step(session: FlowSession, step: StepRecord): void {
    this.steps.push(step);
    this.log.push(`${session.flow}(${session.key ?? ''}) ${step.event?.type ?? '$start'} -> ${step.after.join('.')}`);
  }
  emitted(_session: FlowSession, effect: EmitEffect): void {
    this.emits.push(effect);
  }
  error(_session: FlowSession, error: SessionError): void {
    this.errors.push(error);
  }
  dropped(_session: FlowSession, event: FlowEvent, reason: DropReason): void {
    this.drops.push({ event, reason });
  }
  settled(): void {
    this.settledCount++;
  }
  done(): void {
    this.doneCount++;
  }
}
