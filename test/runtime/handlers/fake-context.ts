/** An EffectContext over recording ports, with a plain leg map and a timer log. */
import type { EffectContext } from '../../../runtime/handlers/effect-context.js';
import type { Effect } from '../../../runtime/effects.js';
import type { DialogSignal } from '../../../runtime/ports/dialog-signal.js';
import { createMemoryPorts, type MemoryPorts } from '../../../runtime/ports/memory-ports.js';
import type { PortFailure } from '../../../runtime/ports/port-failure.js';

export class FakeContext implements EffectContext {
  readonly flow = 'Test';
  readonly key = 'k1';
  readonly ports: MemoryPorts = createMemoryPorts();
  readonly legs = new Map<string, string>();
  readonly timerLog: string[] = [];
  readonly signals: { dialogId: string; signal: DialogSignal }[] = [];

  dialogOf(leg: string): string | undefined {
    return this.legs.get(leg);
  }
  bindLeg(leg: string, dialogId: string): void {
    this.legs.set(leg, dialogId);
  }
  startTimer(timer: string, delayMs: number): void {
    this.timerLog.push(`start ${timer} ${delayMs}`);
  }
  cancelTimer(timer: string): void {
    this.timerLog.push(`cancel ${timer}`);
  }
  dialogEvent(dialogId: string, signal: DialogSignal): void {
    this.signals.push({ dialogId, signal });
  }
  effectFailed(_effect: Effect, _failure: PortFailure): void {}

  /** Binds `leg` to a dialog the SIP port knows, as a dial would. */
  offer(leg: string): string {
    const id = this.ports.sip.offer(this);
    this.bindLeg(leg, id);
    return id;
  }
}
