/**
 * The seed flows, live: flowc on the real drachtio-server and FreeSWITCH of
 * the environment, every peer a SIPp instance (test/live/sipp): the flows
 * with SIP legs (seeds 000 and 002; the others are in
 * seed-event-flows.live.test.ts). Each test
 * checks the path the flow took, that every SIPp party saw what its
 * scenario expects, and that FreeSWITCH's channel count returns to zero.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect } from 'vitest';
import { FlowSession } from '../../runtime/session/flow-session.js';
import { liveIt, liveServers } from './live-env.js';
import { channelsDrainTo, compileFlows, startFlowc, type RunningFlowc } from './live-harness.js';
import { writeDtmfPcaps } from './rtp-dtmf.js';
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

function states(flowc: RunningFlowc, key: string): string[] {
  return flowc.events.flatMap((e) => (e.type === 'state' && e.key === key ? [e.after.join('/')] : []));
}

async function passed(p: SippPeer): Promise<void> {
  const code = await p.done;
  expect([p.name, code, code === 0 ? '' : p.output()]).toEqual([p.name, 0, '']);
}

describe('seed flows on drachtio-server and FreeSWITCH, SIPp peers', () => {
  liveIt('seed 000 POM external transfer: nailing, outreach, takeover (INVITE/Replaces), consult with music, REFER/Replaces, NOTIFY, BYE', async () => {
    const servers = liveServers();
    const machines = await compileFlows(['flows/pom/external-transfer.flow']);
    const flowc = await startFlowc(servers, machines);
    running.push(flowc);
    const agent = peer(await sippPeer(servers, 'agent', { scenario: 'uas-nailed.xml', port: 5071 }));
    const gateway = peer(await sippPeer(servers, 'gateway', { scenario: 'gateway.xml', port: 5072, calls: 3 }));
    const started = flowc.app.system.start('ExternalTransfer', { agentUri: agent.uri('5020'), customerUri: gateway.uri('customer'), externalUri: gateway.uri('external') }, 'job-1');
    expect(started).toBeInstanceOf(FlowSession);
    await flowc.waitFor((e) => e.type === 'state' && e.after.includes('Talking'), 'Talking');
    const session = flowc.app.system.session('ExternalTransfer', 'job-1');
    expect(session?.deliver({ type: 'Consult' })).toBeUndefined();
    await flowc.waitFor((e) => e.type === 'state' && e.after.includes('Consult'), 'Consult');
    expect(session?.deliver({ type: 'Transfer' })).toBeUndefined();
    await flowc.waitFor((e) => e.type === 'emitted' && e.event === 'Disposed', 'Disposed', 60_000);
    await passed(gateway);
    expect(states(flowc, 'job-1')).toEqual(expect.arrayContaining(['Nailing', 'Outreach', 'Anchoring', 'Talking', 'Consulting', 'Consult', 'Transferring']));
    // The agent's call is nailed: it stays up after the flow, until the agent hangs up.
    await passed(agent);
    expect(await channelsDrainTo(flowc)).toBe(0);
  }, { timeoutMs: 240_000 });

  liveIt('seed 002 Kalliope attended transfer: #4, extension, music on hold, *3 conference, transferer hangs up', async () => {
    const servers = liveServers();
    const machines = await compileFlows(['flows/kalliope/attended-transfer.flow']);
    const addresseePort = 5074;
    const flowc = await startFlowc(servers, machines, {
      routes: [
        {
          flow: 'AttendedTransfer',
          user: '100',
          inputs: { extensionDomain: `${servers.peerAddress}:${addresseePort}`, failoverUri: `sip:vm@${servers.peerAddress}:${addresseePort}` },
          invite: { transferredUri: 'header:X-Transfer-To' },
        },
      ],
    });
    running.push(flowc);
    const transferred = peer(await sippPeer(servers, 'transferred', { scenario: 'uas-answer-hangup.xml', port: 5073 }));
    const addressee = peer(await sippPeer(servers, 'addressee', { scenario: 'uas-answer.xml', port: addresseePort }));
    // The extension and its # go as RFC 4733 events in the phone's RTP, the codes as SIP INFO.
    const logs = mkdtempSync(join(tmpdir(), 'flowc-live-phone-'));
    const pcaps = writeDtmfPcaps(logs, ['2', '0', '1', '#']);
    const phone = peer(
      await sippPeer(servers, 'phone', {
        scenario: 'phone-attended-transfer.xml',
        port: 5075,
        remote: servers.drachtioSip,
        keys: { transferred: transferred.uri('transferred') },
        substitutions: Object.fromEntries(pcaps.map((path, n) => [`dtmf_${n}`, path])),
        logs,
      }),
    );
    const consult = await flowc.waitFor((e) => e.type === 'state' && e.after.includes('Consult'), 'Consult', 60_000);
    // The extension dialled is the one keyed in the RTP: FreeSWITCH heard the telephone-events.
    expect(flowc.app.system.session('AttendedTransfer', consult.key ?? '')?.snapshot?.context['extension']).toBe('201');
    await passed(phone);
    await passed(transferred);
    await passed(addressee);
    const ended = await flowc.waitFor((e) => e.type === 'ended' && e.flow === 'AttendedTransfer', 'the flow to end', 60_000);
    const path = states(flowc, ended.key ?? '');
    expect(path.some((s) => s.includes('Collecting'))).toBe(true);
    expect(path.some((s) => s.includes('Conference'))).toBe(true);
    expect(path.some((s) => s.includes('Transferred'))).toBe(true);
    expect(await channelsDrainTo(flowc)).toBe(0);
  }, { timeoutMs: 180_000 });
});
