import { describe, expect, it } from 'vitest';
import { FreeswitchConnection } from '../../../runtime/drachtio/freeswitch-connection.js';
import { FreeswitchMedia } from '../../../runtime/drachtio/freeswitch-media.js';
import { parseSdpDirection } from '../../../runtime/sip/sdp-direction.js';
import { settle } from './fake-drachtio.js';
import { FakeMediaServer, FakeMrf, FS_SDP } from './fake-freeswitch.js';
import { RecordingOwner } from './port-fixture.js';

function setup() {
  const server = new FakeMediaServer();
  let connected: FakeMediaServer | undefined = server;
  const lost: string[] = [];
  const media = new FreeswitchMedia({ server: () => connected, lost: (_owner, id) => lost.push(id) });
  const owner = new RecordingOwner();
  return { server, media, owner, lost, disconnect: () => (connected = undefined) };
}

describe('FreeswitchMedia as the SDP anchor', () => {
  it('anchors an outgoing dialog on a 3pcc endpoint and hands it the peer\'s answer', async () => {
    const { server, media, owner } = setup();
    expect(await media.offer(owner, 'd1')).toContain('c=IN IP4 10.0.0.9');
    expect(server.endpoint(0).remoteSdp).toBeUndefined();
    expect(await media.answered('d1', 'v=0\r\na=sendrecv\r\n')).toBeUndefined();
    expect(server.endpoint(0).calls).toEqual(['modify sendrecv']);
  });

  it('parks every new channel (the CS_PARK state outlives the event socket) and parks it again when its bridge ends', async () => {
    // Live: the external party hung up after the transfer and FreeSWITCH ended the agent's
    // channel with it (uuid_bridge sends the survivor on through its dialplan).
    const { server, media, owner } = setup();
    await media.offer(owner, 'd1');
    await media.answer(owner, 'd2', 'v=0\r\n');
    await settle();
    expect(server.endpoints.map((e) => [e.vars.get('park_after_bridge'), e.madeParked])).toEqual([['true', true], ['true', true]]);
  });

  it('answers an incoming offer from an endpoint created with it', async () => {
    const { server, media, owner } = setup();
    await media.answer(owner, 'd1', 'v=0\r\nm=audio 1 RTP/AVP 0\r\n');
    expect(server.endpoint(0).remoteSdp).toContain('m=audio 1');
  });

  it('re-offers with a direction and a version that only goes up', async () => {
    const { media, owner } = setup();
    await media.offer(owner, 'd1');
    const held = await media.reoffer('d1', 'sendonly');
    expect(typeof held === 'string' && parseSdpDirection(held).direction).toBe('sendonly');
    expect(held).toMatch(/^o=FreeSWITCH 100 8 /m);
    const resumed = await media.reoffer('d1', 'sendrecv');
    expect(resumed).toMatch(/^o=FreeSWITCH 100 9 /m);
    // FreeSWITCH's own answer carries version 8 now; what the peer sees still goes up.
    expect(await media.reanswer('d1', 'v=0\r\na=sendonly\r\n')).toMatch(/^o=FreeSWITCH 100 10 .*[\s\S]*a=recvonly/m);
  });

  it('fails without a media server, and when FreeSWITCH gives no endpoint', async () => {
    const { server, media, owner, disconnect } = setup();
    server.failCreate = 'no channels';
    expect(await media.offer(owner, 'd1')).toMatchObject({ kind: 'portFailure', port: 'media', status: 503 });
    disconnect();
    expect(await media.offer(owner, 'd1')).toMatchObject({ message: 'not connected to FreeSWITCH' });
  });

  it('releases the endpoint when the dialog ends, once, and a moved endpoint with its new dialog', async () => {
    const { server, media, owner } = setup();
    await media.offer(owner, 'd1');
    media.move('d1', 'd2');
    media.release('d1');
    await settle();
    expect(server.open).toHaveLength(1);
    media.release('d2');
    media.release('d2');
    await settle();
    expect(server.open).toHaveLength(0);
    expect(server.endpoint(0).calls.filter((c) => c === 'destroy')).toHaveLength(1);
  });
});

describe('FreeswitchMedia as the MediaPort', () => {
  it('plays music on hold until stopped, bridges, unbridges, plays prompts', async () => {
    const { server, media, owner } = setup();
    await media.offer(owner, 'a');
    await media.offer(owner, 'b');
    expect(media.bridge(owner, 'a', 'b')).toBeUndefined();
    expect(media.unbridge(owner, 'a', 'b')).toBeUndefined();
    expect(media.startMusic(owner, 'b', 'local_stream://moh')).toBeUndefined();
    expect(media.stopMusic(owner, 'b')).toBeUndefined();
    expect(media.stopMusic(owner, 'b')).toBeUndefined(); // not playing: nothing
    expect(media.play(owner, 'a', 'prompts/welcome.wav')).toBeUndefined();
    await settle();
    expect(server.endpoint(0).calls).toEqual(['bridge uuid-2', 'park', 'play prompts/welcome.wav']);
    expect(server.endpoint(1).calls).toEqual(['endless_playback local_stream://moh', 'api uuid_break uuid-2 all']);
    expect(owner.failures).toEqual([]);
  });

  it('holds both channels of a bridge until FreeSWITCH reports it, and of an unbridge until both are parked', async () => {
    // Live, a consult right after a bridge parked the agent while FreeSWITCH was still
    // bridging, and FreeSWITCH hung the customer up: nothing may overtake a bridge in progress.
    const { server, media, owner } = setup();
    await media.offer(owner, 'agent');
    await media.offer(owner, 'customer');
    await settle(); // both parked, as every new channel is
    server.holdChannelEvents = true;
    media.bridge(owner, 'agent', 'customer');
    media.startMusic(owner, 'customer', 'local_stream://moh');
    await settle();
    expect(server.endpoint(0).calls).toEqual(['bridge uuid-2']);
    expect(server.endpoint(1).calls).toEqual([]);
    server.releaseChannelEvents();
    await settle();
    expect(server.endpoint(1).calls).toEqual(['endless_playback local_stream://moh']);
    // Unbridged (uuid_transfer -both park_state): the customer's prompt waits until both are parked.
    server.holdChannelEvents = true;
    media.unbridge(owner, 'agent', undefined);
    media.play(owner, 'customer', 'prompts/after.wav');
    await settle();
    expect(server.endpoint(0).calls).toEqual(['bridge uuid-2', 'park']);
    expect(server.endpoint(1).calls).toEqual(['endless_playback local_stream://moh']);
    server.releaseChannelEvents();
    await settle();
    expect(server.endpoint(1).calls).toEqual(['endless_playback local_stream://moh', 'play prompts/after.wav']);
    expect(owner.failures).toEqual([]);
  });

  it('joins every leg of a conference to one FreeSWITCH conference', async () => {
    const { server, media, owner } = setup();
    for (const id of ['a', 'b', 'c']) await media.offer(owner, id);
    expect(media.conference(owner, ['a', 'b', 'c'])).toBeUndefined();
    await settle();
    expect(server.endpoints.map((e) => e.calls)).toEqual([['join flowc'], ['join flowc'], ['join flowc']]);
  });

  it('collects digits into `collected`, and reports RFC 2833 DTMF as `dtmf` on the dialog', async () => {
    const { server, media, owner } = setup();
    await media.offer(owner, 'a');
    expect(media.collect(owner, 'a', { max: 4, terminator: '#', timeoutMs: 2000 })).toBeUndefined();
    await settle();
    expect(server.endpoint(0).calls).toEqual(['collect max=4 terminators=# timeout=2000']);
    server.endpoint(0).dtmf('5');
    expect(owner.signals).toEqual([
      { dialog: 'a', signal: { type: 'collected', digits: '1234' } },
      { dialog: 'a', signal: { type: 'dtmf', digits: '5' } },
    ]);
  });

  it('refuses media on a dialog without an endpoint', () => {
    const { media, owner } = setup();
    expect(media.bridge(owner, 'a', 'b')).toMatchObject({ kind: 'portFailure', port: 'media' });
    expect(media.play(owner, 'x', 'p')).toMatchObject({ kind: 'portFailure', port: 'media' });
  });

  it('a channel FreeSWITCH ends under a live dialog is reported lost; a lost server loses every endpoint', async () => {
    const { server, media, owner, lost } = setup();
    await media.offer(owner, 'a');
    await media.offer(owner, 'b');
    await media.offer(owner, 'c');
    server.endpoint(0).hangupByFreeswitch();
    expect(lost).toEqual(['a']);
    media.serverLost();
    expect(lost).toEqual(['a', 'b', 'c']);
    expect(media.endpoints).toBe(0);
  });

  it('a failing operation reaches the session as a failed effect with its legs', async () => {
    const { server, media, owner } = setup();
    await media.offer(owner, 'a');
    await media.offer(owner, 'b');
    owner.legs.set('a', 'agent').set('b', 'customer');
    server.endpoint(0).bridge = () => Promise.reject(new Error('-ERR no such channel'));
    media.bridge(owner, 'a', 'b');
    await settle();
    expect(owner.failures).toMatchObject([{ effect: { kind: 'bridge', a: 'agent', b: 'customer' }, failure: { port: 'media', message: '-ERR no such channel' } }]);
  });

  it('keeps FS_SDP readable', () => {
    expect(parseSdpDirection(FS_SDP).direction).toBe('sendrecv');
  });
});

describe('FreeswitchConnection', () => {
  it('retries with a doubling delay until FreeSWITCH answers, and again after it drops', async () => {
    const mrf = new FakeMrf();
    mrf.failures = 2;
    const scheduled: { run: () => void; ms: number }[] = [];
    let lost = 0;
    const connection = new FreeswitchConnection({
      mrf,
      connect: { address: '127.0.0.1', port: 8021, secret: 'ClueCon' },
      lost: () => lost++,
      schedule: (run, ms) => {
        scheduled.push({ run, ms });
        return { cancel: () => undefined };
      },
    });
    expect(await connection.start()).toBe(false);
    scheduled[0]?.run();
    await settle();
    scheduled[1]?.run();
    await settle();
    expect(scheduled.map((s) => s.ms)).toEqual([1000, 2000]);
    expect(connection.server).toBe(mrf.servers[0]);
    mrf.servers[0]?.emit('end');
    expect(lost).toBe(1);
    expect(connection.server).toBeUndefined();
    expect(scheduled.map((s) => s.ms)).toEqual([1000, 2000, 1000]);
    connection.stop();
  });
});
