/**
 * The dial and takeover expectations of every call: what a new INVITE from
 * the flow side may meet. With thousands of calls overlapping, comparing
 * each INVITE with all of them grows with concurrency, so they are indexed
 * by the only INVITEs that can meet them — a dial by the Request-URI user it
 * needs (dials that take any user apart), a takeover by its call (the
 * dialog an INVITE's Replaces names belongs to one call) — and are still
 * met oldest first, as if scanned in the order they were made.
 *
 * An INVITE with a Replaces header never meets a dial, one without never
 * meets a takeover (expectation-match.ts): each looks in one kind only.
 */
import type { SipMessage } from '../sip/message.js';
import type { Expectation } from './expectation.js';
import { dialUser, matchExpectation, type MatchResult } from './expectation-match.js';
import { replacesOf, requestUser } from './message-fields.js';
import type { ReplayCall } from './replay-call.js';
import type { TraceDialog } from './trace-dialog.js';

export interface Found {
  readonly expectation: Expectation;
  readonly match: Extract<MatchResult, { kind: 'match' }>;
}

/** An expectation the message nearly meets: same kind of message, a detail differs. */
export interface Near {
  readonly expectation: Expectation;
  readonly detail: string;
}

interface Entry {
  readonly expectation: Expectation;
  /** Order of making: the oldest of several candidates is met. */
  readonly seq: number;
  /** The set it is filed in, and that set's key in its map (undefined: the dials that take any user). */
  readonly bucket: Set<Entry>;
  readonly key: string | ReplayCall | undefined;
}

const NO_ENTRIES: ReadonlySet<Entry> = new Set();

export class PendingInvites {
  /** Every entry, oldest first (a Map keeps insertion order and deletes in O(1)). */
  readonly #entries = new Map<Expectation, Entry>();
  readonly #dialsByUser = new Map<string, Set<Entry>>();
  readonly #anyUserDials = new Set<Entry>();
  readonly #takeoversByCall = new Map<ReplayCall, Set<Entry>>();
  #made = 0;

  /** How many were ever added: `near(..., mark)` looks only at those added before it. */
  get mark(): number {
    return this.#made;
  }

  add(expectation: Expectation): void {
    if (expectation.kind !== 'effect') return;
    const effect = expectation.effect;
    let key: string | ReplayCall | undefined;
    let bucket: Set<Entry>;
    if (effect.kind === 'takeover') {
      key = expectation.call;
      bucket = filed(this.#takeoversByCall, key);
    } else if (effect.kind === 'dial') {
      key = dialUser(effect);
      bucket = key === undefined ? this.#anyUserDials : filed(this.#dialsByUser, key);
    } else {
      return;
    }
    const entry: Entry = { expectation, seq: this.#made++, bucket, key };
    this.#entries.set(expectation, entry);
    bucket.add(entry);
  }

  remove(expectation: Expectation): void {
    const entry = this.#entries.get(expectation);
    if (entry === undefined) return;
    this.#entries.delete(expectation);
    const bucket = entry.bucket;
    bucket.delete(entry);
    if (bucket.size > 0 || bucket === this.#anyUserDials) return;
    if (typeof entry.key === 'string') this.#dialsByUser.delete(entry.key);
    else if (entry.key !== undefined) this.#takeoversByCall.delete(entry.key);
  }

  /** The oldest pending expectation the new INVITE meets. `dialogs`: the trace's dialogs by Call-ID. */
  find(message: SipMessage, dialogs: ReadonlyMap<string, TraceDialog>): Found | undefined {
    if (this.#entries.size === 0) return undefined;
    const replaces = replacesOf(message);
    if (replaces !== undefined) {
      // Only the takeovers of the call whose dialog Replaces names can be met (the dialog must be the leg's current one).
      const call = replaces.ok ? dialogs.get(replaces.value.callId)?.call : undefined;
      const takeovers = call === undefined ? undefined : this.#takeoversByCall.get(call);
      return takeovers === undefined ? undefined : firstMatch(takeovers, NO_ENTRIES, message);
    }
    const user = requestUser(message);
    const byUser = user === undefined ? undefined : this.#dialsByUser.get(user);
    return firstMatch(byUser ?? NO_ENTRIES, this.#anyUserDials, message);
  }

  /** The oldest expectation added before `mark` that the INVITE nearly meets (for the divergence). */
  near(message: SipMessage, mark: number): Near | undefined {
    for (const entry of this.#entries.values()) {
      if (entry.seq >= mark) break;
      const match = matchExpectation(entry.expectation, message, undefined);
      if (match?.kind === 'mismatch') return { expectation: entry.expectation, detail: match.detail };
    }
    return undefined;
  }
}

/** The set filed under `key`, made when there is none yet. */
function filed<K>(map: Map<K, Set<Entry>>, key: K): Set<Entry> {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

/** The oldest entry of two sets (each oldest first) that the message meets. */
function firstMatch(a: ReadonlySet<Entry>, b: ReadonlySet<Entry>, message: SipMessage): Found | undefined {
  const first = firstMatchIn(a, message, Infinity);
  const second = firstMatchIn(b, message, first?.seq ?? Infinity);
  const best = second ?? first;
  return best === undefined ? undefined : { expectation: best.entry.expectation, match: best.match };
}

/** The first entry of `set` older than `before` that the message meets. */
function firstMatchIn(set: ReadonlySet<Entry>, message: SipMessage, before: number): { entry: Entry; seq: number; match: Found['match'] } | undefined {
  for (const entry of set) {
    if (entry.seq >= before) return undefined;
    const match = matchExpectation(entry.expectation, message, undefined);
    if (match?.kind === 'match') return { entry, seq: entry.seq, match };
  }
  return undefined;
}
