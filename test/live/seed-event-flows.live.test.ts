/**
 * The seed flows that have no SIP legs of their own, live: seed 001 (POM's
 * agent state machine), seed 003 (CCM's consult call case) and seed 004
 * (Genesys interaction invite) in a real `flowc run` process model (LiveApp
 * on drachtio-server), driven the way production drives them: through the
 * HTTP control API. What they need from the runtime is what these tests
 * check: sessions started and addressed by key, `send` between instances,
 * timers on the real clock, emitted events on the live stream, sessions
 * that end. No media: FreeSWITCH is left alone.
 */
import { afterEach, describe, expect } from 'vitest';
import type { LiveEvent } from '../../runtime/live/live-events.js';
import { liveIt, liveServers } from './live-env.js';
import { compileFlows, startFlowc, type RunningFlowc } from './live-harness.js';

const running: RunningFlowc[] = [];
afterEach(async () => {
  for (const flowc of running.splice(0)) await flowc.stop();
});

const JSON_BODY = { 'content-type': 'application/json' };

/** The control API of one running flowc. */
function api(flowc: RunningFlowc) {
  const base = flowc.app.apiAddress() ?? '';
  return {
    async start(flow: string, inputs: Record<string, unknown>): Promise<void> {
      const res = await fetch(`${base}/sessions/${flow}`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ inputs }) });
      expect([flow, res.status, res.status === 201 ? '' : await res.text()]).toEqual([flow, 201, '']);
    },
    async post(flow: string, key: string, event: Record<string, unknown>): Promise<void> {
      const res = await fetch(`${base}/sessions/${flow}/${key}/events`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify(event) });
      expect([flow, key, event['type'], res.status, res.status === 202 ? '' : await res.text()]).toEqual([flow, key, event['type'], 202, '']);
    },
  };
}

const inState = (key: string, state: string) => (e: LiveEvent) => e.type === 'state' && e.key === key && e.after.includes(state);
const emitted = (key: string, event: string, payload: Record<string, unknown> = {}) => (e: LiveEvent) =>
  e.type === 'emitted' && e.key === key && e.event === event && Object.entries(payload).every(([k, v]) => e.payload[k] === v);

function emittedBy(flowc: RunningFlowc, key: string): string[] {
  return flowc.events.flatMap((e) => (e.type === 'emitted' && e.key === key ? [e.event] : []));
}

describe('seed flows without SIP legs, live through the control API', () => {
  liveIt('seed 001 POM agents: consult between two agent instances, transfer, wrap-up timer on the real clock, walkaway alarm, logout', async () => {
    const machines = await compileFlows(['flows/pom/agent.flow']);
    const flowc = await startFlowc(liveServers(), machines, { api: { host: '127.0.0.1', port: 0 } }, { media: false });
    running.push(flowc);
    const { start, post } = api(flowc);
    await start('Agent', { agentId: 'a1' });
    await start('Agent', { agentId: 'a2', wrapupTime: '2s' });
    for (const [key, extension] of [['a1', '5001'], ['a2', '5002']] as const) {
      await post('Agent', key, { type: 'Login', extension, zone: 'UTC', skills: 'outbound' });
      await post('Agent', key, { type: 'Ready' });
      await flowc.waitFor(inState(key, 'Ready'), `${key} Ready`);
    }

    // a1 gets a customer and consults a2: the ConsultRequest and a2's ConsultAccepted go between the instances.
    await post('Agent', 'a1', { type: 'CallConnected', contactId: 'c-1' });
    await flowc.waitFor(inState('a1', 'Talking'), 'a1 Talking');
    await post('Agent', 'a1', { type: 'Consult', target: 'a2' });
    await flowc.waitFor(inState('a2', 'ConsultPassive'), 'a2 consulted');
    await flowc.waitFor(inState('a1', 'ConsultConnected'), 'a1 sees the consult accepted');
    await flowc.waitFor(emitted('a1', 'HoldApplication', { action: 'play', contact: 'c-1' }), 'the customer held for the consult');

    // The transfer hands the customer to a2; a1 is free again.
    await post('Agent', 'a1', { type: 'Transfer' });
    await flowc.waitFor(emitted('a2', 'Activity', { name: 'Call Continue (transferred)', contact: 'c-1' }), 'a2 has the customer');
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'a1' && e.event === 'Transfer' && e.after.includes('Ready'), 'a1 Ready after the transfer');

    // a2 asks for Not Ready while busy (pending), the customer hangs up, a2 extends its wrap-up once and lets the timer run out.
    await post('Agent', 'a2', { type: 'NotReady', reason: 'Break', walkaway: false });
    await flowc.waitFor(inState('a2', 'PendingNotReady'), 'a2 Pending Not Ready');
    await post('Agent', 'a2', { type: 'CustomerHangup' });
    await flowc.waitFor(emitted('a2', 'WrapupStarted', { contact: 'c-1' }), 'a2 wraps up');
    await post('Agent', 'a2', { type: 'ExtendWrapup' });
    await flowc.waitFor(emitted('a2', 'WrapupExtended', { remaining: 1 }), 'the wrap-up extended');
    const disposed = await flowc.waitFor(emitted('a2', 'Disposed', { contact: 'c-1', by: 'wrap-up timer' }), 'the wrap-up timer', 15_000);
    expect(disposed.type === 'emitted' && disposed.payload['code']).toBe('Default');
    // The timer is the machine's `$timer` event, on the real clock, and it leaves a2 where its pending command said.
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'a2' && e.event === '$timer' && e.after.includes('NotReady'), 'a2 Not Ready after the wrap-up');

    // Walkaway: the major alarm P_POMAGT16; then both log out.
    await post('Agent', 'a2', { type: 'NotReady', reason: 'Away', walkaway: true });
    await flowc.waitFor(emitted('a2', 'Alarm', { code: 'P_POMAGT16', severity: 'major' }), 'the walkaway alarm');
    await post('Agent', 'a2', { type: 'Logout' });
    await post('Agent', 'a1', { type: 'NotReady', reason: 'End of shift', walkaway: false });
    await post('Agent', 'a1', { type: 'Logout' });
    for (const key of ['a1', 'a2']) {
      await flowc.waitFor((e) => e.type === 'state' && e.key === key && e.event === 'Logout' && e.after.includes('Logout'), `${key} logged out`);
    }
    expect(emittedBy(flowc, 'a1')).not.toContain('Alarm');
    expect(flowc.events.filter((e) => e.type === 'error')).toEqual([]);
  });

  liveIt('seed 003 CCM consult call: B accepts, CCM publishes the leg in the customer session found by ANI, releases it; a second alert ends by RONA on the real clock', async () => {
    const machines = await compileFlows(['flows/ccm/consult-call.flow']);
    const flowc = await startFlowc(liveServers(), machines, { api: { host: '127.0.0.1', port: 0 } }, { media: false });
    running.push(flowc);
    const { start, post } = api(flowc);
    const ani = '+4930123';
    await start('ConsultCall', { customerAni: ani, channelSessionId: 'cs-1', conversationId: 'cv-1' });
    await start('ConsultTargetDesk', { agentId: 'b1', ronaInterval: '2s' });
    await start('ConsultTargetDesk', { agentId: 'b2', ronaInterval: '2s' });

    // B sees Agent A as the caller; a browser refresh while alerting restores the alert.
    await post('ConsultTargetDesk', 'b1', { type: 'ConsultOffered', callId: 'k-1', callerId: '5001', customerAni: ani });
    await flowc.waitFor(emitted('b1', 'AlertShown', { callId: 'k-1', callerId: '5001' }), 'the alert on B');
    await post('ConsultTargetDesk', 'b1', { type: 'BrowserDisconnected' });
    await post('ConsultTargetDesk', 'b1', { type: 'BrowserRestored' });
    await flowc.waitFor(emitted('b1', 'AlertRestored', { callId: 'k-1' }), 'the alert restored');

    // B accepts: its desk sends CALL_LEG_STARTED with the customer's ANI, and CCM publishes it in that channel session.
    await post('ConsultTargetDesk', 'b1', { type: 'ConsultAccepted', callId: 'k-1' });
    await flowc.waitFor(emitted(ani, 'CALL_LEG_STARTED', { conversationId: 'cv-1', channelSessionId: 'cs-1', reason: 'CONSULT', agentId: 'b1', callId: 'k-1' }), 'the leg published');
    await post('ConsultTargetDesk', 'b1', { type: 'ConsultReleased', callId: 'k-1', releasedBy: 'a1' });
    await flowc.waitFor(emitted(ani, 'CALL_LEG_ENDED', { reason: 'CONSULT_ENDED', agentId: 'b1', callId: 'k-1' }), 'the leg ended');
    await flowc.waitFor((e) => e.type === 'ended' && e.flow === 'ConsultTargetDesk' && e.key === 'b1', "b1's desk session over");
    await flowc.waitFor(inState(ani, 'CustomerCall'), 'the customer session back to its customer call');

    // B2 never answers: RONA-B after the interval, on the real clock.
    await post('ConsultTargetDesk', 'b2', { type: 'ConsultOffered', callId: 'k-2', callerId: '5001', customerAni: ani });
    await flowc.waitFor(emitted('b2', 'RedirectOnNoAnswer', { callId: 'k-2', agentId: 'b2' }), 'RONA-B', 15_000);
    await flowc.waitFor(emitted('b2', 'AlertRemoved', { callId: 'k-2', reason: 'RONA' }), 'the alert removed');
    await flowc.waitFor((e) => e.type === 'ended' && e.flow === 'ConsultTargetDesk' && e.key === 'b2', "b2's desk session over");
    // Nothing of the RONA reached the customer session.
    expect(emittedBy(flowc, ani)).toEqual(['CALL_LEG_STARTED', 'CALL_LEG_ENDED']);
    expect(flowc.events.filter((e) => e.type === 'error')).toEqual([]);
  });

  liveIt('seed 004 Genesys interaction invite: route, invite, accept', async () => {
    const machines = await compileFlows(['flows/genesys/interaction-invite.flow']);
    const flowc = await startFlowc(liveServers(), machines, { api: { host: '127.0.0.1', port: 0 } }, { media: false });
    running.push(flowc);
    const { post } = api(flowc);
    const base = flowc.app.apiAddress() ?? '';
    const start = await fetch(`${base}/sessions/InteractionInvite`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ key: 'i-1', inputs: { inviteTimeout: '30s' } }) });
    expect(start.status).toBe(201);
    await post('InteractionInvite', 'i-1', { type: 'RequestRouteCall', interactionId: 'ix', agentId: 'a1', placeId: 'p1', strategy: 's', referenceId: 7 });
    await flowc.waitFor(emitted('i-1', 'EventInvite'), 'EventInvite');
    await post('InteractionInvite', 'i-1', { type: 'RequestAccept', interactionId: 'ix', agentId: 'a1', referenceId: 8 });
    await flowc.waitFor(emitted('i-1', 'EventRouteUsed', { result: 'accepted', referenceId: 7 }), 'EventRouteUsed');
    await flowc.waitFor((e) => e.type === 'ended' && e.key === 'i-1', 'the end');
  });
});
