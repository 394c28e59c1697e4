/**
 * The attended-transfer flow run live, as a FlowSession on a virtual clock
 * with in-memory ports: a scripted event sequence per case, asserting what
 * the session asks the SIP and media ports to do. The captures prove the
 * wire; these pin what the wire cannot show precisely: the digit timeout to
 * the millisecond, every failure status of the addressee, *0 from every
 * stage of the consultation, and keys that are not codes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import type { DialogSignal } from '../../../runtime/ports/dialog-signal.js';
import { createMemoryPorts, type MemoryPorts } from '../../../runtime/ports/memory-ports.js';
import { FlowSession } from '../../../runtime/session/flow-session.js';
import type { SessionObserver, StepRecord } from '../../../runtime/session/session-observer.js';
import type { EmitEffect } from '../../../runtime/effects.js';
import type { Value } from '../../../runtime/values.js';
import { attendedTransfer, CAPTURE_INPUT } from './attended-transfer-flow.js';

let machine: AnyFlowMachine;

beforeAll(async () => {
  ({ machine } = await attendedTransfer());
});

class Recorder implements SessionObserver {
  readonly steps: StepRecord[] = [];
  readonly emits: EmitEffect[] = [];
  step(_session: FlowSession, step: StepRecord): void {
    this.steps.push(step);
  }
  emitted(_session: FlowSession, effect: EmitEffect): void {
    this.emits.push(effect);
  }
}

/** A PBX call: the phone's dialog offered and bound, the session started, the transferred party answered. */
class Call {
  readonly clock = new VirtualClock(10_000);
  readonly ports: MemoryPorts = createMemoryPorts();
  readonly recorder = new Recorder();
  readonly session: FlowSession;

  constructor(input: Readonly<Record<string, Value>> = {}) {
    this.session = new FlowSession(machine, { input: { ...CAPTURE_INPUT, ...input }, ports: this.ports, clock: this.clock, observer: this.recorder });
    this.session.bindLeg('transferer', this.ports.sip.offer(this.session));
    this.session.start();
    this.signal('transferred', { type: 'answered' });
  }

  get state(): string {
    return this.session.snapshot?.configuration.at(-1) ?? '';
  }

  signal(leg: string, signal: DialogSignal): void {
    const dialog = this.session.dialogOf(leg);
    if (dialog === undefined) throw new Error(`leg ${leg} has no dialog`);
    this.ports.sip.signal(dialog, signal);
  }

  /** The user presses keys, one event each, `gapMs` apart. */
  keys(keys: string, gapMs = 300): void {
    for (const key of keys) {
      this.signal('transferer', { type: 'dtmf', digits: key });
      this.clock.advanceBy(gapMs);
    }
  }

  /** `op leg` for each SIP request and media action from now on. */
  mark(): () => string[] {
    const sip = this.ports.sip.calls.length;
    const media = this.ports.media.calls.length;
    const legOf = (dialog: string): string => this.session.legOf(dialog) ?? dialog;
    return () => [
      ...this.ports.sip.calls.slice(sip).map((c) => `${c.op} ${legOf(c.dialogId)}`),
      ...this.ports.media.calls.slice(media).map((c) => {
        switch (c.op) {
          case 'bridge':
            return `bridge ${legOf(c.a)} ${legOf(c.b)}`;
          case 'conference':
            return `conference ${c.dialogIds.map(legOf).join(' ')}`;
          case 'unbridge':
            return `unbridge ${legOf(c.a)}${c.b === undefined ? '' : ` ${legOf(c.b)}`}`;
          default:
            return `${c.op} ${legOf(c.dialogId)}`;
        }
      }),
    ];
  }

  dials(): string[] {
    return this.ports.sip.calls.flatMap((c) => (c.op === 'dial' ? [c.request.to] : []));
  }

  /** From Talking: #4, the extension, #, and the addressee answers. */
  consult(extension = '201'): void {
    this.keys(`#4${extension}#`);
    this.signal('addressee', { type: 'answered' });
  }
}

describe('the call before the transfer', () => {
  it('answers the phone, dials the transferred party and bridges them when it answers', () => {
    const call = new Call();
    expect(call.state).toBe('Talking');
    expect(call.ports.sip.calls.map((c) => c.op)).toEqual(['answer', 'dial']);
    expect(call.dials()).toEqual(['sip:+15551234567@127.0.0.30']);
    expect(call.ports.media.calls.map((c) => c.op)).toEqual(['bridge']);
  });

  it('takes #4 only as # then 4: other keys and orders do nothing', () => {
    const call = new Call();
    call.keys('4#5412*4');
    expect(call.state).toBe('Talking');
    call.keys('#4');
    expect(call.state).toBe('Digits');
  });

  it('ignores keys from the other legs', () => {
    const call = new Call();
    call.signal('transferred', { type: 'dtmf', digits: '#' });
    call.signal('transferred', { type: 'dtmf', digits: '4' });
    expect(call.state).toBe('Talking');
  });
});

describe('keying the extension', () => {
  it('#4 holds the transferred party with music and plays the prompt', () => {
    const call = new Call();
    const since = call.mark();
    call.keys('#4');
    expect(since()).toEqual(['hold transferred', 'unbridge transferer transferred', 'startMusic transferred', 'play transferer']);
    expect(call.ports.media.calls).toContainEqual(expect.objectContaining({ op: 'play', prompt: 'attended-transfer/enter-extension' }));
    expect(call.ports.media.calls).toContainEqual(expect.objectContaining({ op: 'startMusic', music: 'moh/default' }));
  });

  it('# closes the extension at once', () => {
    const call = new Call();
    call.keys('#4201#', 100);
    expect(call.state).toBe('Dialing');
    expect(call.dials().at(-1)).toBe('sip:201@127.0.0.40');
  });

  it('without #, the extension is dialled 2 s after the last key, not a millisecond before', () => {
    const call = new Call();
    call.keys('#4', 100);
    call.keys('20', 1500);
    call.signal('transferer', { type: 'dtmf', digits: '1' });
    const last = call.clock.now();
    call.clock.advanceTo(last + 1999);
    expect(call.state).toBe('Digits');
    call.clock.advanceTo(last + 2000);
    expect(call.state).toBe('Dialing');
    expect(call.dials().at(-1)).toBe('sip:201@127.0.0.40');
  });

  it('with nothing keyed for 2 s, the transferred party comes back', () => {
    const call = new Call();
    call.keys('#4', 0);
    const since = call.mark();
    call.clock.advanceBy(2000);
    expect(call.state).toBe('Talking');
    expect(since()).toEqual(['unhold transferred', 'stopMusic transferred', 'bridge transferer transferred']);
  });

  it('a lone # does not restart the timeout, nor dial an empty extension', () => {
    const call = new Call();
    call.keys('#4', 0);
    call.keys('#', 1000);
    call.clock.advanceBy(1000);
    expect(call.state).toBe('Talking');
    expect(call.dials()).toHaveLength(1);
  });

  it('keys an extension with digits from every row of the keypad', () => {
    const call = new Call();
    call.keys('#4', 100);
    call.keys('9870#', 100);
    expect(call.dials().at(-1)).toBe('sip:9870@127.0.0.40');
  });

  it('starts every consultation with an empty extension', () => {
    const call = new Call();
    call.keys('#4201#');
    call.keys('*0');
    call.keys('#4305#');
    expect(call.dials().slice(1)).toEqual(['sip:201@127.0.0.40', 'sip:305@127.0.0.40']);
  });
});

describe('the addressee does not answer: the failover action of the extension', () => {
  it.each([
    [486, 'busy'],
    [480, 'not available'],
    [408, 'no answer within the ring timeout'],
    [404, 'not registered'],
  ])('%i (%s): reported, and the failover destination dialled in its place', (status) => {
    const call = new Call();
    call.keys('#4201#');
    call.signal('addressee', { type: 'failed', status });
    expect(call.state).toBe('Failover');
    expect(call.recorder.emits.map((e) => e.payload)).toEqual([{ extension: '201', status }]);
    expect(call.dials().at(-1)).toBe('sip:299@127.0.0.40');
    // The failover destination answers: the consultation goes on with it.
    call.signal('addressee', { type: 'answered' });
    expect(call.state).toBe('Consult');
  });

  it('when the failover destination fails too, the transferer hears why and gets the call back', () => {
    const call = new Call();
    call.keys('#4201#');
    call.signal('addressee', { type: 'failed', status: 486 });
    const since = call.mark();
    call.signal('addressee', { type: 'failed', status: 404 });
    expect(call.state).toBe('Talking');
    expect(since()).toEqual(['unhold transferred', 'play transferer', 'stopMusic transferred', 'bridge transferer transferred']);
    expect(call.ports.media.calls.at(-3)).toMatchObject({ op: 'play', prompt: 'attended-transfer/not-reachable' });
  });

  it('the dial carries the ring timeout', () => {
    const call = new Call();
    call.keys('#4201#');
    const dial = call.ports.sip.calls.at(-1);
    expect(dial).toMatchObject({ op: 'dial', request: { to: 'sip:201@127.0.0.40', timeoutMs: 30_000 } });
  });
});

describe('*0 cancels at any moment', () => {
  it.each([
    ['while keying the extension', (call: Call) => call.keys('#42'), ['unhold transferred', 'stopMusic transferred', 'bridge transferer transferred']],
    [
      'while the addressee rings',
      (call: Call) => call.keys('#4201#'),
      ['cancel addressee', 'unhold transferred', 'stopMusic transferred', 'bridge transferer transferred'],
    ],
    [
      'while the failover destination rings',
      (call: Call) => {
        call.keys('#4201#');
        call.signal('addressee', { type: 'failed', status: 480 });
      },
      ['cancel addressee', 'unhold transferred', 'stopMusic transferred', 'bridge transferer transferred'],
    ],
    [
      'while talking to the addressee',
      (call: Call) => call.consult(),
      ['hangup addressee', 'unhold transferred', 'unbridge transferer addressee', 'stopMusic transferred', 'bridge transferer transferred'],
    ],
    [
      'after *9',
      (call: Call) => {
        call.consult();
        call.keys('*9');
      },
      ['hangup addressee', 'unbridge transferer transferred', 'bridge transferer transferred'],
    ],
    [
      'in the 3-way conference',
      (call: Call) => {
        call.consult();
        call.keys('*3');
      },
      ['hangup addressee', 'unbridge transferer', 'unbridge transferred', 'unbridge addressee', 'bridge transferer transferred'],
    ],
  ])('%s', (_when, reach, expected) => {
    const call = new Call();
    reach(call);
    const since = call.mark();
    call.keys('*0');
    expect(call.session.snapshot?.configuration).toEqual(['Connected', 'Talking']);
    expect(since()).toEqual(expected);
  });
});

describe('after the addressee answered', () => {
  it('*9 switches back and forth, holding whoever is not talking', () => {
    const call = new Call();
    call.consult();
    let since = call.mark();
    call.keys('*9');
    expect(call.state).toBe('Switched');
    expect(since()).toEqual([
      'hold addressee',
      'unhold transferred',
      'unbridge transferer addressee',
      'startMusic addressee',
      'stopMusic transferred',
      'bridge transferer transferred',
    ]);
    since = call.mark();
    call.keys('*9');
    expect(call.state).toBe('Consult');
    expect(since()).toEqual([
      'hold transferred',
      'unhold addressee',
      'unbridge transferer transferred',
      'startMusic transferred',
      'stopMusic addressee',
      'bridge transferer addressee',
    ]);
  });

  it('*3 takes the held party off hold and mixes the three', () => {
    const call = new Call();
    call.consult();
    const since = call.mark();
    call.keys('*3');
    expect(call.state).toBe('Conference');
    expect(since()).toEqual(['unhold transferred', 'unbridge transferer addressee', 'stopMusic transferred', 'conference transferer transferred addressee']);
  });

  it('the addressee hanging up restores the original conversation', () => {
    const call = new Call();
    call.consult();
    const since = call.mark();
    call.signal('addressee', { type: 'hangup' });
    expect(call.state).toBe('Talking');
    expect(since()).toEqual(['unhold transferred', 'unbridge transferer addressee', 'stopMusic transferred', 'bridge transferer transferred']);
  });

  it('the transferer hanging up connects the transferred party and the addressee', () => {
    const call = new Call();
    call.consult();
    const since = call.mark();
    call.signal('transferer', { type: 'hangup' });
    expect(call.state).toBe('Transferred');
    expect(since()).toEqual(['unhold transferred', 'unbridge transferer addressee', 'stopMusic transferred', 'bridge transferred addressee']);
    call.signal('addressee', { type: 'hangup' });
    expect(call.session.done).toBe(true);
    expect(call.ports.sip.calls.at(-1)).toMatchObject({ op: 'hangup' });
  });

  it('a code needs its two keys in a row: *, another key, then 9 is no switch', () => {
    const call = new Call();
    call.consult();
    call.keys('*59');
    expect(call.state).toBe('Consult');
  });
});

describe('Direct Media and the phone’s own transfer key', () => {
  it('with Direct Media on, #4 does nothing: the attended transfer needs the PBX in the media path', () => {
    const call = new Call({ directMedia: true });
    call.keys('#4201#');
    expect(call.state).toBe('Talking');
    expect(call.dials()).toHaveLength(1);
  });

  it.each([false, true])('a REFER from the phone (Direct Media %s) is a blind transfer to its Refer-To', (directMedia) => {
    const call = new Call({ directMedia });
    const since = call.mark();
    call.signal('transferer', { type: 'refer', to: 'sip:205@127.0.0.40' });
    expect(call.state).toBe('Blind');
    expect(since()).toEqual(['dial addressee', 'notify transferer', 'hold transferred', 'unbridge transferer transferred', 'startMusic transferred']);
    expect(call.dials().at(-1)).toBe('sip:205@127.0.0.40');
  });

  it('a blind transfer that fails runs no failover action: the phone hears the status and gets its call back', () => {
    const call = new Call();
    call.signal('transferer', { type: 'refer', to: 'sip:205@127.0.0.40' });
    call.signal('addressee', { type: 'failed', status: 404 });
    expect(call.state).toBe('Talking');
    expect(call.recorder.emits).toEqual([]);
    expect(call.dials()).toEqual(['sip:+15551234567@127.0.0.30', 'sip:205@127.0.0.40']);
    expect(call.ports.sip.calls.filter((c) => c.op === 'notify').map((c) => (c.op === 'notify' ? c.status : 0))).toEqual([100, 404]);
  });
});

describe('the service as configured on the PBX', () => {
  it('disabled, #4 does nothing', () => {
    const call = new Call({ serviceEnabled: false });
    call.keys('#4201#');
    expect(call.state).toBe('Talking');
    expect(call.dials()).toHaveLength(1);
  });

  it('with other codes, the defaults mean nothing and the configured ones work', () => {
    const call = new Call({ transferCode: '*5', cancelCode: '##', switchCode: '*7', conferenceCode: '*8' });
    call.keys('#4');
    expect(call.state).toBe('Talking');
    call.keys('*5201#');
    expect(call.dials().at(-1)).toBe('sip:201@127.0.0.40');
    call.signal('addressee', { type: 'answered' });
    call.keys('*9*3*0');
    expect(call.state).toBe('Consult');
    call.keys('*7');
    expect(call.state).toBe('Switched');
    call.keys('*8');
    expect(call.state).toBe('Conference');
    call.keys('##');
    expect(call.state).toBe('Talking');
    expect(call.ports.sip.calls.at(-1)).toMatchObject({ op: 'hangup' });
  });
});
