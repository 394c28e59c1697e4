/**
 * Fault tests, live: a peer that never answers, answers twice, hangs up
 * during a REFER, or sends garbage; drachtio-server killed and restarted
 * mid-call; FreeSWITCH disconnected. Each time the process survives, the
 * affected session ends cleanly with an error event, and a session beside
 * it is not disturbed. Restarting a server needs a command for it
 * (DRACHTIO_RESTART_COMMAND, FREESWITCH_RESTART_COMMAND: docs/live-testing.md).
 */
import { execSync } from 'node:child_process';
import { afterEach, describe, expect } from 'vitest';
import { envValue, liveIt, liveServers } from './live-env.js';
import { channelsDrainTo, compileFlows, startFlowc, until, type RunningFlowc } from './live-harness.js';
import { sippPeer, type SippPeer } from './sipp-peer.js';

const running: RunningFlowc[] = [];
const peers: SippPeer[] = [];
afterEach(async () => {
  for (const peer of peers.splice(0)) peer.stop();
  for (const flowc of running.splice(0)) await flowc.stop();
});

function peer(p: SippPeer): SippPeer {
  peers.push(p);
  return p;
}

async function externalTransfer(): Promise<RunningFlowc> {
  const flowc = await startFlowc(liveServers(), await compileFlows(['flows/pom/external-transfer.flow']));
  running.push(flowc);
  return flowc;
}

function start(flowc: RunningFlowc, key: string, agent: SippPeer, gateway: SippPeer): void {
  const started = flowc.app.system.start('ExternalTransfer', { agentUri: agent.uri('5020'), customerUri: gateway.uri('customer'), externalUri: gateway.uri('external') }, key);
  if (!('flow' in started)) throw new Error(JSON.stringify(started));
}

describe('faults, live', () => {
  liveIt('a peer that never answers: the dial timeout CANCELs it and the flow fails cleanly', async () => {
    const servers = liveServers();
    const flowc = await externalTransfer();
    const agent = peer(sippPeer(servers, 'agent', { scenario: 'uas-never-answers.xml', port: 5081 }));
    const gateway = peer(sippPeer(servers, 'gateway', { scenario: 'gateway.xml', port: 5082 }));
    start(flowc, 'f1', agent, gateway);
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'f1' && e.event === 'agent.failed', 'agent.failed', 45_000);
    expect(await agent.done).toBe(0);
    await flowc.waitFor((e) => e.type === 'ended' && e.key === 'f1', 'the end');
    expect(await channelsDrainTo(flowc)).toBe(0);
  }, { timeoutMs: 90_000 });

  liveIt('a peer that answers twice: one call, no error', async () => {
    const servers = liveServers();
    const flowc = await externalTransfer();
    const agent = peer(sippPeer(servers, 'agent', { scenario: 'uas-answers-twice.xml', port: 5083 }));
    const gateway = peer(sippPeer(servers, 'gateway', { scenario: 'uas-answer.xml', port: 5084 }));
    start(flowc, 'f2', agent, gateway);
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'f2' && e.after.includes('Outreach'), 'Outreach');
    const session = flowc.app.system.session('ExternalTransfer', 'f2');
    if (session !== undefined) flowc.app.system.end(session, 'test over');
    expect(flowc.events.filter((e) => e.type === 'error' && e.key === 'f2')).toEqual([]);
  });

  liveIt('a BYE during the REFER: the flow goes back to the agent; nothing else is disturbed', async () => {
    const servers = liveServers();
    const flowc = await externalTransfer();
    const agent = peer(sippPeer(servers, 'agent', { scenario: 'uas-nailed.xml', port: 5085 }));
    const gateway = peer(sippPeer(servers, 'gateway', { scenario: 'gateway-bye-during-refer.xml', port: 5086, calls: 3 }));
    start(flowc, 'f3', agent, gateway);
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'f3' && e.after.includes('Talking'), 'Talking');
    const session = flowc.app.system.session('ExternalTransfer', 'f3');
    session?.deliver({ type: 'Consult' });
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'f3' && e.after.includes('Consult'), 'Consult');
    session?.deliver({ type: 'Transfer' });
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'f3' && e.event === 'external.hangup', 'external.hangup');
    expect(session?.snapshot?.configuration).toEqual(['Talking']);
    if (session !== undefined) flowc.app.system.end(session, 'test over');
    expect(await gateway.done).toBe(0);
  }, { timeoutMs: 120_000 });

  liveIt('a peer that sends garbage gets 400s; its call and a call beside it go on', async () => {
    const servers = liveServers();
    const flowc = await externalTransfer();
    const noisy = peer(sippPeer(servers, 'noisy-agent', { scenario: 'peer-garbage.xml', port: 5087 }));
    const calm = peer(sippPeer(servers, 'calm-agent', { scenario: 'uas-answer.xml', port: 5088 }));
    const gateway = peer(sippPeer(servers, 'gateway', { scenario: 'uas-answer.xml', port: 5089, calls: 4 }));
    start(flowc, 'noisy', noisy, gateway);
    start(flowc, 'calm', calm, gateway);
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'calm' && e.after.includes('Outreach'), 'the calm call');
    expect(await noisy.done).toBe(0); // it got its 400s and hung up after 15 s
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'noisy' && e.event === 'agent.hangup', 'the noisy agent hanging up');
    expect(flowc.app.system.session('ExternalTransfer', 'calm')?.done).toBe(false);
    expect(flowc.app.drachtio.connected).toBe(true);
  }, { timeoutMs: 90_000 });

  liveIt(
    'drachtio-server killed and restarted mid-call: flowc reconnects, the lost call ends with an error event, new calls work',
    async () => {
      const servers = liveServers();
      const flowc = await externalTransfer();
      const agent = peer(sippPeer(servers, 'agent', { scenario: 'uas-answer.xml', port: 5091 }));
      const gateway = peer(sippPeer(servers, 'gateway', { scenario: 'uas-answer.xml', port: 5092, calls: 4 }));
      start(flowc, 'r1', agent, gateway);
      await flowc.waitFor((e) => e.type === 'state' && e.key === 'r1' && e.after.includes('Anchoring'), 'calls up');
      execSync(envValue('DRACHTIO_RESTART_COMMAND') ?? '', { stdio: 'inherit' });
      await until(() => !flowc.app.drachtio.connected, 'the disconnect', 30_000);
      await until(() => flowc.app.drachtio.connected, 'the reconnect', 60_000);
      await flowc.waitFor((e) => e.type === 'error' && e.key === 'r1' && e.kind === 'call lost', 'the lost call', 60_000);
      await flowc.waitFor((e) => e.type === 'ended' && e.key === 'r1', 'the session to end');
      const again = peer(sippPeer(servers, 'agent-again', { scenario: 'uas-answer.xml', port: 5093 }));
      start(flowc, 'r2', again, gateway);
      await flowc.waitFor((e) => e.type === 'state' && e.key === 'r2' && e.after.includes('Outreach'), 'a new call');
    },
    { extra: ['DRACHTIO_RESTART_COMMAND'], timeoutMs: 180_000 },
  );

  liveIt(
    'FreeSWITCH disconnected: the sessions with media end with an error event, flowc reconnects, channels return to zero',
    async () => {
      const servers = liveServers();
      const flowc = await externalTransfer();
      const agent = peer(sippPeer(servers, 'agent', { scenario: 'uas-answer.xml', port: 5094 }));
      const gateway = peer(sippPeer(servers, 'gateway', { scenario: 'uas-answer.xml', port: 5095, calls: 2 }));
      start(flowc, 'm1', agent, gateway);
      await flowc.waitFor((e) => e.type === 'state' && e.key === 'm1' && e.after.includes('Outreach'), 'calls up');
      execSync(envValue('FREESWITCH_RESTART_COMMAND') ?? '', { stdio: 'inherit' });
      await flowc.waitFor((e) => e.type === 'ended' && e.key === 'm1' && e.reason === 'media lost', 'the session to end', 60_000);
      expect(flowc.events.some((e) => e.type === 'error' && e.key === 'm1' && e.kind === 'media lost')).toBe(true);
      await until(() => flowc.app.system.health()['freeswitch'] === true, 'FreeSWITCH again', 90_000);
      expect(await channelsDrainTo(flowc)).toBe(0);
    },
    { extra: ['FREESWITCH_RESTART_COMMAND'], timeoutMs: 180_000 },
  );
});
