/**
 * One dialog as the SIP adapter tracks it, under the opaque id the session
 * binds to a leg. The id outlives the SIP dialog underneath when a peer
 * replaces it (INVITE with Replaces): the leg stays on the id, the adapter
 * points it at the new dialog.
 *
 * Requests the flow asks for on one dialog run one after the other (`run`),
 * so an unhold never overtakes the hold before it; answers from the peer
 * are handled as they come.
 */
import type { ArmedTimer } from '../clock/clock.js';
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { DialogSignal } from '../ports/dialog-signal.js';
import { coordinatesOf } from './coordinates-of.js';
import type { DialogCoordinates } from './dialog-coordinates.js';
import type { SrfDialog, SrfRequest, SrfResponse } from './srf-api.js';

export type DialogPhase =
  /** Our INVITE is out (or about to be), no answer yet. */
  | 'calling'
  /** Our INVITE got a provisional answer. */
  | 'early'
  /** A peer's INVITE waits for the flow's answer or reject. */
  | 'offered'
  | 'confirmed'
  | 'ended';

export interface OfferedInvite {
  readonly req: SrfRequest;
  readonly res: SrfResponse;
  /** Listens for the caller's CANCEL while the INVITE waits (req's 'cancel' listener). */
  readonly cancelled: () => void;
}

export class PortDialog {
  private currentOwner: DialogOwner | undefined;
  /** The table holding this dialog, told when the owner changes (it keeps its dialogs by owner). */
  table: { ownerChanged(dialog: PortDialog, before: DialogOwner | undefined): void } | undefined;
  phase: DialogPhase;
  /** The drachtio dialog while confirmed (absent for a dialog recovered after a restart). */
  sip: SrfDialog | undefined;
  /** The coordinates as read or recovered; see `coordinates`. */
  private knownCoordinates: DialogCoordinates | undefined;
  /** drachtio-server's id of the dialog: what in-dialog requests of a recovered dialog go by. */
  stackDialogId: string | undefined;
  /** Our INVITE as sent: CANCEL goes through it. */
  sentInvite: SrfRequest | undefined;
  /** The peer's INVITE waiting for an answer. */
  offered: OfferedInvite | undefined;
  /** The peer's INVITE carried Replaces for this dialog: once answered, this SIP dialog gets a BYE. */
  replacedSip: SrfDialog | undefined;
  /** A takeover moved the leg to the dialog with this id: a BYE here is that leg's `replaced`. */
  supersededBy: string | undefined;
  dialTimer: ArmedTimer | undefined;
  /** The yes/no facts below, one bit each: a field each was 24 more bytes per dialog of every held call. */
  private flags = 0;
  /** Set while our answered INVITE is being confirmed: the peer's signals wait here until `answered` is told. */
  heldSignals: DialogSignal[] | undefined;
  /** CSeq number of the last REFER the peer sent: the `id` of our NOTIFYs about it. */
  referEventId: string | undefined;
  private tail: Promise<void> | undefined;

  constructor(
    readonly id: string,
    readonly direction: 'outbound' | 'inbound',
    owner: DialogOwner | undefined,
    phase: DialogPhase,
  ) {
    this.currentOwner = owner;
    this.phase = phase;
  }

  /** The session the dialog belongs to (undefined: recovered, not adopted yet). */
  get owner(): DialogOwner | undefined {
    return this.currentOwner;
  }

  set owner(owner: DialogOwner | undefined) {
    if (owner === this.currentOwner) return;
    const before = this.currentOwner;
    this.currentOwner = owner;
    this.table?.ownerChanged(this, before);
  }

  /**
   * Where the dialog is, while confirmed: Replaces, Refer-To and recovery
   * read it. Read from drachtio's dialog when first asked, not when it is
   * established: most calls never ask (no snapshot store, no transfer), and
   * a copy per dialog was ~100 bytes of every held call. Setting it (a
   * recovered dialog, or undefined when `sip` is a new dialog) replaces
   * what was read.
   */
  get coordinates(): DialogCoordinates | undefined {
    if (this.knownCoordinates === undefined && this.sip !== undefined) this.knownCoordinates = coordinatesOf(this.sip);
    return this.knownCoordinates;
  }

  set coordinates(coordinates: DialogCoordinates | undefined) {
    this.knownCoordinates = coordinates;
  }

  /** CANCEL asked for (by the flow or the dial timeout). */
  get cancelRequested(): boolean {
    return (this.flags & CANCEL_REQUESTED) !== 0;
  }

  set cancelRequested(on: boolean) {
    this.flag(CANCEL_REQUESTED, on);
  }

  get timedOut(): boolean {
    return (this.flags & TIMED_OUT) !== 0;
  }

  set timedOut(on: boolean) {
    this.flag(TIMED_OUT, on);
  }

  /** The peer has us on hold (its last offer was sendonly or inactive). */
  get peerHeld(): boolean {
    return (this.flags & PEER_HELD) !== 0;
  }

  set peerHeld(on: boolean) {
    this.flag(PEER_HELD, on);
  }

  /** A re-INVITE of ours is waiting for its answer (a peer's re-INVITE meanwhile is glare: 491). */
  get reinviting(): boolean {
    return (this.flags & REINVITING) !== 0;
  }

  set reinviting(on: boolean) {
    this.flag(REINVITING, on);
  }

  private flag(bit: number, on: boolean): void {
    this.flags = on ? this.flags | bit : this.flags & ~bit;
  }

  get ended(): boolean {
    return this.phase === 'ended';
  }

  get unanswered(): boolean {
    return this.phase === 'calling' || this.phase === 'early';
  }

  /**
   * The peer's INVITE has its final answer, or is cancelled: forgotten, and
   * its CANCEL no longer listened for. drachtio-srf keeps the request for
   * the dialog's life, so a listener left on it would keep its closure (and
   * this dialog) as long: ~170 bytes a held call.
   */
  dropOffer(): OfferedInvite | undefined {
    const offered = this.offered;
    if (offered === undefined) return undefined;
    this.offered = undefined;
    offered.req.removeListener('cancel', offered.cancelled);
    return offered;
  }

  /** Queues `op` after the requests already asked for on this dialog. `op` must not throw; a throw is passed to `onError`. */
  run(op: () => Promise<void>, onError: (error: unknown) => void): void {
    const tail = (this.tail ?? IDLE).then(op).catch(onError);
    this.tail = tail;
    // Nothing queued behind it once it settles: a dialog at rest holds no promise.
    void tail.then(() => {
      if (this.tail === tail) this.tail = undefined;
    });
  }

  /** Settles once every queued request has run (tests, drain). */
  idle(): Promise<void> {
    return this.tail ?? IDLE;
  }
}

const IDLE: Promise<void> = Promise.resolve();

const CANCEL_REQUESTED = 1;
const TIMED_OUT = 2;
const PEER_HELD = 4;
const REINVITING = 8;
