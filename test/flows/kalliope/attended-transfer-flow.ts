/**
 * flows/kalliope/attended-transfer.flow compiled once per test file, the
 * inputs its captures were made with, and its transitions named by what
 * they do (state and a piece of their `.flow` line), never by id, so a
 * reordered flow does not break the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, loadMachines } from '../../../compiler/index.js';
import type { Diagnostic } from '../../../grammar/diagnostic.js';
import type { AnyFlowMachine, TransitionInfo } from '../../../runtime/machine.js';
import { readTrace, type TraceRead } from '../../../runtime/trace/index.js';

export const REPO = join(import.meta.dirname, '..', '..', '..');
export const FLOW_PATH = 'flows/kalliope/attended-transfer.flow';
export const TRACES = join(REPO, 'test', 'fixtures', 'traces');

/** The parties of every kalliope-* capture (test/fixtures/traces/README.md). */
export const CAPTURE_INPUT = {
  transferredUri: 'sip:+15551234567@127.0.0.30',
  extensionDomain: '127.0.0.40',
  failoverUri: 'sip:299@127.0.0.40',
} as const;

export interface CompiledFlow {
  readonly machine: AnyFlowMachine;
  readonly source: string;
  readonly diagnostics: readonly Diagnostic[];
}

let compiled: Promise<CompiledFlow> | undefined;

export function attendedTransfer(): Promise<CompiledFlow> {
  compiled ??= (async () => {
    const source = readFileSync(join(REPO, FLOW_PATH), 'utf8');
    const result = await compile([{ path: FLOW_PATH, text: source }], { kinds: ['js'] });
    const [machine] = await loadMachines(result.files);
    if (machine === undefined) throw new Error(`AttendedTransfer did not compile: ${JSON.stringify(result.diagnostics)}`);
    return { machine, source, diagnostics: result.diagnostics };
  })();
  return compiled;
}

export function fixtureTrace(file: string): TraceRead {
  return readTrace(readFileSync(join(TRACES, file)), file);
}

/** A transition: the state it is written in, and text unique to its line among that state's transitions. */
export type TransitionRef = readonly [state: string, lineText: string];

/** Every transition of the flow, by what it does. A test checks that this names each exactly once. */
export const T = {
  up: ['Connecting', 'transferred.answered'],
  trunkFailed: ['Connecting', 'transferred.failed'],
  callerGone: ['Connecting', 'transferer.hangup'],
  key: ['Connected', 'set lastKey = digits }'],
  hash4: ['Talking', 'transferCode'],
  blindRefer: ['Talking', 'transferer.refer'],
  talkingHangup: ['Talking', 'transferer.hangup'],
  talkingOtherHangup: ['Talking', 'transferred.hangup'],
  keyingHangup: ['Collecting', 'transferer.hangup'],
  keyingOtherHangup: ['Collecting', 'transferred.hangup'],
  keyingCancel: ['Digits', 'cancelCode'],
  close: ['Digits', 'digits == "#" && extension'],
  loneHash: ['Digits', 'nothing keyed yet'],
  keyingStar: ['Digits', 'digits == "*" -> Digits'],
  digit: ['Digits', 'extension + digits'],
  digitTimeout: ['Digits', 'after digitTimeout when'],
  nothingKeyed: ['Digits', 'after digitTimeout -> Talking'],
  answer: ['Ringing', 'addressee.answered'],
  ringingCancel: ['Ringing', 'cancelCode'],
  ringingLeave: ['Ringing', 'transferer.hangup'],
  ringingOtherHangup: ['Ringing', 'transferred.hangup'],
  addresseeFailed: ['Dialing', 'addressee.failed'],
  failoverFailed: ['Failover', 'addressee.failed'],
  answeredOtherHangup: ['Answered', 'transferred.hangup'],
  consultCancel: ['Consult', 'cancelCode'],
  consultSwitch: ['Consult', 'switchCode'],
  consultConference: ['Consult', 'conferenceCode'],
  consultAddresseeGone: ['Consult', 'addressee.hangup'],
  consultLeave: ['Consult', 'transferer.hangup'],
  switchedCancel: ['Switched', 'cancelCode'],
  switchBack: ['Switched', 'switchCode'],
  switchedConference: ['Switched', 'conferenceCode'],
  switchedAddresseeGone: ['Switched', 'addressee.hangup'],
  switchedLeave: ['Switched', 'transferer.hangup'],
  conferenceCancel: ['Conference', 'cancelCode'],
  conferenceAddresseeGone: ['Conference', 'addressee.hangup'],
  conferenceLeave: ['Conference', 'transferer.hangup'],
  unattendedAnswer: ['Unattended', 'addressee.answered'],
  unattendedFailed: ['Unattended', 'addressee.failed'],
  unattendedAbandoned: ['Unattended', 'transferred.hangup'],
  blindLeave: ['Blind', 'transferer.hangup'],
  blindAnswer: ['Blind', 'addressee.answered'],
  blindFailed: ['Blind', 'addressee.failed'],
  blindAbandoned: ['Blind', 'transferred.hangup'],
  transferredGone: ['Transferred', 'transferred.hangup'],
  transferredAddresseeGone: ['Transferred', 'addressee.hangup'],
} as const satisfies Record<string, TransitionRef>;

export type TransitionLabel = keyof typeof T;

/** The transition `ref` names; throws (a broken test, not user input) unless exactly one matches. */
export function transitionOf(machine: AnyFlowMachine, source: string, ref: TransitionRef): TransitionInfo {
  const lines = source.split('\n');
  const [state, text] = ref;
  const found = machine.transitions.filter((t) => t.source === state && (lines[t.at.line - 1] ?? '').includes(text));
  const only = found[0];
  if (found.length !== 1 || only === undefined) throw new Error(`${found.length} transitions of ${state} contain \`${text}\``);
  return only;
}

export function idOf(machine: AnyFlowMachine, source: string, label: TransitionLabel): number {
  return transitionOf(machine, source, T[label]).id;
}

/** The label of a transition id (for readable failures). */
export function labelOf(machine: AnyFlowMachine, source: string, id: number): string {
  for (const label of Object.keys(T) as TransitionLabel[]) if (idOf(machine, source, label) === id) return label;
  return `#${id}`;
}

/** `digit ×3` style repetition for path tables. */
export function times(label: TransitionLabel, n: number): TransitionLabel[] {
  return Array.from({ length: n }, () => label);
}
