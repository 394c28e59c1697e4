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
  /** false: the store keeps nothing anyone reads (a memory store: nothing survives a restart), so nothing is saved at all. */
  readonly enabled?: boolean;
  readonly store: SnapshotStore;
  readonly facts: DialogFactsStore;
  /** The session's SIP dialogs as the port would recover them. */
  readonly factsOf: (session: FlowSession) => readonly DialogFacts[];
  readonly log: AdapterLog;
  readonly failed: () => void;
}

/**
 * What was saved last, as fingerprints of the JSON texts rather than the
 * texts: a live call keeps 2–3 KB of them otherwise (the benchmark's heap per
 * held call). Two independent 32-bit hashes: a change they both miss, which
 * would skip one write, has odds of 2^-64.
 */
interface Saved {
  record: Fingerprint;
  facts: Fingerprint;
}

type Fingerprint = readonly [number, number];

export class SnapshotPersister {
  private readonly saved = new WeakMap<FlowSession, Saved>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly enabled: boolean;

  constructor(private readonly options: PersisterOptions) {
    this.enabled = options.enabled ?? true;
  }

  save(session: FlowSession): void {
    if (!this.enabled || session.snapshot === undefined || session.done) return;
    const record = session.save();
    const recordPrint = fingerprint(JSON.stringify(record));
    const facts = this.options.factsOf(session);
    const factsPrint = fingerprint(JSON.stringify(facts));
    const last = this.saved.get(session);
    if (last !== undefined && same(last.record, recordPrint) && same(last.facts, factsPrint)) return;
    this.saved.set(session, { record: recordPrint, facts: factsPrint });
    // Facts first: a record whose dialogs are not saved yet would restore legs the port cannot adopt.
    if (last === undefined || !same(last.facts, factsPrint)) this.track(this.options.facts.put(session.flow, session.key, facts), session);
    this.track(this.options.store.put(record), session);
  }

  forget(session: FlowSession): void {
    if (!this.enabled) return;
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

function same(a: Fingerprint, b: Fingerprint): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** FNV-1a and a multiplicative hash (different primes, different seeds) over the UTF-16 code units. */
function fingerprint(text: string): Fingerprint {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a >>> 0, b >>> 0];
}
