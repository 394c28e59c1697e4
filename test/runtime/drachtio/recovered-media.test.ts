import { describe, expect, it } from 'vitest';
import { FreeswitchMedia } from '../../../runtime/drachtio/freeswitch-media.js';
import type { DialogOwner } from '../../../runtime/ports/dialog-owner.js';
import { settle } from './fake-drachtio.js';
import { FakeSrf } from './fake-drachtio.js';
import { FakeEslServer } from './fake-esl.js';
import { FakeMediaServer, FS_SDP } from './fake-freeswitch.js';
import { RecordingOwner } from './port-fixture.js';

function setup() {
  const esl = new FakeEslServer();
  const owner = new RecordingOwner();
  const owners = new Map<string, DialogOwner>();
  const lost: string[] = [];
  const media = new FreeswitchMedia({
    server: () => new FakeMediaServer(),
    ownerOf: (id) => owners.get(id),
    lost: (_owner, id) => lost.push(id),
    connectEsl: () => esl.connect(),
    srf: new FakeSrf(),
  });
  return { esl, owner, owners, lost, media };
}

describe('FreeswitchMedia: the channels of calls recovered after a restart', () => {
  it('takes a channel up by its uuid and drives it: music stopped, re-offers going on from the saved version, bridge, release', async () => {
    const { esl, owner, owners, media } = setup();
    esl.channels.set('u1', FS_SDP).set('u2', FS_SDP);
    media.recover('d1', { uuid: 'u1', music: true, version: '9', mediaDialog: { stackDialogId: 'fs-1', target: 'sip:mod_sofia@127.0.0.1:5080' } });
    media.recover('d2', { uuid: 'u2' });
    // Saved again as they were until FreeSWITCH is connected.
    expect(media.factsOf('d1')).toMatchObject({ uuid: 'u1', music: true, version: '9' });
    expect(await media.attachRecovered()).toBe(2);
    owners.set('d1', owner).set('d2', owner);
    expect(esl.connections.map((c) => c.filters)).toEqual([['u1', 'u2']]); // one connection for all the channels taken up
    expect(media.factsOf('d1')).toEqual({ uuid: 'u1', music: true, version: '9', mediaDialog: { stackDialogId: 'fs-1', target: 'sip:mod_sofia@127.0.0.1:5080' } });
    // The unhold of a call held before the restart breaks its music.
    expect(media.stopMusic(owner, 'd1')).toBeUndefined();
    expect(await media.reoffer('d1', 'sendonly')).toMatch(/^o=FreeSWITCH 100 10 /m);
    expect(media.bridge(owner, 'd1', 'd2')).toBeUndefined();
    await settle(10);
    expect(esl.commands).toEqual(expect.arrayContaining(['api uuid_break u1 all', 'api uuid_bridge u1 u2']));
    expect(owner.failures).toEqual([]);
    media.release('d2');
    await settle(10);
    expect(esl.commands).toContain('api uuid_kill u2');
    expect(media.endpoints).toBe(1);
    // The shared connection closes with the last channel on it.
    expect(esl.connections[0]?.closed).toBe(false);
    media.release('d1');
    await settle(10);
    expect(esl.commands).toContain('api uuid_kill u1');
    expect(esl.connections[0]?.closed).toBe(true);
  });

  it('a verb asked for while the channel is still being taken up waits for it', async () => {
    // Live: the API's CancelConsult came right after the restart, before the customer's channel was up.
    const { esl, owner, owners, media } = setup();
    esl.channels.set('u1', FS_SDP).set('u2', FS_SDP);
    owners.set('d1', owner).set('d2', owner);
    media.recover('d1', { uuid: 'u1', music: true });
    media.recover('d2', { uuid: 'u2' });
    expect(media.stopMusic(owner, 'd1')).toBeUndefined();
    expect(media.bridge(owner, 'd1', 'd2')).toBeUndefined();
    const reoffer = media.reoffer('d1', 'sendrecv');
    await settle();
    expect(esl.commands).toEqual([]);
    await media.attachRecovered();
    expect(typeof (await reoffer)).toBe('string');
    await settle(10);
    expect(esl.commands).toEqual(expect.arrayContaining(['api uuid_break u1 all', 'api uuid_bridge u1 u2']));
    expect(owner.failures).toEqual([]);
  });

  it('hears RFC 2833 DTMF and the hangup of a recovered channel', async () => {
    const { esl, owner, owners, lost, media } = setup();
    esl.channels.set('u1', FS_SDP);
    media.recover('d1', { uuid: 'u1' });
    await media.attachRecovered();
    owners.set('d1', owner);
    esl.connections[0]?.dtmf('u1', '5');
    expect(owner.signals).toEqual([{ dialog: 'd1', signal: { type: 'dtmf', digits: '5' } }]);
    esl.connections[0]?.hangup('u1');
    expect(lost).toEqual(['d1']);
    expect(media.endpoints).toBe(0);
  });

  it('loses every channel taken up when their shared connection ends, with one listener on it for all of them', async () => {
    const { esl, owner, owners, lost, media } = setup();
    const ids = Array.from({ length: 30 }, (_, i) => i);
    for (const i of ids) {
      esl.channels.set(`u${i}`, FS_SDP);
      media.recover(`d${i}`, { uuid: `u${i}` });
      owners.set(`d${i}`, owner);
    }
    expect(await media.attachRecovered()).toBe(30);
    const conn = esl.connections[0];
    expect(esl.connections.length).toBe(1);
    expect(conn?.listenerCount('esl::end')).toBe(1);
    conn?.emit('esl::end');
    expect(lost.sort()).toEqual(ids.map((i) => `d${i}`).sort());
    expect(media.endpoints).toBe(0);
    expect(conn?.closed).toBe(true);
  });

  it('takes channels still waiting up on a new connection once the shared one has ended', async () => {
    const { esl, owner, owners, lost, media } = setup();
    esl.channels.set('u1', FS_SDP).set('u2', FS_SDP);
    media.recover('d1', { uuid: 'u1' });
    owners.set('d1', owner).set('d2', owner);
    expect(await media.attachRecovered()).toBe(1);
    // d2 waits to be taken up when the connection ends: it must not be given the dead one.
    media.recover('d2', { uuid: 'u2' });
    esl.connections[0]?.emit('esl::end');
    expect(lost).toEqual(['d1']);
    expect(await media.attachRecovered()).toBe(1);
    expect(esl.connections.map((c) => c.filters)).toEqual([['u1'], ['u2']]);
  });

  it('plays, collects and joins conferences on a recovered channel', async () => {
    const { esl, owner, owners, media } = setup();
    esl.channels.set('u1', FS_SDP);
    media.recover('d1', { uuid: 'u1' });
    await media.attachRecovered();
    owners.set('d1', owner);
    media.play(owner, 'd1', 'prompts/again.wav');
    media.collect(owner, 'd1', { max: 2, terminator: '#', timeoutMs: 2000 });
    media.conference(owner, ['d1']);
    await settle(10);
    expect(esl.commands).toEqual(expect.arrayContaining(['execute playback prompts/again.wav u1', expect.stringMatching(/^execute play_and_get_digits 1 2 1 2000 # /), expect.stringMatching(/^executeAsync conference flowc-/)]));
    expect(owner.signals).toContainEqual({ dialog: 'd1', signal: { type: 'collected', digits: '42' } });
    expect(owner.failures).toEqual([]);
  });

  it('a channel FreeSWITCH no longer has is the session\'s media lost; one whose call ended meanwhile is hung up', async () => {
    const { esl, owner, owners, lost, media } = setup();
    esl.channels.set('u2', FS_SDP);
    owners.set('d1', owner).set('d2', owner);
    media.recover('d1', { uuid: 'gone' });
    media.recover('d2', { uuid: 'u2' });
    media.release('d2'); // the probe found the call gone before FreeSWITCH was connected
    expect(await media.attachRecovered()).toBe(1);
    await settle(10);
    expect(lost).toEqual(['d1']);
    expect(esl.commands).toContain('api uuid_kill u2');
    expect(media.endpoints).toBe(0);
  });
});
