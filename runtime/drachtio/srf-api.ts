/**
 * The part of drachtio-srf 5.0.x this adapter uses, typed by hand. The
 * package ships declarations, but they use `any` and disagree with the
 * library where it matters here: `connect()` returns no promise (wait for
 * the `connect` event), `createUAC`'s `cbRequest` is called `(err, req)`,
 * `createUAC` and `createUAS` are used with callbacks (below),
 * and the dialog shortcuts (`dialog.refer()`) throw. These interfaces say
 * what the code relies on and nothing more; a real Srf, Dialog, Request and
 * Response satisfy them, and the tests drive the adapter with the library's
 * own message and dialog objects.
 */

/** Headers as drachtio takes them on requests and responses. */
export type SrfHeaders = Record<string, string>;

/** A parsed SIP message (drachtio's SipMessage, delegated to by Request and Response). */
export interface SrfMessage {
  readonly body: string | undefined;
  get(name: string): string | undefined;
  has(name: string): boolean;
}

/** A request: one we received, or the echo of one we sent. */
export interface SrfRequest extends SrfMessage {
  readonly method: string;
  readonly uri: string;
  /** drachtio-server's dialog id, on in-dialog requests. */
  readonly stackDialogId?: string;
  readonly source_address?: string;
  readonly source_port?: number;
  /** Incoming INVITE: the caller sent CANCEL. Outgoing request: its responses. */
  on(event: 'cancel', listener: () => void): unknown;
  on(event: 'response', listener: (res: SrfResponse, ack: () => void) => void): unknown;
  removeListener(event: 'cancel', listener: () => void): unknown;
  /** CANCEL for an INVITE we sent (only valid on a sent request). */
  cancel(opts?: { readonly headers?: SrfHeaders }, callback?: (err: unknown) => void): void;
}

/** A response we received, or the response object we answer a request through. */
export interface SrfResponse extends SrfMessage {
  readonly status: number;
  readonly reason: string;
  readonly finalResponseSent: boolean;
  send(status: number, opts?: { readonly headers?: SrfHeaders; readonly body?: string }): void;
}

/** The SIP coordinates of a dialog as drachtio keeps them. */
export interface SrfDialogSip {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
}

export interface SrfInDialogRequest {
  readonly method: string;
  readonly headers?: SrfHeaders;
  readonly body?: string;
}

export type SrfRequestListener = (req: SrfRequest, res: SrfResponse) => void;

/** A listener on a dialog: drachtio (an EventEmitter) calls it with the dialog as `this`. */
export type SrfDialogListener = (this: SrfDialog, req: SrfRequest, res: SrfResponse) => void;

/** An established INVITE dialog. */
export interface SrfDialog {
  readonly id: string;
  readonly type: 'uac' | 'uas';
  readonly sip: SrfDialogSip;
  readonly local: { readonly uri: string; readonly sdp: string | undefined };
  readonly remote: { readonly uri: string; readonly sdp: string | undefined };
  /** The INVITE that created the dialog. */
  readonly req: SrfRequest;
  /** BYE from the peer. */
  on(event: 'destroy', listener: (this: SrfDialog, req: SrfRequest) => void): unknown;
  /** re-INVITE, INFO, REFER, NOTIFY, OPTIONS, UPDATE from the peer; the listener answers. */
  on(event: 'modify' | 'info' | 'refer' | 'notify' | 'options' | 'update', listener: SrfDialogListener): unknown;
  /**
   * Any in-dialog request. The callback runs for every response, provisional
   * ones included; the final response to an INVITE with a body is ACKed by
   * drachtio. (`modify()` is not used: after a non-2xx it never lets another
   * re-INVITE through, which breaks the retry after a 491.)
   */
  request(opts: SrfInDialogRequest, callback: (err: unknown, res: SrfResponse) => void): unknown;
  /** BYE. */
  destroy(): Promise<unknown>;
}

export interface SrfUacOptions {
  readonly headers: SrfHeaders;
  readonly localSdp?: string;
  readonly proxy?: string;
}

export interface SrfUacProgress {
  /** Called once the INVITE went out, `(err, req)`; `req` is what CANCEL goes through. */
  readonly cbRequest?: (err: unknown, req: SrfRequest | undefined) => void;
  readonly cbProvisional?: (res: SrfResponse) => void;
}

/** `(null, dialog)` once the dialog is up; `(error)` otherwise (a SipError carries the final status). */
export type SrfDialogCallback = (err: unknown, dialog?: SrfDialog) => void;

export interface SrfUasOptions {
  readonly localSdp: string;
  readonly headers?: SrfHeaders;
}

/** Out-of-dialog request, or an in-dialog one named by drachtio-server's dialog id (a recovered dialog). */
export interface SrfRequestOptions {
  readonly method: string;
  readonly headers: SrfHeaders;
  readonly body?: string;
  readonly stackDialogId?: string;
}

export interface SrfConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly secret: string;
  /** drachtio's own reconnect: delay grows by 1.7 from 150 ms up to this cap. */
  readonly reconnect?: { readonly retryMaxDelay?: number };
  readonly enablePing?: boolean;
  readonly pingInterval?: number;
}

export interface SrfListenOptions {
  readonly port: number;
  readonly host?: string;
  readonly secret: string;
}

export interface SrfReconnecting {
  readonly delay: number;
  readonly attempt: number;
}

export type SrfMiddleware = (req: SrfRequest, res: SrfResponse, next: () => void) => void;

/** A signaling resource framework instance. */
export interface SrfApi {
  /** Inbound mode: the app dials drachtio-server. Returns nothing useful: wait for `connect`. */
  connect(opts: SrfConnectOptions): unknown;
  /** Outbound mode: drachtio-server dials the app. */
  listen(opts: SrfListenOptions): unknown;
  disconnect(): unknown;
  on(event: 'connect', listener: (err: unknown, hostport: unknown) => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  on(event: 'reconnecting', listener: (opts: SrfReconnecting) => void): unknown;
  on(event: 'close' | 'listening', listener: () => void): unknown;
  /** New INVITEs (requests on dialogs drachtio-srf knows go to the dialog instead). */
  invite(handler: SrfRequestListener): unknown;
  /** Requests no dialog object took (in-dialog requests of recovered dialogs). */
  use(method: string, handler: SrfMiddleware): unknown;
  /**
   * The callback forms, not the promises: drachtio-srf calls back the moment
   * the dialog exists, while it is still handling the socket data that
   * created it. A BYE (or re-INVITE, INFO) that came in the same read from
   * drachtio-server is handled right after, before a promise's continuation
   * could run, and would find no listener on the dialog (seen live: a caller
   * hanging up at once left its session, and the plain benchmark app, with
   * the call up for ever).
   */
  createUAC(uri: string, opts: SrfUacOptions, progress: SrfUacProgress, callback: SrfDialogCallback): unknown;
  createUAS(req: SrfRequest, res: SrfResponse, opts: SrfUasOptions, callback: SrfDialogCallback): unknown;
  /**
   * The callback form (see createUAC): it runs as drachtio-server confirms the
   * request went out, and a response that came in the same read is handled
   * right after; a listener attached after a promise would miss it (seen
   * live: the 200 to a re-INVITE on a recovered dialog, never ACKed).
   */
  request(uri: string, opts: SrfRequestOptions, callback: (err: unknown, req?: SrfRequest) => void): unknown;
}
