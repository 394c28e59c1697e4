/**
 * Saves each session whenever it settles (its mailbox empty: a consistent
 * point), with its SIP dialogs, and forgets it when it ends. A record that
 * has not changed since the last save is not written again. Store failures
 * are logged and counted: the call goes on, only unprotected.
 */
import type { DialogFacts } from '../drachtio/dialog-facts.js';
import type { SnapshotStore, StoreFailure } from '../persist/snapshot-store.js';
import type { FlowSession } from '../session/flow-session.js';
import type { AdapterLog } from '../drachtio/adapter-log.js';
import type { DialogFactsStore } from './dialog-facts-store.js';

export interface PersisterOptions {
  readonly store: SnapshotStore;
  readonly facts: DialogFactsStore;
  /** The session's SIP dialogs as the port would recover them. */
  readonly factsOf: (session: FlowSession) => readonly DialogFacts[];
  readonly log: AdapterLog;
  readonly failed: () => void;
}

interface Saved {
  record: string;
  facts: string;
}

export class SnapshotPersister {
  private readonly saved = new WeakMap<FlowSession, Saved>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: PersisterOptions) {}

  save(session: FlowSession): void {
    if (session.snapshot === undefined || session.done) return;
    const record = session.save();
    const recordText = JSON.stringify(record);
    const facts = this.options.factsOf(session);
    const factsText = JSON.stringify(facts);
    const last = this.saved.get(session);
    if (last !== undefined && last.record === recordText && last.facts === factsText) return;
    this.saved.set(session, { record: recordText, facts: factsText });
    // Facts first: a record whose dialogs are not saved yet would restore legs the port cannot adopt.
    if (last?.facts !== factsText) this.track(this.options.facts.put(session.flow, session.key, facts), session);
    this.track(this.options.store.put(record), session);
  }

  forget(session: FlowSession): void {
    this.saved.delete(session);
    this.track(this.options.store.delete(session.flow, session.key), session);
    this.track(this.options.facts.delete(session.flow, session.key), session);
  }

  /** Settles when every write started so far is done (shutdown, tests). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private track(write: Promise<StoreFailure | undefined>, session: FlowSession): void {
    const tracked = write.then(
      (failure) => {
        if (failure !== undefined) this.failed(session, failure.message);
      },
      (error: unknown) => this.failed(session, error instanceof Error ? error.message : String(error)),
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private failed(session: FlowSession, message: string): void {
    this.options.failed();
    this.options.log.error({ flow: session.flow, key: session.key, error: message }, 'session snapshot not saved');
  }
}
