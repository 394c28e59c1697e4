/**
 * The replay figure's peer: the pipeline one would build without flowc, from
 * npm parts — pcap-parser reads the capture, a few lines decode
 * Ethernet/IPv4/UDP, drachtio-srf's parser reads the SIP, a Call-ID map
 * tracks dialogs, one XState actor per call (the hand-written peer machine,
 * its verbs recording what SIP they expect) takes the peers' messages as leg
 * events, and the flow side's requests are compared with those expectations.
 * Commands missing from the capture (Consult, Transfer) are inferred the way
 * simulate does: the command whose transition would send the unexplained
 * request is delivered first.
 *
 * It does less than simulate (no IP reassembly, no TCP, no SDP or Replaces
 * checks beyond the Call-ID, no step records or report), so the ratio
 * flatters the peer. Timers live on an XState SimulatedClock that is never
 * advanced: no timer is due on the happy path.
 */
import { Readable } from 'node:stream';
import { createActor, SimulatedClock, transition, type ActorRefFrom } from 'xstate';
import { DrachtioMessage, pcapParser, type DrachtioSipMessage, type PcapPacketEvent } from './commonjs-peers.js';
import { externalTransferPeer, type PeerEvent, type PeerInput, type PeerLeg } from './external-transfer-xstate.js';
import { udpPayloadOf } from './udp-payload.js';

type ExpectedKind = 'dial' | 'takeover' | 'hold' | 'unhold' | 'hangup' | 'cancel' | 'referReplacing';

interface Expectation {
  readonly kind: ExpectedKind;
  readonly leg: PeerLeg;
  readonly call: PeerCall;
  /** user@host the INVITE of a dial must go to. */
  readonly uri?: string;
}

interface PeerDialog {
  readonly call: PeerCall;
  readonly leg: PeerLeg;
  /** False once a takeover moved the leg to another dialog. */
  current: boolean;
  answered: boolean;
  inviteSeq: number;
}

class PeerCall {
  readonly pending: Expectation[] = [];
  actor!: ActorRefFrom<typeof recordingPeer>;
  constructor(readonly number: number) {}
}

export interface PeerReplayResult {
  readonly messages: number;
  readonly calls: number;
  /** Calls that reached Disposed with nothing left expected. */
  readonly passed: number;
  readonly divergences: number;
  readonly assumed: number;
  readonly retransmissions: number;
}

/** The call whose actor is running: XState runs actions synchronously inside send(), so one variable serves. */
let current: PeerCall | undefined;
let input: PeerInput | undefined;
/** Dials waiting for their INVITE, by user@host. */
let waitingDials = new Map<string, Expectation[]>();

function expect(kind: ExpectedKind, leg: PeerLeg, uri?: string): void {
  const call = current;
  if (call === undefined) return;
  const expectation: Expectation = uri === undefined ? { kind, leg, call } : { kind, leg, call, uri };
  call.pending.push(expectation);
  if (kind === 'dial' && uri !== undefined) {
    let queue = waitingDials.get(uri);
    if (queue === undefined) waitingDials.set(uri, (queue = []));
    queue.push(expectation);
  }
}

/** The peer machine with its SIP verbs recording expectations (media verbs and emits stay no-ops). */
const recordingPeer = externalTransferPeer.provide({
  actions: {
    dial: (_, params) => expect('dial', params.leg, uriKey(input?.[params.to] ?? '')),
    takeover: (_, params) => expect('takeover', params.leg),
    hold: (_, params) => expect('hold', params.leg),
    unhold: (_, params) => expect('unhold', params.leg),
    hangup: (_, params) => expect('hangup', params.leg),
    cancel: (_, params) => expect('cancel', params.leg),
    referReplacing: (_, params) => expect('referReplacing', params.leg),
  },
});

const COMMANDS: readonly PeerEvent[] = [{ type: 'Consult' }, { type: 'CancelConsult' }, { type: 'Transfer' }];
const ACTION_OF: Readonly<Record<ExpectedKind, string>> = {
  dial: 'dial',
  takeover: 'takeover',
  hold: 'hold',
  unhold: 'unhold',
  hangup: 'hangup',
  cancel: 'cancel',
  referReplacing: 'referReplacing',
};

export async function replayPeer(pcap: Buffer, flowSideIp: string, callInput: PeerInput): Promise<PeerReplayResult> {
  input = callInput;
  waitingDials = new Map();
  const clock = new SimulatedClock();
  const dialogs = new Map<string, PeerDialog>();
  const calls: PeerCall[] = [];
  const seen = new Map<string, number>();
  let messages = 0;
  let divergences = 0;
  let assumed = 0;
  let retransmissions = 0;
  let sincePurge = 0;

  const send = (call: PeerCall, event: PeerEvent): void => {
    current = call;
    call.actor.send(event);
    current = undefined;
  };

  const newCall = (): PeerCall => {
    const call = new PeerCall(calls.length + 1);
    calls.push(call);
    current = call;
    call.actor = createActor(recordingPeer, { input: callInput, clock }).start();
    current = undefined;
    return call;
  };

  /** Removes and returns the first expectation of `kind` on `leg`. */
  const take = (call: PeerCall, kind: ExpectedKind, leg: PeerLeg): boolean => {
    const i = call.pending.findIndex((e) => e.kind === kind && e.leg === leg);
    if (i < 0) return false;
    call.pending.splice(i, 1);
    return true;
  };

  /** An unexplained request: deliver the command whose transition would send it, then try again. */
  const explain = (call: PeerCall, kind: ExpectedKind, leg: PeerLeg): boolean => {
    if (take(call, kind, leg)) return true;
    const snapshot = call.actor.getSnapshot();
    for (const command of COMMANDS) {
      const [, actions] = transition(recordingPeer, snapshot, command);
      if (!actions.some((a) => a.type === ACTION_OF[kind] && (a.params as { leg?: string } | undefined)?.leg === leg)) continue;
      assumed++;
      send(call, command);
      if (take(call, kind, leg)) return true;
    }
    divergences++;
    return false;
  };

  const flowRequest = (msg: DrachtioSipMessage, method: string, callId: string, dialog: PeerDialog | undefined): void => {
    if (dialog === undefined) {
      if (method !== 'INVITE' || hasToTag(msg)) return;
      const replaces = msg.get('replaces');
      if (replaces !== undefined) {
        const semicolon = replaces.indexOf(';');
        const replaced = dialogs.get(semicolon < 0 ? replaces : replaces.slice(0, semicolon));
        if (replaced === undefined || !explain(replaced.call, 'takeover', replaced.leg)) return;
        replaced.current = false;
        dialogs.set(callId, { call: replaced.call, leg: replaced.leg, current: true, answered: false, inviteSeq: cseqOf(msg).seq });
        return;
      }
      const uri = uriKey(msg.uri ?? '');
      let waiting = waitingDials.get(uri)?.shift();
      // The flow dials first: an INVITE no call is waiting for starts a call.
      if (waiting === undefined) {
        newCall();
        waiting = waitingDials.get(uri)?.shift();
      }
      if (waiting === undefined || !take(waiting.call, 'dial', waiting.leg)) {
        divergences++;
        return;
      }
      dialogs.set(callId, { call: waiting.call, leg: waiting.leg, current: true, answered: false, inviteSeq: cseqOf(msg).seq });
      return;
    }
    switch (method) {
      case 'INVITE': {
        // A re-INVITE: hold (sendonly) or unhold.
        const hold = (msg.body ?? '').includes('a=sendonly');
        explain(dialog.call, hold ? 'hold' : 'unhold', dialog.leg);
        return;
      }
      case 'BYE':
        explain(dialog.call, 'hangup', dialog.leg);
        return;
      case 'CANCEL':
        explain(dialog.call, 'cancel', dialog.leg);
        return;
      case 'REFER':
        explain(dialog.call, 'referReplacing', dialog.leg);
        return;
      default:
        // ACK and the stack's answers are not compared.
        return;
    }
  };

  const peerMessage = (msg: DrachtioSipMessage, dialog: PeerDialog | undefined): void => {
    if (dialog === undefined || !dialog.current) return;
    const leg = dialog.leg;
    const call = dialog.call;
    if (msg.status !== undefined) {
      const cseq = cseqOf(msg);
      const status = msg.status;
      if (cseq.method === 'INVITE' && cseq.seq === dialog.inviteSeq) {
        if (status === 180) send(call, { type: `${leg}.ringing` });
        else if (status === 183) send(call, { type: `${leg}.early` });
        else if (status >= 200 && status < 300 && !dialog.answered) {
          dialog.answered = true;
          send(call, { type: `${leg}.answered` });
        } else if (status >= 300) send(call, { type: `${leg}.failed`, status });
      } else if (cseq.method === 'REFER') {
        if (status === 202) send(call, { type: `${leg}.referAccepted` });
        else if (status >= 300) send(call, { type: `${leg}.referRejected`, status });
      }
      return;
    }
    if (msg.method === 'BYE') send(call, { type: `${leg}.hangup` });
    else if (msg.method === 'NOTIFY') {
      const frag = /^SIP\/2\.0 (\d{3})/.exec(msg.body ?? '');
      if (frag?.[1] !== undefined) send(call, { type: `${leg}.notify`, status: Number(frag[1]) });
    }
  };

  const onPacket = (packet: PcapPacketEvent): void => {
    const udp = udpPayloadOf(packet.data);
    if (udp === undefined) return;
    const src = udp.src;
    let msg: DrachtioSipMessage;
    try {
      msg = new DrachtioMessage(udp.payload.toString('utf8'));
    } catch {
      return;
    }
    messages++;
    const callId = msg.get('call-id') ?? '';
    const cseq = cseqOf(msg);
    const via = msg.getParsedHeader('via') as readonly { readonly params: { readonly branch?: string } }[];
    const key = `${src}|${callId}|${cseq.seq}|${cseq.method}|${msg.status ?? msg.method ?? ''}|${via[0]?.params.branch ?? ''}`;
    const time = packet.header.timestampSeconds * 1000 + packet.header.timestampMicroseconds / 1000;
    const before = seen.get(key);
    if (before !== undefined && time - before < 32_000) {
      retransmissions++;
      return;
    }
    seen.set(key, time);
    // Forget what is past the retransmission window now and then, not on every packet.
    if (++sincePurge >= 50_000) {
      sincePurge = 0;
      for (const [k, t] of seen) if (time - t >= 32_000) seen.delete(k);
    }
    const dialog = dialogs.get(callId);
    if (src === flowSideIp) {
      if (msg.method !== undefined) flowRequest(msg, msg.method, callId, dialog);
    } else peerMessage(msg, dialog);
  };

  await new Promise<void>((resolve, reject) => {
    pcapParser.parse(Readable.from([pcap])).on('packet', onPacket).on('end', resolve).on('error', reject);
  });

  let passed = 0;
  for (const call of calls) {
    const snapshot = call.actor.getSnapshot();
    if (snapshot.status === 'done' && snapshot.value === 'Disposed' && call.pending.length === 0) passed++;
  }
  input = undefined;
  return { messages, calls: calls.length, passed, divergences, assumed, retransmissions };
}

function cseqOf(msg: DrachtioSipMessage): { readonly seq: number; readonly method: string } {
  return msg.getParsedHeader('cseq') as { readonly seq: number; readonly method: string };
}

function hasToTag(msg: DrachtioSipMessage): boolean {
  const to = msg.getParsedHeader('to') as { readonly params?: { readonly tag?: string } };
  return to.params?.tag !== undefined;
}

/** `user@host` of a SIP URI: what a dial's target and an INVITE's Request-URI are matched on. */
function uriKey(uri: string): string {
  const parsed = DrachtioMessage.parseUri(uri);
  return parsed === undefined ? uri : `${parsed.user ?? ''}@${parsed.host ?? ''}`;
}
