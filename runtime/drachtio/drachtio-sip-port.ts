/**
 * The SipPort on drachtio-srf: every SIP verb of the language as requests
 * through a drachtio-server, and the peer's messages as DialogSignals to the
 * session that owns the dialog. Calls return at once (a PortFailure only
 * when the request cannot even be tried); what SIP answers arrives later.
 *
 * This class holds the shared state and the checks every verb makes; each
 * verb's SIP lives in its own module (outgoing-invite, offer-answer,
 * call-ending, hold-reinvite, refer-request, notify-request), the peer's
 * requests in peer-requests and incoming-invite.
 */
import type { Clock } from '../clock/clock.js';
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { DialogSignal } from '../ports/dialog-signal.js';
import { portFailure, type PortFailure } from '../ports/port-failure.js';
import type { DialRequest, SipPort } from '../ports/sip-port.js';
import type { AdapterContext } from './adapter-context.js';
import { SILENT_LOG, type AdapterLog } from './adapter-log.js';
import { cancelInvite, hangupDialog, rejectOffer } from './call-ending.js';
import { disarmDialTimeout } from './dial-timeout.js';
import { DialogTable } from './dialog-table.js';
import { OrphanWatch } from './orphan-watch.js';
import { SYSTEM_GLARE_TIMING, type GlareTiming } from './glare-timing.js';
import { gone, reinviteDirection } from './hold-reinvite.js';
import type { IncomingCallHandler } from './incoming-call.js';
import { onInvite } from './incoming-invite.js';
import { effectOf, legOfOwner, type LaterEffect } from './later-failure.js';
import type { MediaAnchor } from './media-anchor.js';
import { notifyProgress } from './notify-request.js';
import { answerOffer } from './offer-answer.js';
import { sendInvite } from './outgoing-invite.js';
import { listenToDialog } from './peer-requests.js';
import { PortDialog } from './port-dialog.js';
import { referBlind, referReplacing } from './refer-request.js';
import { replacesValue } from './replaces-header.js';
import { describeError, isDialogGone } from './sip-error-status.js';
import { headerOf } from './sip-header.js';
import { requestInDialog } from './in-dialog-request.js';
import { IN_DIALOG_METHODS, onUnmatchedRequest } from './recovered-dialogs.js';
import type { DialogFacts, MediaFacts } from './dialog-facts.js';
import type { SrfApi, SrfDialog, SrfHeaders } from './srf-api.js';

export interface DrachtioSipPortOptions {
  readonly srf: SrfApi;
  readonly clock: Clock;
  readonly media: MediaAnchor;
  readonly log?: AdapterLog;
  readonly glare?: GlareTiming;
  /** Names new dialogs (tests pass a counter); the default is unique across restarts. */
  readonly newId?: () => string;
  /** Whether requests can go out now (false while drachtio-server is away). */
  readonly connected?: () => boolean;
  /** A dialog turned out to be gone under its session (drachtio-server restarted, the peer lost it): told after the leg's `hangup`. */
  readonly dialogLost?: (owner: DialogOwner, dialogId: string) => void;
  /** How often dialogs made before a restart or reconnect are probed (OrphanWatch). */
  readonly orphanProbeMs?: number;
}

export class DrachtioSipPort implements SipPort, AdapterContext {
  readonly srf: SrfApi;
  readonly clock: Clock;
  readonly media: MediaAnchor;
  readonly log: AdapterLog;
  readonly glare: GlareTiming;
  readonly dialogs = new DialogTable();
  private readonly newId: () => string;
  private readonly isConnected: () => boolean;
  readonly dialogLost: ((owner: DialogOwner, dialogId: string) => void) | undefined;
  private handler: IncomingCallHandler | undefined;
  private readonly orphans: OrphanWatch;

  constructor(options: DrachtioSipPortOptions) {
    this.srf = options.srf;
    this.clock = options.clock;
    this.media = options.media;
    this.log = options.log ?? SILENT_LOG;
    this.glare = options.glare ?? SYSTEM_GLARE_TIMING;
    this.newId = options.newId ?? uniqueIds();
    this.isConnected = options.connected ?? (() => true);
    this.dialogLost = options.dialogLost;
    this.orphans = new OrphanWatch(
      { clock: this.clock, isUp: (id) => this.dialogs.get(id)?.phase === 'confirmed', probe: (id) => this.probe(id) },
      options.orphanProbeMs,
    );
    this.srf.invite((req, res) => onInvite({ ctx: this, handler: this.handler, newId: this.newId }, req, res));
    for (const method of IN_DIALOG_METHODS) this.srf.use(method, (req, res) => onUnmatchedRequest(this, req, res));
  }

  /** Who decides about new calls; undefined refuses them with 503 (starting up, draining). */
  takeCalls(handler: IncomingCallHandler | undefined): void {
    this.handler = handler;
  }

  // --- SipPort ---------------------------------------------------------

  dial(owner: DialogOwner, request: DialRequest): string | PortFailure {
    const unavailable = this.unavailable();
    if (unavailable !== undefined) return unavailable;
    const dialog = new PortDialog(this.newId(), 'outbound', owner, 'calling');
    this.dialogs.add(dialog);
    const headers: SrfHeaders = { ...request.headers };
    if (request.from !== undefined) headers['From'] = nameAddr(request.from);
    sendInvite(this, dialog, {
      to: request.to,
      headers,
      ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
      effect: { kind: 'dial', to: request.to },
      offer: () => this.media.offer(owner, dialog.id),
    });
    return dialog.id;
  }

  answer(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    const dialog = this.owned(owner, dialogId);
    if (!(dialog instanceof PortDialog)) return dialog;
    if (dialog.ended) return undefined;
    if (dialog.phase !== 'offered') return portFailure('sip', `dialog \`${dialogId}\` has no INVITE waiting for an answer`);
    answerOffer(this, dialog);
    return undefined;
  }

  reject(owner: DialogOwner, dialogId: string, status: number): PortFailure | undefined {
    const dialog = this.owned(owner, dialogId);
    if (!(dialog instanceof PortDialog)) return dialog;
    if (dialog.ended) return undefined;
    if (dialog.phase !== 'offered') return portFailure('sip', `dialog \`${dialogId}\` has no INVITE waiting for an answer`);
    if (status < 300 || status > 699) return portFailure('sip', `${status} is not a final failure status`, status);
    rejectOffer(this, dialog, status);
    return undefined;
  }

  hangup(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    const dialog = this.owned(owner, dialogId);
    if (!(dialog instanceof PortDialog)) return dialog;
    hangupDialog(this, dialog);
    return undefined;
  }

  cancel(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    const dialog = this.owned(owner, dialogId);
    if (!(dialog instanceof PortDialog)) return dialog;
    cancelInvite(this, dialog);
    return undefined;
  }

  hold(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    return this.inDialog(owner, dialogId, (dialog) => reinviteDirection(this, dialog, 'sendonly'));
  }

  unhold(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    return this.inDialog(owner, dialogId, (dialog) => reinviteDirection(this, dialog, 'sendrecv'));
  }

  refer(owner: DialogOwner, dialogId: string, to: string): PortFailure | undefined {
    return this.inDialog(owner, dialogId, (dialog) => referBlind(this, dialog, to));
  }

  referReplacing(owner: DialogOwner, dialogId: string, replacingDialogId: string): PortFailure | undefined {
    const replacing = this.owned(owner, replacingDialogId);
    if (!(replacing instanceof PortDialog)) return replacing;
    if (replacing.coordinates === undefined || replacing.ended) return portFailure('sip', `dialog \`${replacingDialogId}\` is not established: nothing to replace`);
    return this.inDialog(owner, dialogId, (dialog) => referReplacing(this, dialog, replacing));
  }

  takeover(owner: DialogOwner, _leg: string, dialogId: string): string | PortFailure {
    const unavailable = this.unavailable();
    if (unavailable !== undefined) return unavailable;
    const replaced = this.owned(owner, dialogId);
    if (!(replaced instanceof PortDialog)) return replaced;
    const coordinates = replaced.coordinates;
    if (replaced.phase !== 'confirmed' || coordinates === undefined) return portFailure('sip', `dialog \`${dialogId}\` is not established: nothing to take over`);
    const dialog = new PortDialog(this.newId(), 'outbound', owner, 'calling');
    this.dialogs.add(dialog);
    replaced.supersededBy = dialog.id;
    sendInvite(this, dialog, {
      to: coordinates.remoteTarget,
      // RFC 3891 §4: the INVITE names the dialog it replaces and requires the extension.
      headers: { Replaces: replacesValue(coordinates), Require: 'replaces', From: nameAddr(coordinates.localIdentity) },
      effect: { kind: 'takeover' },
      offer: () => {
        this.media.move(replaced.id, dialog.id);
        return this.media.reoffer(dialog.id, 'sendrecv');
      },
      undo: () => {
        this.media.move(dialog.id, replaced.id);
        replaced.supersededBy = undefined;
      },
    });
    return dialog.id;
  }

  notify(owner: DialogOwner, dialogId: string, status: number): PortFailure | undefined {
    return this.inDialog(owner, dialogId, (dialog) => notifyProgress(this, dialog, status));
  }

  adopt(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    const dialog = this.dialogs.get(dialogId);
    if (dialog === undefined && this.dialogs.hasEnded(dialogId)) return undefined;
    if (dialog === undefined || dialog.ended) return portFailure('sip', `unknown dialog \`${dialogId}\``);
    dialog.owner = owner;
    return undefined;
  }

  // --- for the application ---------------------------------------------

  /**
   * Ends every call of `owner` (a session ended by the application) but the
   * ones in `keep` (nailed legs outlive their flow): BYE, CANCEL or a final
   * failure by phase. Returns how many it ended.
   */
  endCalls(owner: DialogOwner, keep: ReadonlySet<string> = NONE): number {
    const dialogs = this.dialogs.ownedBy(owner).filter((d) => !keep.has(d.id));
    for (const dialog of dialogs) hangupDialog(this, dialog);
    return dialogs.length;
  }

  /** The Call-ID of a dialog (for logs), once it is known. */
  callIdOf(dialogId: string): string | undefined {
    const dialog = this.dialogs.get(dialogId);
    if (dialog === undefined) return undefined;
    return dialog.coordinates?.callId ?? (dialog.offered === undefined ? undefined : headerOf(dialog.offered.req, 'Call-ID')) ?? (dialog.sentInvite === undefined ? undefined : headerOf(dialog.sentInvite, 'Call-ID'));
  }

  /** What to save with `owner`'s session so its dialogs can be taken up again after a restart. */
  factsOf(owner: DialogOwner): DialogFacts[] {
    const held = this.dialogs.heldBy(owner);
    const ended: DialogFacts[] = [...this.dialogs.endedBy(owner), ...held.filter((d) => d.ended)].map((d) => ({ id: d.id, direction: d.direction, phase: 'ended' }));
    return held.filter((d) => !d.ended).map((d): DialogFacts => ({
      id: d.id,
      direction: d.direction,
      phase: d.phase,
      ...(d.stackDialogId === undefined ? {} : { stackDialogId: d.stackDialogId }),
      ...(d.coordinates === undefined ? {} : { coordinates: d.coordinates }),
      ...(d.peerHeld ? { peerHeld: true } : {}),
      ...(d.referEventId === undefined ? {} : { referEventId: d.referEventId }),
      ...(d.supersededBy === undefined ? {} : { supersededBy: d.supersededBy }),
      ...mediaOf(this.media, d.id),
    })).concat(ended);
  }

  /**
   * Knows saved dialogs again (before their sessions are restored, which
   * adopts them). Confirmed dialogs come back; the others were mid-INVITE
   * and are returned as lost, for the caller to tell their sessions.
   */
  recover(facts: readonly DialogFacts[]): { readonly recovered: readonly string[]; readonly lost: readonly DialogFacts[] } {
    const recovered: string[] = [];
    const lost: DialogFacts[] = [];
    for (const fact of facts) {
      if (fact.phase === 'ended') {
        // The leg bound to it hung up before the restart: adopting it is a no-op, not a loss.
        this.dialogs.rememberEnded(fact.id);
        continue;
      }
      if (fact.phase !== 'confirmed' || fact.coordinates === undefined || fact.stackDialogId === undefined || this.dialogs.get(fact.id) !== undefined) {
        lost.push(fact);
        continue;
      }
      const dialog = new PortDialog(fact.id, fact.direction, undefined, 'confirmed');
      dialog.coordinates = fact.coordinates;
      dialog.stackDialogId = fact.stackDialogId;
      dialog.peerHeld = fact.peerHeld === true;
      dialog.referEventId = fact.referEventId;
      dialog.supersededBy = fact.supersededBy;
      this.dialogs.add(dialog);
      if (fact.media !== undefined) this.media.recover?.(fact.id, fact.media);
      // Made by the process before: the peer's requests on it no longer reach this one.
      this.orphans.watch(fact.id);
      recovered.push(fact.id);
    }
    return { recovered, lost };
  }

  /**
   * Asks the peer whether a (recovered) dialog is still there: in-dialog
   * OPTIONS; no dialog left is its `hangup`. Not queued: the answer can
   * take a transaction timeout, and the flow's own requests must not wait.
   */
  probe(dialogId: string): void {
    const dialog = this.dialogs.get(dialogId);
    if (dialog === undefined || dialog.phase !== 'confirmed') return;
    void requestInDialog(this.srf, dialog, { method: 'OPTIONS' }).then((outcome) => {
      const status = outcome.kind === 'response' ? outcome.response.status : undefined;
      if ((outcome.kind === 'error' && isDialogGone(outcome.error)) || status === 481 || status === 408) gone(this, dialog);
      else if (outcome.kind === 'error') this.log.warn({ dialog: dialogId, error: describeError(outcome.error) }, 'dialog probe not sent');
    });
  }

  /**
   * Probes every established dialog (after the connection to drachtio-server
   * came back: those it lost are hung up), and keeps probing them: their
   * peers' requests go to the old connection (OrphanWatch).
   */
  probeAll(): number {
    let n = 0;
    for (const dialog of this.dialogs.values()) {
      if (dialog.phase !== 'confirmed') continue;
      this.probe(dialog.id);
      this.orphans.watch(dialog.id);
      n++;
    }
    return n;
  }

  /** Dialogs probed now and then because their peers cannot reach this connection. */
  get orphaned(): number {
    return this.orphans.size;
  }

  /** Shutdown: stops the probing timer. */
  stopWatching(): void {
    this.orphans.stop();
  }

  /** Settles when every dialog's queued requests have run (tests, drain). */
  async idle(): Promise<void> {
    await Promise.all([...this.dialogs.values()].map((d) => d.idle()));
  }

  // --- AdapterContext --------------------------------------------------

  signal(dialog: PortDialog, signal: DialogSignal): void {
    if (dialog.heldSignals !== undefined) {
      dialog.heldSignals.push(signal);
      return;
    }
    const owner = dialog.owner;
    if (owner === undefined) {
      this.log.debug({ dialog: dialog.id, signal: signal.type }, 'signal on a dialog nobody owns');
      return;
    }
    try {
      owner.dialogEvent(dialog.id, signal);
    } catch (error) {
      // A session never throws on a signal; if one does, the SIP callbacks must survive it.
      this.log.error({ dialog: dialog.id, signal: signal.type, error: describeError(error) }, 'the session threw on a signal');
    }
  }

  failed(dialog: PortDialog, effect: LaterEffect, message: string, status?: number): void {
    this.log.warn({ dialog: dialog.id, effect: effect.kind, status, error: message }, 'SIP request failed');
    const owner = dialog.owner;
    if (owner === undefined) return;
    try {
      owner.effectFailed(effectOf(effect, legOfOwner(owner, dialog.id)), portFailure('sip', message, status));
    } catch (error) {
      this.log.error({ dialog: dialog.id, error: describeError(error) }, 'the session threw on a failed effect');
    }
  }

  finish(dialog: PortDialog): void {
    dialog.phase = 'ended';
    disarmDialTimeout(this, dialog);
    this.media.release(dialog.id);
    this.dialogs.delete(dialog.id);
  }

  established(dialog: PortDialog, sip: SrfDialog): void {
    listenToDialog(this, dialog, sip);
  }

  // --- checks ----------------------------------------------------------

  private unavailable(): PortFailure | undefined {
    return this.isConnected() ? undefined : portFailure('sip', 'not connected to drachtio-server', 503);
  }

  /** The dialog, or a stand-in that has ended (requests on it do nothing), or why there is none. */
  private owned(owner: DialogOwner, dialogId: string): PortDialog | PortFailure {
    const dialog = this.dialogs.get(dialogId);
    if (dialog === undefined) {
      return this.dialogs.hasEnded(dialogId) ? new PortDialog(dialogId, 'outbound', owner, 'ended') : portFailure('sip', `unknown dialog \`${dialogId}\``);
    }
    if (dialog.owner !== undefined && dialog.owner !== owner) return portFailure('sip', `dialog \`${dialogId}\` belongs to another session`);
    dialog.owner ??= owner;
    return dialog;
  }

  /** A request inside an established dialog; on a dialog that has ended there is nothing to send (as simulate expects nothing). */
  private inDialog(owner: DialogOwner, dialogId: string, send: (dialog: PortDialog) => void): PortFailure | undefined {
    const dialog = this.owned(owner, dialogId);
    if (!(dialog instanceof PortDialog)) return dialog;
    if (dialog.ended) return undefined;
    if (dialog.phase !== 'confirmed') return portFailure('sip', `dialog \`${dialogId}\` is not established`);
    const unavailable = this.unavailable();
    if (unavailable !== undefined) return unavailable;
    send(dialog);
    return undefined;
  }
}

/** `sip:x@y` as a From value; a value already in name-addr form is kept. */
function nameAddr(uri: string): string {
  return uri.includes('<') ? uri : `<${uri}>`;
}

const NONE: ReadonlySet<string> = new Set();

function mediaOf(media: MediaAnchor, dialogId: string): { media?: MediaFacts } {
  const facts = media.factsOf?.(dialogId);
  return facts === undefined ? {} : { media: facts };
}

function uniqueIds(): () => string {
  // A time prefix keeps ids from before a restart (in saved sessions) apart from new ones.
  const prefix = Date.now().toString(36);
  let next = 1;
  return () => `${prefix}-${next++}`;
}
