/**
 * The adapter's dialogs by id, and the lookups SIP needs beyond the id: the
 * dialog a Replaces header names, a recovered dialog by drachtio-server's
 * dialog id, and every dialog of one owner (to end a session's calls).
 */
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { PortDialog } from './port-dialog.js';

/** How many ended dialog ids are remembered, so a late request on one is a no-op rather than a failure. */
const ENDED_REMEMBERED = 4096;

/** How many ended dialogs of one session are saved with it (a flow has a handful of legs). */
const ENDED_PER_OWNER = 16;

export class DialogTable {
  private readonly byId = new Map<string, PortDialog>();
  /** A session's dialogs, found at every settled step (its snapshot's facts): a scan of every dialog there was quadratic in the calls up. */
  private readonly byOwner = new Map<DialogOwner, PortDialog[]>();
  private readonly endedIds = new Set<string>();
  /**
   * The same ids in the order they ended, a ring: the oldest is evicted in
   * O(1). Taking it from the Set's iterator skipped every deleted entry
   * before it (up to thousands once the Set is full), at every ended dialog.
   */
  private readonly endedRing: (string | undefined)[] = [];
  private endedNext = 0;
  /**
   * The ended dialogs of each owner, saved with its session: after a restart a
   * leg still bound to one (a hung-up external leg) is adopted as ended, not
   * reported lost.
   */
  private readonly endedOf = new WeakMap<DialogOwner, { readonly id: string; readonly direction: 'outbound' | 'inbound' }[]>();

  get size(): number {
    return this.byId.size;
  }

  add(dialog: PortDialog): void {
    this.byId.set(dialog.id, dialog);
    this.index(dialog, dialog.owner);
    dialog.table = this;
  }

  /** A dialog of this table changed hands (an adopted recovered dialog, an accepted call). */
  ownerChanged(dialog: PortDialog, before: DialogOwner | undefined): void {
    this.unindex(dialog, before);
    this.index(dialog, dialog.owner);
  }

  get(id: string): PortDialog | undefined {
    return this.byId.get(id);
  }

  /** Forgets an ended dialog, remembering only that it existed. */
  delete(id: string): void {
    const dialog = this.byId.get(id);
    if (dialog === undefined) return;
    this.byId.delete(id);
    dialog.table = undefined;
    this.unindex(dialog, dialog.owner);
    if (dialog.owner !== undefined) {
      let ended = this.endedOf.get(dialog.owner);
      if (ended === undefined) this.endedOf.set(dialog.owner, (ended = []));
      ended.push({ id, direction: dialog.direction });
      if (ended.length > ENDED_PER_OWNER) ended.shift();
    }
    this.rememberEnded(id);
  }

  /** Remembers that a dialog id existed and ended (a recovered session's ended legs). */
  rememberEnded(id: string): void {
    if (this.endedIds.has(id)) return;
    const oldest = this.endedRing[this.endedNext];
    if (oldest !== undefined) this.endedIds.delete(oldest);
    this.endedRing[this.endedNext] = id;
    this.endedNext = (this.endedNext + 1) % ENDED_REMEMBERED;
    this.endedIds.add(id);
  }

  /** The dialogs of `owner` that ended (the most recent ones). */
  endedBy(owner: DialogOwner): readonly { readonly id: string; readonly direction: 'outbound' | 'inbound' }[] {
    return this.endedOf.get(owner) ?? [];
  }

  /** The id named a dialog of this table that has ended since. */
  hasEnded(id: string): boolean {
    return this.endedIds.has(id);
  }

  values(): IterableIterator<PortDialog> {
    return this.byId.values();
  }

  /**
   * The live dialog named by Call-ID and a pair of tags. Either order of the
   * tags matches: senders disagree on whose view Replaces is written from
   * (the same tolerance as simulate's).
   */
  findByTags(callId: string, tagA: string, tagB: string): PortDialog | undefined {
    for (const dialog of this.byId.values()) {
      const c = dialog.coordinates;
      if (c === undefined || dialog.ended || c.callId !== callId) continue;
      if ((c.localTag === tagA && c.remoteTag === tagB) || (c.localTag === tagB && c.remoteTag === tagA)) return dialog;
    }
    return undefined;
  }

  findByStackId(stackDialogId: string): PortDialog | undefined {
    for (const dialog of this.byId.values()) if (dialog.stackDialogId === stackDialogId) return dialog;
    return undefined;
  }

  /** Every dialog of `owner` still in the table, ended ones included (their BYE still on its way). */
  heldBy(owner: DialogOwner): readonly PortDialog[] {
    return this.byOwner.get(owner) ?? NO_DIALOGS;
  }

  ownedBy(owner: DialogOwner): PortDialog[] {
    const out: PortDialog[] = [];
    for (const dialog of this.byOwner.get(owner) ?? NO_DIALOGS) if (!dialog.ended) out.push(dialog);
    return out;
  }

  // A short array per owner, not a Set: a session has two or three dialogs, and a Set's table
  // cost ~150 bytes a call in the benchmark's heap.
  private index(dialog: PortDialog, owner: DialogOwner | undefined): void {
    if (owner === undefined) return;
    const list = this.byOwner.get(owner);
    if (list === undefined) this.byOwner.set(owner, [dialog]);
    // concat, not push: a push grows the array to 17 slots (~150 bytes a call held for nothing).
    else if (!list.includes(dialog)) this.byOwner.set(owner, list.concat(dialog));
  }

  private unindex(dialog: PortDialog, owner: DialogOwner | undefined): void {
    if (owner === undefined) return;
    const list = this.byOwner.get(owner);
    if (list === undefined) return;
    const at = list.indexOf(dialog);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.byOwner.delete(owner);
  }
}

const NO_DIALOGS: readonly PortDialog[] = [];