/**
 * Fault tests, live: a peer that never answers, answers twice, hangs up
 * during a REFER, or sends garbage; drachtio-server killed and restarted
 * mid-call; FreeSWITCH disconnected. Each time the process survives, the
 * affected session ends cleanly, and a call beside it (the bystander: a
 * caller on the Answer flow) is not disturbed: it is still up, without an
 * error, when the test ends it, and its BYE reaches the caller. Restarting a
 * server needs a command for it (DRACHTIO_RESTART_COMMAND,
 * FREESWITCH_RESTART_COMMAND: docs/live-testing.md).
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

async function passed(p: SippPeer): Promise<void> {
  const code = await p.done;
  expect([p.name, code, code === 0 ? '' : p.output()]).toEqual([p.name, 0, '']);
}

/** flowc with the POM external transfer, and the Answer flow for the bystander's calls (user `bystander`). */
async function externalTransfer(): Promise<RunningFlowc> {
  const machines = await compileFlows(['flows/pom/external-transfer.flow', 'test/live/flows/answer.flow']);
  const flowc = await startFlowc(liveServers(), machines, { routes: [{ flow: 'Answer', user: 'bystander' }] });
  running.push(flowc);
  return flowc;
}

function start(flowc: RunningFlowc, key: string, agent: SippPeer, gateway: SippPeer): void {
  const started = flowc.app.system.start('ExternalTransfer', { agentUri: agent.uri('5020'), customerUri: gateway.uri('customer'), externalUri: gateway.uri('external') }, key);
  if (!('flow' in started)) throw new Error(JSON.stringify(started));
}

function errorsOf(flowc: RunningFlowc, key: string): unknown[] {
  return flowc.events.filter((e) => e.type === 'error' && e.key === key);
}

interface Bystander {
  /** Checks the call is still up and clean, ends it through the system (BYE), and that the caller took the BYE. */
  undisturbed(): Promise<void>;
}

/** A caller on the Answer flow, up before the fault, beside the session the fault hits. */
async function bystander(flowc: RunningFlowc, port: number): Promise<Bystander> {
  const servers = liveServers();
  const before = new Set(flowc.events.flatMap((e) => (e.type === 'started' && e.flow === 'Answer' ? [e.key] : [])));
  const caller = peer(await sippPeer(servers, 'bystander', { scenario: 'uac-caller.xml', port, remote: servers.drachtioSip, keys: { user: 'bystander' }, timeoutSeconds: 170 }));
  const started = await flowc.waitFor((e) => e.type === 'started' && e.flow === 'Answer' && !before.has(e.key), 'the bystander call');
  const key = started.key ?? '';
  await flowc.waitFor((e) => e.type === 'state' && e.key === key && e.after.includes('Talking'), 'the bystander answered');
  return {
    undisturbed: async () => {
      const session = flowc.app.system.session('Answer', key);
      expect([session?.done, errorsOf(flowc, key)]).toEqual([false, []]);
      if (session !== undefined) flowc.app.system.end(session, 'test over');
      await passed(caller);
    },
  };
}

describe('faults, live', () => {
  liveIt('a peer that never answers: the dial timeout CANCELs it and the flow fails cleanly', async () => {
    const servers = liveServers();
    const flowc = await externalTransfer();
    const beside = await bystander(flowc, 5096);
    const agent = peer(await sippPeer(servers, 'agent', { scenario: 'uas-never-answers.xml', port: 5081 }));
    const gateway = peer(await sippPeer(servers, 'gateway', { scenario: 'gateway.xml', port: 5082 }));
    start(flowc, 'f1', agent, gateway);
    const failed = await flowc.waitFor((e) => e.type === 'state' && e.key === 'f1' && e.event === 'agent.failed', 'agent.failed', 45_000);
    expect(failed.type === 'state' && failed.after).toEqual(['Failed']);
    await passed(agent); // it took the CANCEL and answered 487
    await flowc.waitFor((e) => e.type === 'ended' && e.key === 'f1', 'the end');
    await beside.undisturbed();
    expect(await channelsDrainTo(flowc)).toBe(0);
  }, { timeoutMs: 120_000 });

  liveIt('a peer that answers twice: one call, answered once, no error', async () => {
    const servers = liveServers();
    const flowc = await externalTransfer();
    const beside = await bystander(flowc, 5097);
    const agent = peer(await sippPeer(servers, 'agent', { scenario: 'uas-answers-twice.xml', port: 5083 }));
    const customer = peer(await sippPeer(servers, 'customer', { scenario: 'uas-never-answers.xml', port: 5084 }));
    start(flowc, 'f2', agent, customer);
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'f2' && e.after.includes('Outreach'), 'Outreach');
    // The agent hangs up after 5 s; the flow cancels the customer's call and fails.
    await flowc.waitFor((e) => e.type === 'ended' && e.key === 'f2', 'the end', 30_000);
    await passed(agent);
    await passed(customer);
    const agentEvents = flowc.events.flatMap((e) => (e.type === 'state' && e.key === 'f2' && e.event?.startsWith('agent.') === true ? [e.event] : []));
    expect(agentEvents).toEqual(['agent.ringing', 'agent.answered', 'agent.hangup']);
    expect(errorsOf(flowc, 'f2')).toEqual([]);
    await beside.undisturbed();
    expect(await channelsDrainTo(flowc)).toBe(0);
  }, { timeoutMs: 120_000 });

  liveIt('a BYE during the REFER: the flow goes back to the agent; nothing else is disturbed', async () => {
    const servers = liveServers();
    const flowc = await externalTransfer();
    const beside = await bystander(flowc, 5098);
    // The nailed agent outlives the flow: it hangs up by itself 15 s after answering.
    const agent = peer(await sippPeer(servers, 'agent', { scenario: 'uas-answer-hangup.xml', port: 5085 }));
    const gateway = peer(await sippPeer(servers, 'gateway', { scenario: 'gateway-bye-during-refer.xml', port: 5086, calls: 3 }));
    start(flowc, 'f3', agent, gateway);
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'f3' && e.after.includes('Talking'), 'Talking');
    const session = flowc.app.system.session('ExternalTransfer', 'f3');
    session?.deliver({ type: 'Consult' });
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'f3' && e.after.includes('Consult'), 'Consult');
    session?.deliver({ type: 'Transfer' });
    const back = await flowc.waitFor((e) => e.type === 'state' && e.key === 'f3' && e.event === 'external.hangup', 'external.hangup');
    expect(back.type === 'state' && [back.before, back.after]).toEqual([['Transferring'], ['Talking']]);
    expect(errorsOf(flowc, 'f3')).toEqual([]);
    if (session !== undefined) flowc.app.system.end(session, 'test over');
    await passed(gateway);
    await beside.undisturbed();
    await passed(agent);
    expect(await channelsDrainTo(flowc)).toBe(0);
  }, { timeoutMs: 120_000 });

  liveIt('a peer that sends garbage gets 400s; its call and a call beside it go on', async () => {
    const servers = liveServers();
    const flowc = await externalTransfer();
    const beside = await bystander(flowc, 5099);
    const noisy = peer(await sippPeer(servers, 'noisy-agent', { scenario: 'peer-garbage.xml', port: 5087 }));
    const gateway = peer(await sippPeer(servers, 'gateway', { scenario: 'uas-answer.xml', port: 5089, calls: 2 }));
    start(flowc, 'noisy', noisy, gateway);
    await flowc.waitFor((e) => e.type === 'state' && e.key === 'noisy' && e.after.includes('Talking'), 'the noisy call up');
    await passed(noisy); // it got its 400s, heard nothing for 15 s and hung up
    const hangup = await flowc.waitFor((e) => e.type === 'state' && e.key === 'noisy' && e.event === 'agent.hangup', 'the noisy agent hanging up');
    // The garbage never reached the flow: the call was still in Talking when the agent left.
    expect(hangup.type === 'state' && hangup.before).toEqual(['Talking']);
    await passed(gateway);
    expect(flowc.app.drachtio.connected).toBe(true);
    await beside.undisturbed();
    expect(await channelsDrainTo(flowc)).toBe(0);
  }, { timeoutMs: 120_000 });

  liveIt(
    'drachtio-server killed and restarted mid-call: flowc reconnects, the lost call ends with an error event, new calls work',
    async () => {
      const servers = liveServers();
      const flowc = await externalTransfer();
      const agent = peer(await sippPeer(servers, 'agent', { scenario: 'uas-answer.xml', port: 5091 }));
      const gateway = peer(await sippPeer(servers, 'gateway', { scenario: 'uas-answer.xml', port: 5092, calls: 4 }));
      start(flowc, 'r1', agent, gateway);
      await flowc.waitFor((e) => e.type === 'state' && e.key === 'r1' && e.after.includes('Talking'), 'calls up');
      execSync(envValue('DRACHTIO_RESTART_COMMAND') ?? '', { stdio: 'inherit' });
      await until(() => !flowc.app.drachtio.connected, 'the disconnect', 30_000);
      await until(() => flowc.app.drachtio.connected, 'the reconnect', 60_000);
      await flowc.waitFor((e) => e.type === 'error' && e.key === 'r1' && e.kind === 'call lost', 'the lost call', 60_000);
      await flowc.waitFor((e) => e.type === 'ended' && e.key === 'r1', 'the session to end');
      expect(await channelsDrainTo(flowc)).toBe(0);
      // A new call through the restarted server; its nailed agent hangs up by itself after 15 s.
      const again = peer(await sippPeer(servers, 'agent-again', { scenario: 'uas-answer-hangup.xml', port: 5093 }));
      start(flowc, 'r2', again, gateway);
      await flowc.waitFor((e) => e.type === 'state' && e.key === 'r2' && e.after.includes('Talking'), 'a new call');
      expect(errorsOf(flowc, 'r2')).toEqual([]);
      const session = flowc.app.system.session('ExternalTransfer', 'r2');
      if (session !== undefined) flowc.app.system.end(session, 'test over');
      await passed(again);
      expect(await channelsDrainTo(flowc)).toBe(0);
    },
    { extra: ['DRACHTIO_RESTART_COMMAND'], timeoutMs: 180_000 },
  );

  liveIt(
    'FreeSWITCH disconnected: the sessions with media end with an error event, flowc reconnects, channels return to zero',
    async () => {
      const servers = liveServers();
      const flowc = await externalTransfer();
      // The agent's call is nailed: left up when the session ends, it hangs up by itself after 15 s.
      const agent = peer(await sippPeer(servers, 'agent', { scenario: 'uas-answer-hangup.xml', port: 5094 }));
      const gateway = peer(await sippPeer(servers, 'gateway', { scenario: 'uas-answer.xml', port: 5095, calls: 2 }));
      start(flowc, 'm1', agent, gateway);
      await flowc.waitFor((e) => e.type === 'state' && e.key === 'm1' && e.after.includes('Talking'), 'calls up');
      execSync(envValue('FREESWITCH_RESTART_COMMAND') ?? '', { stdio: 'inherit' });
      await flowc.waitFor((e) => e.type === 'ended' && e.key === 'm1' && e.reason === 'media lost', 'the session to end', 60_000);
      expect(flowc.events.some((e) => e.type === 'error' && e.key === 'm1' && e.kind === 'media lost')).toBe(true);
      // The session's calls were ended with it: the peers took their BYEs.
      await passed(gateway);
      await until(() => flowc.app.system.health()['freeswitch'] === true, 'FreeSWITCH again', 90_000);
      await passed(agent);
      expect(await channelsDrainTo(flowc)).toBe(0);
    },
    { extra: ['FREESWITCH_RESTART_COMMAND'], timeoutMs: 180_000 },
  );
});
