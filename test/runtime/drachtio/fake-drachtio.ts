/**
 * drachtio-srf without a drachtio-server: the library's own SipMessage,
 * Request, Response and Dialog classes, built from raw SIP text, over a
 * recording agent that plays drachtio-server's part (it echoes what the
 * application sends, with the tags and Contact the server would add, and
 * records every response). The adapter under test talks to real drachtio
 * dialogs; only the socket is missing.
 */
import { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import type {
  SrfApi,
  SrfConnectOptions,
  SrfDialog,
  SrfDialogCallback,
  SrfListenOptions,
  SrfMiddleware,
  SrfRequest,
  SrfRequestListener,
  SrfRequestOptions,
  SrfResponse,
  SrfUacOptions,
  SrfUacProgress,
  SrfUasOptions,
} from '../../../runtime/drachtio/srf-api.js';

// --- the library's classes, typed by what the harness uses -----------------

interface Meta {
  readonly source: 'network' | 'application';
  readonly address: string;
  readonly port: string;
  readonly protocol: string;
  readonly time: string;
  readonly transactionId: string;
  readonly dialogId?: string;
}

export interface DrachtioMessage {
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly method?: string;
  readonly status?: number;
  get(name: string): string | undefined;
}

export interface DrachtioRequest extends SrfRequest {
  agent: FakeAgent;
  socket: object;
  res: DrachtioResponse | undefined;
  emit(event: string, ...args: unknown[]): boolean;
  listenerCount(event: string): number;
}

export interface DrachtioResponse extends SrfResponse {
  req: DrachtioRequest;
  agent: FakeAgent;
  socket: object;
  msg: DrachtioMessage;
  meta: Meta;
}

export interface DrachtioDialog extends SrfDialog {
  handle(req: DrachtioRequest, res: DrachtioResponse): void;
  readonly connected: boolean;
  listenerCount(event: string): number;
}

interface DrachtioModule {
  readonly SipMessage: new (raw: string | { method?: string; uri?: string; headers?: Record<string, string>; body?: string }) => DrachtioMessage;
  readonly SipRequest: new (msg: DrachtioMessage, meta: Meta) => DrachtioRequest;
  readonly SipResponse: new (agent?: FakeAgent) => DrachtioResponse;
  readonly Dialog: new (srf: FakeSrf, type: 'uac' | 'uas', opts: { req: DrachtioRequest; res: DrachtioResponse; sent?: DrachtioMessage }) => DrachtioDialog;
  readonly SipError: new (status: number, reason?: string) => Error & { readonly status: number };
}

const drachtio = createRequire(import.meta.url)('drachtio-srf') as DrachtioModule;
export const { SipMessage, SipError } = drachtio;

// --- raw SIP ----------------------------------------------------------------

export interface SipParts {
  readonly callId: string;
  readonly from: string;
  readonly to: string;
  readonly cseq: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly contentType?: string;
}

function lines(parts: SipParts): string {
  const body = parts.body ?? '';
  const head = [
    'Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK' + Math.random().toString(36).slice(2, 10),
    `From: ${parts.from}`,
    `To: ${parts.to}`,
    `Call-ID: ${parts.callId}`,
    `CSeq: ${parts.cseq}`,
    'Contact: <sip:peer@127.0.0.2:5060>',
    'Max-Forwards: 70',
    ...Object.entries(parts.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ];
  if (body !== '') head.push(`Content-Type: ${parts.contentType ?? 'application/sdp'}`);
  head.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

export function requestText(method: string, uri: string, parts: SipParts): string {
  return `${method} ${uri} SIP/2.0\r\n${lines(parts)}`;
}

export function responseText(status: number, reason: string, parts: SipParts): string {
  return `SIP/2.0 ${status} ${reason}\r\n${lines(parts)}`;
}

export const PEER_SDP = [
  'v=0',
  'o=peer 1 1 IN IP4 127.0.0.2',
  's=-',
  'c=IN IP4 127.0.0.2',
  't=0 0',
  'm=audio 40000 RTP/AVP 0 101',
  'a=rtpmap:0 PCMU/8000',
  'a=sendrecv',
  '',
].join('\r\n');

export function peerSdp(direction: 'sendrecv' | 'sendonly' | 'inactive', version = 2): string {
  return PEER_SDP.replace('a=sendrecv', `a=${direction}`).replace('o=peer 1 1', `o=peer 1 ${version}`);
}

let txn = 0;
function meta(source: Meta['source'], dialogId?: string): Meta {
  return { source, address: '127.0.0.2', port: '5060', protocol: 'udp', time: '00:00:00.000', transactionId: `t${++txn}`, ...(dialogId === undefined ? {} : { dialogId }) };
}

// --- the agent: drachtio-server's side of the wire --------------------------

export interface SentRequest {
  readonly method: string;
  readonly uri: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly stackDialogId: string | undefined;
  /** The echo the application got back: it listens for the responses on it. */
  readonly request: DrachtioRequest;
}

export interface SentResponse {
  readonly status: number;
  readonly method: string;
  readonly callId: string | undefined;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

interface AgentRequestOptions {
  readonly method: string;
  readonly uri?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly stackDialogId?: string;
}

export class FakeAgent {
  readonly sent: SentRequest[] = [];
  readonly answers: SentResponse[] = [];
  /** Requests answered at once with this status (drachtio's BYE waits for its 200). */
  readonly autoAnswer = new Map<string, number>([['BYE', 200], ['CANCEL', 200]]);
  /** ACKs sent for the final responses to our INVITEs. */
  acks = 0;
  private tagSeq = 0;

  request(opts: AgentRequestOptions, callback: (err: unknown, req?: DrachtioRequest) => void): void {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const uri = opts.uri ?? 'sip:placeholder';
    const msg = new SipMessage({ method: opts.method, uri, headers, ...(opts.body === undefined ? {} : { body: opts.body }) });
    const request = new drachtio.SipRequest(msg, meta('application', opts.stackDialogId));
    request.agent = this;
    request.socket = {};
    const record: SentRequest = { method: opts.method, uri, headers, body: opts.body, stackDialogId: opts.stackDialogId, request };
    this.sent.push(record);
    callback(null, request);
    const auto = this.autoAnswer.get(opts.method);
    if (auto !== undefined) setImmediate(() => this.respond(record, auto));
  }

  sendResponse(res: DrachtioResponse, opts: { headers?: Record<string, string>; body?: string } | undefined, callback?: (err: unknown, msg?: DrachtioMessage) => void): void {
    const headers = { ...(opts?.headers ?? {}) };
    const req = res.req;
    this.answers.push({ status: res.status, method: req.method, callId: req.get('call-id'), headers, body: opts?.body });
    if (callback === undefined) return;
    // The server's echo of the response: our To tag and Contact added, as drachtio-server sends them.
    const tag = `uas${++this.tagSeq}`;
    const to = req.get('to') ?? '';
    const sent = new SipMessage(
      responseText(res.status, 'OK', {
        callId: req.get('call-id') ?? '',
        from: req.get('from') ?? '',
        to: to.includes('tag=') ? to : `${to};tag=${tag}`,
        cseq: req.get('cseq') ?? '',
        headers: { ...headers, Contact: '<sip:flowc@127.0.0.1:5060>' },
        ...(opts?.body === undefined ? {} : { body: opts.body }),
      }).replace(/\r\nContact: <sip:peer@127\.0\.0\.2:5060>/, ''),
    );
    res.meta = meta('application', `${req.get('call-id') ?? ''};from-tag=${tag}`);
    callback(null, sent);
  }

  sendAck(): void {
    this.acks++;
  }

  /** The peer answers a request the application sent. */
  respond(sent: SentRequest, status: number, options: { readonly body?: string; readonly headers?: Record<string, string>; readonly toTag?: string } = {}): DrachtioResponse {
    const res = new drachtio.SipResponse(this);
    const req = sent.request;
    const to = req.get('to') ?? `<${sent.uri}>`;
    res.msg = new SipMessage(
      responseText(status, 'Reason', {
        callId: req.get('call-id') ?? 'unknown',
        from: req.get('from') ?? '<sip:flowc@127.0.0.1>;tag=app',
        to: to.includes('tag=') || status === 100 ? to : `${to};tag=${options.toTag ?? 'peer'}`,
        cseq: req.get('cseq') ?? `1 ${sent.method}`,
        ...(options.headers === undefined ? {} : { headers: options.headers }),
        ...(options.body === undefined ? {} : { body: options.body }),
      }),
    );
    res.meta = meta('network', sent.stackDialogId);
    res.req = req;
    res.socket = {};
    req.emit('response', res, () => this.sendAck());
    return res;
  }

  last(method: string): SentRequest {
    const found = [...this.sent].reverse().find((s) => s.method === method);
    if (found === undefined) throw new Error(`no ${method} was sent (sent: ${this.sent.map((s) => s.method).join(', ') || 'nothing'})`);
    return found;
  }

  answersTo(method: string): SentResponse[] {
    return this.answers.filter((a) => a.method === method);
  }
}

// --- pending INVITEs the application sent ------------------------------------

export class PendingUac {
  readonly request: DrachtioRequest;
  private settled = false;
  private readonly callId: string;
  private readonly seq: number;

  constructor(
    private readonly srf: FakeSrf,
    readonly uri: string,
    readonly opts: SrfUacOptions,
    private readonly progress: SrfUacProgress,
    private readonly resolve: (dialog: SrfDialog) => void,
    private readonly reject: (error: unknown) => void,
    seq: number,
  ) {
    this.seq = seq;
    this.callId = `uac-${seq}@127.0.0.1`;
    const headers: Record<string, string> = {
      ...opts.headers,
      from: opts.headers['From'] ?? '<sip:flowc@127.0.0.1>',
      to: `<${uri}>`,
      'call-id': this.callId,
      cseq: '1 INVITE',
      contact: '<sip:flowc@127.0.0.1:5060>',
    };
    headers['from'] = `${headers['from']};tag=app${seq}`;
    delete headers['From'];
    const msg = new SipMessage({ method: 'INVITE', uri, headers, ...(opts.localSdp === undefined ? {} : { body: opts.localSdp }) });
    this.request = new drachtio.SipRequest(msg, meta('application'));
    this.request.agent = srf.agent;
    this.request.socket = {};
  }

  get headers(): Record<string, string> {
    return this.opts.headers;
  }

  /** drachtio-server took the INVITE: `cbRequest(null, req)`. */
  sent(): this {
    this.progress.cbRequest?.(null, this.request);
    return this;
  }

  provisional(status: number): this {
    const res = this.response(status, undefined);
    this.progress.cbProvisional?.(res);
    return this;
  }

  answer(body = PEER_SDP): DrachtioDialog {
    const res = this.response(200, body);
    const dialog = new drachtio.Dialog(this.srf, 'uac', { req: this.request, res });
    this.srf.dialogs.push(dialog);
    this.settle();
    this.resolve(dialog);
    return dialog;
  }

  fail(status: number): void {
    this.settle();
    this.reject(new SipError(status));
  }

  /** drachtio-server could not send it at all. */
  error(message: string): void {
    this.settle();
    this.progress.cbRequest?.(new Error(message), undefined);
    this.reject(new Error(message));
  }

  private settle(): void {
    if (this.settled) throw new Error('this INVITE has its final answer already');
    this.settled = true;
  }

  private response(status: number, body: string | undefined): DrachtioResponse {
    const res = new drachtio.SipResponse(this.srf.agent);
    const from = this.request.get('from') ?? '';
    res.msg = new SipMessage(
      responseText(status, 'Reason', {
        callId: this.callId,
        from,
        to: `<${this.uri}>;tag=peer${this.seq}`,
        cseq: '1 INVITE',
        ...(body === undefined ? {} : { body }),
      }),
    );
    res.meta = meta('network', `${this.callId};from-tag=${/tag=([^;>]+)/.exec(from)?.[1] ?? ''}`);
    res.req = this.request;
    res.socket = {};
    return res;
  }
}

// --- Srf ----------------------------------------------------------------------

export class FakeSrf extends EventEmitter implements SrfApi {
  readonly agent = new FakeAgent();
  readonly uacs: PendingUac[] = [];
  readonly uasAnswers: { readonly req: SrfRequest; readonly opts: SrfUasOptions }[] = [];
  readonly requests: { readonly uri: string; readonly opts: SrfRequestOptions }[] = [];
  readonly dialogs: DrachtioDialog[] = [];
  readonly connects: SrfConnectOptions[] = [];
  readonly listens: SrfListenOptions[] = [];
  readonly middleware = new Map<string, SrfMiddleware>();
  inviteHandler: SrfRequestListener | undefined;
  private seq = 0;

  connect(opts: SrfConnectOptions): void {
    this.connects.push(opts);
  }

  listen(opts: SrfListenOptions): void {
    this.listens.push(opts);
  }

  disconnect(): void {
    this.emit('close');
  }

  invite(handler: SrfRequestListener): void {
    this.inviteHandler = handler;
  }

  use(method: string, handler: SrfMiddleware): void {
    this.middleware.set(method, handler);
  }

  /** Runs right after a createUAS callback, in the same breath: a peer request that came in the same read as the 200's confirmation. */
  afterUasAnswer: ((dialog: DrachtioDialog) => void) | undefined;

  createUAC(uri: string, opts: SrfUacOptions, progress: SrfUacProgress, callback: SrfDialogCallback): void {
    this.uacs.push(new PendingUac(this, uri, opts, progress, (dialog) => callback(null, dialog), (error) => callback(error), ++this.seq));
  }

  /** As drachtio-srf: the callback runs synchronously when drachtio-server confirms the 200 went out. */
  createUAS(req: SrfRequest, res: SrfResponse, opts: SrfUasOptions, callback: SrfDialogCallback): void {
    this.uasAnswers.push({ req, opts });
    const request = req as DrachtioRequest;
    const response = res as DrachtioResponse;
    const send = response.send.bind(response) as (status: number, opts: object, callback: (err: unknown, sent?: DrachtioMessage) => void) => void;
    send(200, { headers: opts.headers ?? {}, body: opts.localSdp }, (err, sent) => {
      if (err !== null || sent === undefined) {
        callback(err);
        return;
      }
      const dialog = new drachtio.Dialog(this, 'uas', { req: request, res: response, sent });
      this.dialogs.push(dialog);
      callback(null, dialog);
      this.afterUasAnswer?.(dialog);
    });
  }

  request(uri: string, opts: SrfRequestOptions, callback: (err: unknown, req?: SrfRequest) => void): void {
    this.requests.push({ uri, opts });
    this.agent.request({ ...opts, uri }, (err, req) => callback(err, req));
  }

  // drachtio's Dialog keeps its Srf's dialog map up to date
  addDialog(): void {}
  removeDialog(): void {}

  /** The last INVITE the application sent. */
  lastUac(): PendingUac {
    const uac = this.uacs[this.uacs.length - 1];
    if (uac === undefined) throw new Error('no INVITE was sent');
    return uac;
  }
}

// --- the peer -----------------------------------------------------------------

/** A request from the network, as drachtio-srf hands it to the application. */
export function incoming(agent: FakeAgent, raw: string, dialogId?: string): { req: DrachtioRequest; res: DrachtioResponse } {
  const req = new drachtio.SipRequest(new SipMessage(raw), meta('network', dialogId));
  const res = new drachtio.SipResponse(agent);
  req.res = res;
  res.req = req;
  req.agent = agent;
  res.agent = agent;
  req.socket = {};
  res.socket = {};
  return { req, res };
}

/** A new INVITE from a peer, to the application's invite handler. */
export function offerInvite(srf: FakeSrf, parts: Partial<SipParts> & { readonly uri?: string } = {}): { req: DrachtioRequest; res: DrachtioResponse } {
  const raw = requestText('INVITE', parts.uri ?? 'sip:100@127.0.0.1', {
    callId: parts.callId ?? `in-${Math.random().toString(36).slice(2)}@127.0.0.2`,
    from: parts.from ?? '<sip:caller@127.0.0.2>;tag=caller',
    to: parts.to ?? '<sip:100@127.0.0.1>',
    cseq: parts.cseq ?? '1 INVITE',
    body: parts.body ?? PEER_SDP,
    ...(parts.headers === undefined ? {} : { headers: parts.headers }),
  });
  const call = incoming(srf.agent, raw);
  if (srf.inviteHandler === undefined) throw new Error('nobody handles INVITEs');
  srf.inviteHandler(call.req, call.res);
  return call;
}

/** An in-dialog request from the dialog's peer, through drachtio's own Dialog#handle. */
export function peerRequest(dialog: DrachtioDialog, method: string, parts: { readonly headers?: Record<string, string>; readonly body?: string; readonly contentType?: string; readonly cseq?: number } = {}): { req: DrachtioRequest; res: DrachtioResponse } {
  const local = dialog.sip.localTag;
  const remote = dialog.sip.remoteTag;
  const raw = requestText(method, dialog.local.uri, {
    callId: dialog.sip.callId,
    from: `<sip:peer@127.0.0.2>;tag=${remote}`,
    to: `<sip:flowc@127.0.0.1>;tag=${local}`,
    cseq: `${parts.cseq ?? 20} ${method}`,
    ...(parts.headers === undefined ? {} : { headers: parts.headers }),
    ...(parts.body === undefined ? {} : { body: parts.body }),
    ...(parts.contentType === undefined ? {} : { contentType: parts.contentType }),
  });
  const agent = (dialog as unknown as { agent: FakeAgent }).agent;
  const call = incoming(agent, raw, dialog.id);
  dialog.handle(call.req, call.res);
  return call;
}

/** Lets drachtio's setImmediate hops and the adapter's queued requests run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
