/**
 * Outgoing lines of an event log (`"dir": "out"`) are compared with the
 * flow's `emit` effects: the Genesys logs with what Interaction Server sent
 * recorded pass; a log that skips an emit, shows another value, or shows an
 * emit the flow never makes diverges at that line, blamed on the `.flow`
 * line of the emit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import { readTrace } from '../../../runtime/trace/index.js';
import { compileFlowFile, machineOf, readLog, replay } from '../../flows/genesys/flow-replay.js';
import { lineOf, REPO } from './fixtures.js';

const LOGS = 'test/fixtures/events/genesys';
let machine: AnyFlowMachine;
let source: string;

beforeAll(async () => {
  const file = await compileFlowFile('flows/genesys/interaction-invite.flow');
  machine = machineOf(file, 'InteractionInvite');
  source = file.source;
}, 60_000);

function run(log: string): SimulationResult {
  return replay(machine, readLog(LOGS, log), {}, source);
}

describe.each(['accept', 'reject', 'timeout', 'late-accept'])('%s-with-emits.jsonl', (name) => {
  it('passes: every outgoing line is one of the flow\'s emits, in the flow\'s order, and none is left out', () => {
    const r = run(`${name}-with-emits.jsonl`);
    expect(r.divergence).toBeUndefined();
    expect(r.problems).toEqual([]);
    const out = r.steps.filter((s) => (s.kind === 'event' || s.kind === 'sip') && s.outcome.kind === 'expected');
    const made = r.steps.flatMap((s) => s.effects.filter((e) => e.kind === 'emit'));
    expect(out.length).toBe(made.length);
    expect(out.every((s) => s.kind === 'event' && s.outcome.kind === 'expected' && s.outcome.expectation.kind === 'emit')).toBe(true);
  });
});

describe('a log that parts from the flow\'s emits', () => {
  it('EventAck left out of the log: unexpected at the next line, blamed on the emit', () => {
    const r = run('reject-without-ack.jsonl');
    expect(r.verdict).toBe('fail');
    expect(r.divergence).toMatchObject({
      reason: 'unexpected',
      frame: 6,
      call: 1,
      expected: 'emit EventAck(interactionId: "0001Ma9CKTNQ00A2", referenceId: 33)',
      at: { line: lineOf(source, 'emit EventAck(interactionId: interaction') },
      sourceLine: 'emit EventAck(interactionId: interaction, referenceId: referenceId)',
    });
    expect(r.divergence?.actual).toMatch(/^EventRejected\(.*\) sent, but not EventAck before it/);
  });

  it('EventAck with the route\'s reference instead of the reject\'s: a mismatch naming the field', () => {
    const r = run('reject-wrong-reference.jsonl');
    expect(r.divergence).toMatchObject({
      reason: 'mismatch',
      frame: 6,
      detail: '`referenceId` is 33 in the flow, 57 in the log',
      at: { line: lineOf(source, 'emit EventAck(interactionId: interaction') },
    });
    // Later lines are listed, not compared.
    expect(r.steps.filter((s) => s.kind === 'event' && s.frame > 6).every((s) => s.kind === 'event' && s.outcome.kind === 'notCompared')).toBe(true);
  });

  it('an emit the flow never makes: missing, with what the state waits for', () => {
    const text = lines('reject-with-emits.jsonl');
    text.splice(5, 0, '{"time":"2024-03-05T10:02:48.311Z","event":"EventPartyAdded","dir":"out","interactionId":"0001Ma9CKTNQ00A2"}');
    const r = replay(machine, readTrace(Buffer.from(text.join('\n')), 'added.jsonl'), {}, source);
    expect(r.divergence).toMatchObject({ reason: 'missing', frame: 6, call: 1, actual: 'EventPartyAdded(interactionId: "0001Ma9CKTNQ00A2") sent' });
    expect(r.divergence?.expected).toMatch(/^no EventPartyAdded: /);
  });

  it('a log that records outgoing events and ends before the last emit: unexpected at its last line', () => {
    const text = lines('reject-with-emits.jsonl').filter((l) => !l.includes('"EventRouteUsed"'));
    const r = replay(machine, readTrace(Buffer.from(text.join('\n')), 'cut.jsonl'), {}, source);
    expect(r.divergence).toMatchObject({ reason: 'unexpected', frame: 7, at: { line: lineOf(source, 'result: "rejected"') } });
    expect(r.divergence?.actual).toMatch(/^the flow makes emit EventRouteUsed\(.*\), which the log does not show$/);
  });

  it('a log without outgoing lines is not compared with the emits (the seed logs pass as before)', () => {
    expect(run('reject.jsonl').verdict).toBe('pass');
  });
});

function lines(file: string): string[] {
  return readText(file).split('\n').filter((l) => l !== '');
}

function readText(file: string): string {
  return readFileSync(join(REPO, LOGS, file), 'utf8');
}
