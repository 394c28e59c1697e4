/**
 * A SipPort that sends nothing: it records every request, names dialogs
 * `d1`, `d2`, ... and lets a test or the simulator play the peer by signalling
 * a dialog. A responder answers requests synchronously (the way an in-memory
 * peer would), which exercises the session's mailbox.
 */
import type { DialogOwner } from './dialog-owner.js';
import type { DialogSignal } from './dialog-signal.js';
import type { DialRequest, SipPort } from './sip-port.js';
import { portFailure, type PortFailure } from './port-failure.js';

interface SipCallBase {
  readonly owner: DialogOwner;
  readonly dialogId: string;
}

export type SipCall =
  | (SipCallBase & { readonly op: 'dial'; readonly request: DialRequest })
  | (SipCallBase & { readonly op: 'answer' | 'hangup' | 'cancel' | 'hold' | 'unhold' })
  | (SipCallBase & { readonly op: 'reject' | 'notify'; readonly status: number })
  | (SipCallBase & { readonly op: 'refer'; readonly to: string })
  | (SipCallBase & { readonly op: 'referReplacing'; readonly replacing: string })
  /** `dialogId` is the new dialog; `replaces` the one taken over. */
  | (SipCallBase & { readonly op: 'takeover'; readonly leg: string; readonly replaces: string });

export type SipOp = SipCall['op'];

export interface SipResponder {
  respond(call: SipCall, port: MemorySipPort): void;
}

export class MemorySipPort implements SipPort {
  readonly calls: SipCall[] = [];
  /** Requests of these kinds fail with the given failure until removed. */
  readonly failing: Partial<Record<SipOp, PortFailure>> = {};
  responder: SipResponder | undefined;
  private readonly owners = new Map<string, DialogOwner>();
  private next = 1;

  constructor(private readonly prefix = 'd') {}

  /** An inbound dialog offered to `owner` (the caller binds it to a leg). */
  offer(owner: DialogOwner): string {
    return this.newDialog(owner);
  }

  /** Plays the peer: reports `signal` on `dialogId` to its owner. False when nobody owns it. */
  signal(dialogId: string, signal: DialogSignal): boolean {
    const owner = this.owners.get(dialogId);
    if (owner === undefined) return false;
    owner.dialogEvent(dialogId, signal);
    return true;
  }

  ownerOf(dialogId: string): DialogOwner | undefined {
    return this.owners.get(dialogId);
  }

  adopt(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    const unknown = this.known(dialogId);
    if (unknown !== undefined) return unknown;
    this.owners.set(dialogId, owner);
    return undefined;
  }

  dial(owner: DialogOwner, request: DialRequest): string | PortFailure {
    const failure = this.failing.dial;
    if (failure !== undefined) return failure;
    const dialogId = this.newDialog(owner);
    this.record({ op: 'dial', owner, dialogId, request });
    return dialogId;
  }

  answer(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    return this.simple('answer', owner, dialogId);
  }

  reject(owner: DialogOwner, dialogId: string, status: number): PortFailure | undefined {
    return this.failing.reject ?? this.known(dialogId) ?? this.record({ op: 'reject', owner, dialogId, status });
  }

  hangup(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    return this.simple('hangup', owner, dialogId);
  }

  cancel(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    return this.simple('cancel', owner, dialogId);
  }

  hold(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    return this.simple('hold', owner, dialogId);
  }

  unhold(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    return this.simple('unhold', owner, dialogId);
  }

  refer(owner: DialogOwner, dialogId: string, to: string): PortFailure | undefined {
    return this.failing.refer ?? this.known(dialogId) ?? this.record({ op: 'refer', owner, dialogId, to });
  }

  referReplacing(owner: DialogOwner, dialogId: string, replacing: string): PortFailure | undefined {
    return (
      this.failing.referReplacing ??
      this.known(dialogId) ??
      this.known(replacing) ??
      this.record({ op: 'referReplacing', owner, dialogId, replacing })
    );
  }

  takeover(owner: DialogOwner, leg: string, replaces: string): string | PortFailure {
    const failure = this.failing.takeover;
    if (failure !== undefined) return failure;
    const dialogId = this.newDialog(owner);
    this.record({ op: 'takeover', owner, dialogId, leg, replaces });
    return dialogId;
  }

  notify(owner: DialogOwner, dialogId: string, status: number): PortFailure | undefined {
    return this.failing.notify ?? this.known(dialogId) ?? this.record({ op: 'notify', owner, dialogId, status });
  }

  private simple(
    op: 'answer' | 'hangup' | 'cancel' | 'hold' | 'unhold',
    owner: DialogOwner,
    dialogId: string,
  ): PortFailure | undefined {
    return this.failing[op] ?? this.known(dialogId) ?? this.record({ op, owner, dialogId });
  }

  /** A request on a dialog this port never created is a port failure, as it would be on a SIP stack. */
  private known(dialogId: string): PortFailure | undefined {
    return this.owners.has(dialogId) ? undefined : portFailure('sip', `unknown dialog \`${dialogId}\``);
  }

  private newDialog(owner: DialogOwner): string {
    const id = `${this.prefix}${this.next++}`;
    this.owners.set(id, owner);
    return id;
  }

  private record(call: SipCall): undefined {
    this.calls.push(call);
    this.responder?.respond(call, this);
    return undefined;
  }
}
