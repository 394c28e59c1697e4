/** A LiveSystem over memory ports and a virtual clock: the live app without drachtio or FreeSWITCH. */
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import type { DialogFacts } from '../../../runtime/drachtio/dialog-facts.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { MemorySnapshotStore } from '../../../runtime/persist/memory-snapshot-store.js';
import type { DialogOwner } from '../../../runtime/ports/dialog-owner.js';
import { MemoryMediaPort } from '../../../runtime/ports/memory-media-port.js';
import { MemorySipPort } from '../../../runtime/ports/memory-sip-port.js';
import type { CallControl } from '../../../runtime/live/call-control.js';
import { MemoryDialogFactsStore } from '../../../runtime/live/dialog-facts-store.js';
import { LiveSystem } from '../../../runtime/live/live-system.js';
import { FlowSession } from '../../../runtime/session/flow-session.js';
import type { AdapterLog } from '../../../runtime/drachtio/adapter-log.js';

export class RecordingLog implements AdapterLog {
  readonly lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  debug(fields: object, message: string): void {
    this.add('debug', fields, message);
  }
  info(fields: object, message: string): void {
    this.add('info', fields, message);
  }
  warn(fields: object, message: string): void {
    this.add('warn', fields, message);
  }
  error(fields: object, message: string): void {
    this.add('error', fields, message);
  }
  messages(level?: string): string[] {
    return this.lines.filter((l) => level === undefined || l.level === level).map((l) => l.message);
  }
  private add(level: string, fields: object, message: string): void {
    this.lines.push({ level, message, fields: { ...fields } as Record<string, unknown> });
  }
}

/** CallControl over a MemorySipPort: a session's calls are the dialogs its legs are bound to. */
export class MemoryCallControl implements CallControl {
  readonly ended: string[] = [];
  constructor(private readonly sip: MemorySipPort) {}

  endCalls(owner: DialogOwner, keep: ReadonlySet<string> = new Set()): number {
    if (!(owner instanceof FlowSession)) return 0;
    let n = 0;
    for (const { dialogId } of owner.legBindings()) {
      if (this.sip.ownerOf(dialogId) !== owner || keep.has(dialogId)) continue;
      this.sip.hangup(owner, dialogId);
      this.ended.push(dialogId);
      n++;
    }
    return n;
  }

  callIdOf(dialogId: string): string | undefined {
    return `call-${dialogId}`;
  }

  factsOf(owner: DialogOwner): DialogFacts[] {
    if (!(owner instanceof FlowSession)) return [];
    return owner.legBindings().map((b) => ({ id: b.dialogId, direction: 'outbound', phase: 'confirmed' }));
  }
}

export function memoryLive(machines: readonly AnyFlowMachine[], options: { readonly persist?: boolean } = {}) {
  const clock = new VirtualClock(Date.UTC(2025, 0, 1));
  const sip = new MemorySipPort();
  const media = new MemoryMediaPort();
  const store = new MemorySnapshotStore();
  const facts = new MemoryDialogFactsStore();
  const log = new RecordingLog();
  const calls = new MemoryCallControl(sip);
  const system = new LiveSystem({ machines, sip, media, calls, clock, store, facts, log, health: () => ({ drachtio: true }), ...(options.persist === undefined ? {} : { persist: options.persist }) });
  return { clock, sip, media, store, facts, log, calls, system };
}

export type MemoryLive = ReturnType<typeof memoryLive>;

export const EXTERNAL_TRANSFER_INPUTS = {
  agentUri: 'sip:5020@127.0.0.20',
  customerUri: 'sip:+4930123@127.0.0.30',
  externalUri: 'sip:+4940555@127.0.0.30',
};
