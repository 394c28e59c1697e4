import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../runtime/effects.js';
import { effectHandlers, runEffect, type EffectHandlers } from '../../../runtime/handlers/effect-handlers.js';
import { handleDial } from '../../../runtime/handlers/dial.js';
import { portFailure } from '../../../runtime/ports/port-failure.js';
import { FakeContext } from './fake-context.js';

const at = { line: 1, column: 1 };

/** Port calls without the owner, which is the context itself. */
function sipCalls(ctx: FakeContext): unknown[] {
  return ctx.ports.sip.calls.map(({ owner: _owner, ...call }) => call);
}
function mediaCalls(ctx: FakeContext): unknown[] {
  return ctx.ports.media.calls.map(({ owner: _owner, ...call }) => call);
}

describe('effect handlers', () => {
  it('dial sends an INVITE and binds the leg to the new dialog', () => {
    const ctx = new FakeContext();
    const effect: Effect = { kind: 'dial', leg: 'agent', to: 'sip:a@x', headers: { 'X-Job': '7' }, timeoutMs: 30_000, at };
    expect(runEffect(effect, ctx)).toBeUndefined();
    expect(ctx.dialogOf('agent')).toBe('d1');
    expect(sipCalls(ctx)).toMatchObject([{ op: 'dial', dialogId: 'd1', request: { leg: 'agent', to: 'sip:a@x', headers: { 'X-Job': '7' }, timeoutMs: 30_000 } }]);
  });

  it('dial that the port refuses binds nothing and returns the failure', () => {
    const ctx = new FakeContext();
    ctx.ports.sip.failing.dial = portFailure('sip', 'not connected');
    const failure = runEffect({ kind: 'dial', leg: 'agent', to: 'sip:a@x', headers: {}, at }, ctx);
    expect(failure).toMatchObject({ kind: 'portFailure', port: 'sip', message: 'not connected' });
    expect(ctx.dialogOf('agent')).toBeUndefined();
  });

  it.each<[string, Effect, unknown]>([
    ['answer', { kind: 'answer', leg: 'caller', at }, { op: 'answer', dialogId: 'd1' }],
    ['reject', { kind: 'reject', leg: 'caller', status: 486, at }, { op: 'reject', dialogId: 'd1', status: 486 }],
    ['hangup', { kind: 'hangup', leg: 'caller', at }, { op: 'hangup', dialogId: 'd1' }],
    ['cancel', { kind: 'cancel', leg: 'caller', at }, { op: 'cancel', dialogId: 'd1' }],
    ['refer', { kind: 'refer', leg: 'caller', to: 'sip:b@x', at }, { op: 'refer', dialogId: 'd1', to: 'sip:b@x' }],
    ['notify', { kind: 'notify', leg: 'caller', status: 200, at }, { op: 'notify', dialogId: 'd1', status: 200 }],
  ])('%s goes to the SIP port on the leg’s dialog', (_name, effect, call) => {
    const ctx = new FakeContext();
    ctx.offer('caller');
    expect(runEffect(effect, ctx)).toBeUndefined();
    expect(sipCalls(ctx)).toEqual([call]);
  });

  it.each<[string, Effect]>([
    ['answer', { kind: 'answer', leg: 'ghost', at }],
    ['reject', { kind: 'reject', leg: 'ghost', status: 486, at }],
    ['hangup', { kind: 'hangup', leg: 'ghost', at }],
    ['cancel', { kind: 'cancel', leg: 'ghost', at }],
    ['hold', { kind: 'hold', leg: 'ghost', music: 'moh', at }],
    ['unhold', { kind: 'unhold', leg: 'ghost', at }],
    ['bridge', { kind: 'bridge', a: 'caller', b: 'ghost', at }],
    ['unbridge', { kind: 'unbridge', a: 'caller', b: 'ghost', at }],
    ['conference', { kind: 'conference', legs: ['caller', 'ghost'], at }],
    ['refer', { kind: 'refer', leg: 'ghost', to: 'sip:b@x', at }],
    ['referReplacing', { kind: 'referReplacing', leg: 'caller', replacing: 'ghost', at }],
    ['takeover', { kind: 'takeover', leg: 'ghost', at }],
    ['notify', { kind: 'notify', leg: 'ghost', status: 200, at }],
    ['play', { kind: 'play', leg: 'ghost', prompt: 'hello', at }],
    ['collect', { kind: 'collect', leg: 'ghost', max: 4, at }],
  ])('%s on a leg with no dialog fails with unboundLeg and asks no port', (_name, effect) => {
    const ctx = new FakeContext();
    ctx.offer('caller');
    expect(runEffect(effect, ctx)).toMatchObject({ kind: 'unboundLeg', leg: 'ghost' });
    expect(ctx.ports.sip.calls).toEqual([]);
    expect(ctx.ports.media.calls).toEqual([]);
  });

  it('hold re-INVITEs, then starts music only when the flow asked for it', () => {
    const ctx = new FakeContext();
    ctx.offer('caller');
    runEffect({ kind: 'hold', leg: 'caller', music: 'moh', at }, ctx);
    runEffect({ kind: 'hold', leg: 'caller', at }, ctx);
    expect(sipCalls(ctx)).toEqual([
      { op: 'hold', dialogId: 'd1' },
      { op: 'hold', dialogId: 'd1' },
    ]);
    expect(mediaCalls(ctx)).toEqual([{ op: 'startMusic', dialogId: 'd1', music: 'moh' }]);
  });

  it('hold starts no music when the re-INVITE could not be sent', () => {
    const ctx = new FakeContext();
    ctx.offer('caller');
    ctx.ports.sip.failing.hold = portFailure('sip', 'down');
    expect(runEffect({ kind: 'hold', leg: 'caller', music: 'moh', at }, ctx)).toMatchObject({ message: 'down' });
    expect(ctx.ports.media.calls).toEqual([]);
  });

  it('unhold stops music before the re-INVITE', () => {
    const ctx = new FakeContext();
    ctx.offer('caller');
    const order: string[] = [];
    ctx.ports.media.responder = { respond: (call) => order.push(`media ${call.op}`) };
    ctx.ports.sip.responder = { respond: (call) => order.push(`sip ${call.op}`) };
    expect(runEffect({ kind: 'unhold', leg: 'caller', at }, ctx)).toBeUndefined();
    expect(order).toEqual(['media stopMusic', 'sip unhold']);
  });

  it('bridge, unbridge and conference go to the media port with the legs’ dialogs', () => {
    const ctx = new FakeContext();
    ctx.offer('a');
    ctx.offer('b');
    ctx.offer('c');
    runEffect({ kind: 'bridge', a: 'a', b: 'b', at }, ctx);
    runEffect({ kind: 'unbridge', a: 'a', at }, ctx);
    runEffect({ kind: 'unbridge', a: 'a', b: 'b', at }, ctx);
    runEffect({ kind: 'conference', legs: ['a', 'b', 'c'], at }, ctx);
    expect(mediaCalls(ctx)).toEqual([
      { op: 'bridge', a: 'd1', b: 'd2' },
      { op: 'unbridge', a: 'd1', b: undefined },
      { op: 'unbridge', a: 'd1', b: 'd2' },
      { op: 'conference', dialogIds: ['d1', 'd2', 'd3'] },
    ]);
  });

  it('play and collect go to the media port', () => {
    const ctx = new FakeContext();
    ctx.offer('caller');
    runEffect({ kind: 'play', leg: 'caller', prompt: 'welcome', at }, ctx);
    runEffect({ kind: 'collect', leg: 'caller', max: 2, terminator: '#', timeoutMs: 2000, at }, ctx);
    expect(mediaCalls(ctx)).toMatchObject([
      { op: 'play', dialogId: 'd1', prompt: 'welcome' },
      { op: 'collect', dialogId: 'd1', request: { max: 2, terminator: '#', timeoutMs: 2000 } },
    ]);
  });

  it('referReplacing names both dialogs', () => {
    const ctx = new FakeContext();
    ctx.offer('external');
    ctx.offer('customer');
    runEffect({ kind: 'referReplacing', leg: 'external', replacing: 'customer', at }, ctx);
    expect(sipCalls(ctx)).toEqual([{ op: 'referReplacing', dialogId: 'd1', replacing: 'd2' }]);
  });

  it('takeover replaces the leg’s dialog and rebinds the leg to the new one', () => {
    const ctx = new FakeContext();
    ctx.offer('customer');
    expect(runEffect({ kind: 'takeover', leg: 'customer', at }, ctx)).toBeUndefined();
    expect(sipCalls(ctx)).toEqual([{ op: 'takeover', dialogId: 'd2', leg: 'customer', replaces: 'd1' }]);
    expect(ctx.dialogOf('customer')).toBe('d2');
  });

  it('emit publishes on the bus stamped with the flow instance', () => {
    const ctx = new FakeContext();
    runEffect({ kind: 'emit', event: 'Disposed', payload: { code: 'ok' }, at }, ctx);
    expect(ctx.ports.bus.published).toEqual([{ flow: 'Test', key: 'k1', event: 'Disposed', payload: { code: 'ok' }, at }]);
  });

  it('send routes a flat event whose type cannot be overridden by the payload', () => {
    const ctx = new FakeContext();
    runEffect({ kind: 'send', flow: 'Agent', key: 'a7', event: 'Reserve', payload: { call: 'c1', type: 'forged' }, at }, ctx);
    expect(ctx.ports.router.sent).toMatchObject([{ flow: 'Agent', key: 'a7', event: { type: 'Reserve', call: 'c1' } }]);
  });

  it('bus and router failures come back as values', () => {
    const ctx = new FakeContext();
    ctx.ports.bus.failing = portFailure('bus', 'bus down');
    ctx.ports.router.failing = portFailure('router', 'no such flow');
    expect(runEffect({ kind: 'emit', event: 'E', payload: {}, at }, ctx)).toMatchObject({ message: 'bus down' });
    expect(runEffect({ kind: 'send', flow: 'F', key: 'k', event: 'E', payload: {}, at }, ctx)).toMatchObject({ message: 'no such flow' });
  });

  it('startTimer and cancelTimer go to the session’s timers', () => {
    const ctx = new FakeContext();
    runEffect({ kind: 'startTimer', timer: 'Outreach#0', delayMs: 45_000, at }, ctx);
    runEffect({ kind: 'cancelTimer', timer: 'Outreach#0', at }, ctx);
    expect(ctx.timerLog).toEqual(['start Outreach#0 45000', 'cancel Outreach#0']);
  });

  it('requires a handler for every effect kind', () => {
    // @ts-expect-error -- a map missing kinds must not type-check
    const partial: EffectHandlers = { dial: handleDial };
    expect(Object.keys(partial)).toEqual(['dial']);
    expect(Object.keys(effectHandlers)).toHaveLength(20);
  });
});
