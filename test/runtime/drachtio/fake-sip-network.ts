/**
 * The SIP side of the fake drachtio-server: it echoes what the application
 * sends as drachtio-server does (filling in Via, tags, Call-ID, CSeq and
 * Contact, naming transactions and dialogs), records it, and lets a test
 * play the peers: new requests from the network, in-dialog requests, and
 * responses to what the application sent. Real drachtio-srf on the other
 * end of the socket builds its own Request, Response and Dialog objects
 * from all of it.
 */
import type { FakeDrachtioServer, SipHandler } from './fake-drachtio-server.js';

export interface WireMessage {
  readonly startLine: string;
  readonly method: string | undefined;
  readonly status: number | undefined;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
  readonly txnId: string;
  readonly dialogId: string;
  readonly text: string;
}

interface DialogRecord {
  readonly callId: string;
  /** The application's tag and the peer's. */
  readonly appTag: string;
  readonly peerTag: string;
  readonly appUri: string;
  readonly peerUri: string;
  cseq: number;
}

const COMPACT: Readonly<Record<string, string>> = { i: 'call-id', f: 'from', t: 'to', m: 'contact', v: 'via', l: 'content-length', c: 'content-type', r: 'refer-to', b: 'referred-by', o: 'event' };

export function parseWire(text: string, txnId = '', dialogId = ''): WireMessage {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 4);
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  const response = /^SIP\/2\.0\s+(\d{3})/.exec(startLine);
  return {
    startLine,
    method: response === null ? startLine.split(' ')[0] : undefined,
    status: response === null ? undefined : Number(response[1]),
    headers,
    body,
    txnId,
    dialogId,
    text,
  };
}

function tagOf(value: string | undefined): string | undefined {
  return value === undefined ? undefined : /;\s*tag=([^;>\s]+)/i.exec(value)?.[1];
}

function serialize(startLine: string, headers: ReadonlyMap<string, string>, body: string): string {
  const lines = [startLine];
  for (const [name, value] of headers) if (name !== 'content-length') lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

export class FakeSipNetwork implements SipHandler {
  /** Everything the application sent, as echoed. */
  readonly fromAppLog: WireMessage[] = [];
  private readonly dialogs = new Map<string, DialogRecord>();
  private seq = 0;
  private readonly waiters: { match: (m: WireMessage) => boolean; resolve: (m: WireMessage) => void }[] = [];

  constructor(private readonly server: FakeDrachtioServer) {
    server.sip = this;
  }

  fromApp(leader: readonly string[], message: string, reply: (payload: string) => void): void {
    const [, txnGiven = '', dialogGiven = ''] = leader;
    const parsed = parseWire(message);
    const headers = new Map(parsed.headers);
    let txnId = txnGiven;
    let dialogId = dialogGiven;
    if (parsed.status === undefined && dialogGiven !== '' && !this.dialogs.has(dialogGiven)) {
      // What drachtio-server answers for a dialog it does not have (drachtio-srf makes it ENODIALOG).
      reply('NOK|unable to find dialog');
      return;
    }
    if (parsed.status === undefined) {
      // A request: fill in what drachtio-server adds, from the dialog when it is in one.
      txnId = txnGiven === '' ? `t${++this.seq}` : txnGiven;
      const dialog = dialogGiven === '' ? undefined : this.dialogs.get(dialogGiven);
      headers.set('via', `SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-${txnId}`);
      if (dialog !== undefined) {
        headers.set('call-id', dialog.callId);
        headers.set('from', `<${dialog.appUri}>;tag=${dialog.appTag}`);
        headers.set('to', `<${dialog.peerUri}>;tag=${dialog.peerTag}`);
        if (parsed.method !== 'ACK' && parsed.method !== 'CANCEL') dialog.cseq++;
        headers.set('cseq', `${dialog.cseq} ${parsed.method ?? ''}`);
      } else {
        const from = headers.get('from') ?? '<sip:flowc@127.0.0.1>';
        headers.set('from', tagOf(from) === undefined ? `${from};tag=app${this.seq}` : from);
        if (!headers.has('to')) headers.set('to', `<${parsed.startLine.split(' ')[1] ?? ''}>`);
        if (!headers.has('call-id')) headers.set('call-id', `wire-${this.seq}@127.0.0.1`);
        if (!headers.has('cseq')) headers.set('cseq', `1 ${parsed.method ?? ''}`);
      }
      if (!headers.has('contact')) headers.set('contact', '<sip:127.0.0.1:5060>');
      headers.set('max-forwards', '70');
    } else if (tagOf(headers.get('to')) === undefined && parsed.status > 100) {
      // A response of ours to a network request: drachtio-server puts our To tag on it.
      headers.set('to', `${headers.get('to') ?? ''};tag=uas${++this.seq}`);
      headers.set('contact', '<sip:127.0.0.1:5060>');
    }
    if (parsed.status !== undefined && parsed.status >= 200 && parsed.status < 300 && (headers.get('cseq') ?? '').endsWith('INVITE')) {
      // A 2xx of ours to an INVITE makes a dialog: we are its UAS.
      const callId = headers.get('call-id') ?? '';
      const peerTag = tagOf(headers.get('from')) ?? '';
      dialogId = `${callId};from-tag=${peerTag}`;
      if (!this.dialogs.has(dialogId)) {
        this.dialogs.set(dialogId, { callId, appTag: tagOf(headers.get('to')) ?? '', peerTag, appUri: uriOf(headers.get('to')), peerUri: uriOf(headers.get('from')), cseq: 100 });
      }
    }
    const text = serialize(parsed.startLine, headers, parsed.body);
    const echoed = parseWire(text, txnId, dialogId);
    this.fromAppLog.push(echoed);
    reply(`OK|application|${Buffer.byteLength(text)}|udp|127.0.0.1|5060|00:00:00.000|${txnId}|${dialogId}\r\n${text}`);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(echoed)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(echoed);
    }
  }

  /** The next (or an already sent) message from the application that matches. */
  next(match: (m: WireMessage) => boolean, timeoutMs = 5_000): Promise<WireMessage> {
    const seen = this.fromAppLog.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message from the app; it sent: ${this.fromAppLog.map((m) => m.startLine).join(' | ')}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** A request from the network (a new INVITE, or in `dialogId`). */
  sendRequest(text: string, dialogId = ''): string {
    const txnId = `n${++this.seq}`;
    this.server.broadcast(`sip|network|${Buffer.byteLength(text)}|udp|127.0.0.2|5060|00:00:00.000|${txnId}|${dialogId}\r\n${text}`);
    return txnId;
  }

  /** The peer answers a request the application sent; a 2xx to an INVITE makes the dialog (we are its UAC). */
  respond(to: WireMessage, status: number, reason: string, options: { readonly body?: string; readonly headers?: Readonly<Record<string, string>> } = {}): void {
    const headers = new Map<string, string>();
    for (const name of ['via', 'from', 'call-id', 'cseq']) headers.set(name, to.headers.get(name) ?? '');
    const to0 = to.headers.get('to') ?? '';
    headers.set('to', tagOf(to0) !== undefined || status === 100 ? to0 : `${to0};tag=peer${this.seq + 1}`);
    headers.set('contact', '<sip:peer@127.0.0.2:5060>');
    for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k.toLowerCase(), v);
    const body = options.body ?? '';
    if (body !== '') headers.set('content-type', 'application/sdp');
    let dialogId = to.dialogId;
    if (to.method === 'INVITE' && status >= 200 && status < 300 && dialogId === '') {
      const callId = headers.get('call-id') ?? '';
      const appTag = tagOf(headers.get('from')) ?? '';
      dialogId = `${callId};from-tag=${appTag}`;
      this.dialogs.set(dialogId, { callId, appTag, peerTag: tagOf(headers.get('to')) ?? '', appUri: uriOf(headers.get('from')), peerUri: uriOf(headers.get('to')), cseq: 100 });
    }
    this.seq++;
    const text = serialize(`SIP/2.0 ${status} ${reason}`, headers, body);
    this.server.broadcast(`sip|network|${Buffer.byteLength(text)}|udp|127.0.0.2|5060|00:00:00.000|${to.txnId}|${dialogId}\r\n${text}`);
  }

  /** An in-dialog request from the peer of `dialogId`. */
  inDialog(dialogId: string, method: string, options: { readonly headers?: Readonly<Record<string, string>>; readonly body?: string; readonly contentType?: string } = {}): void {
    const dialog = this.dialogs.get(dialogId);
    if (dialog === undefined) throw new Error(`no dialog ${dialogId}`);
    dialog.cseq++;
    const headers = new Map<string, string>([
      ['via', `SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK-n${this.seq + 1}`],
      ['from', `<${dialog.peerUri}>;tag=${dialog.peerTag}`],
      ['to', `<${dialog.appUri}>;tag=${dialog.appTag}`],
      ['call-id', dialog.callId],
      ['cseq', `${1000 + dialog.cseq} ${method}`],
      ['contact', '<sip:peer@127.0.0.2:5060>'],
      ['max-forwards', '70'],
    ]);
    for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
    const body = options.body ?? '';
    if (body !== '') headers.set('content-type', options.contentType ?? 'application/sdp');
    this.sendRequest(serialize(`${method} ${dialog.appUri} SIP/2.0`, headers, body), dialogId);
  }

  /** The dialog id of the dialog an application message belongs to (by Call-ID). */
  dialogOf(callId: string): string {
    for (const [id, d] of this.dialogs) if (d.callId === callId) return id;
    throw new Error(`no dialog with Call-ID ${callId}`);
  }
}

function uriOf(value: string | undefined): string {
  const m = /<([^>]+)>/.exec(value ?? '');
  return m?.[1] ?? (value ?? '').split(';')[0] ?? '';
}
