import { describe, expect, it } from 'vitest';
import { parseSdpDirection } from '../../../runtime/sip/sdp-direction.js';
import { settle } from './fake-drachtio.js';
import { answeredCall, portFixture } from './port-fixture.js';

function directionOf(body: string | undefined): string {
  return parseSdpDirection(body ?? '').direction;
}

describe('DrachtioSipPort: hold and unhold', () => {
  it('hold is a re-INVITE with sendonly and a higher version; unhold waits for it and sends sendrecv', async () => {
    const f = portFixture();
    const { id } = await answeredCall(f);
    expect(f.port.hold(f.owner, id)).toBeUndefined();
    expect(f.port.unhold(f.owner, id)).toBeUndefined();
    await settle();
    const hold = f.agent.last('INVITE');
    expect(directionOf(hold.body)).toBe('sendonly');
    expect(hold.body).toMatch(/^o=flowc \d+ 2 /m);
    expect(f.agent.sent.filter((s) => s.method === 'INVITE')).toHaveLength(1); // unhold queued behind the hold
    f.agent.respond(hold, 200, { body: 'v=0\r\n' });
    await settle();
    const unhold = f.agent.last('INVITE');
    expect(directionOf(unhold.body)).toBe('sendrecv');
    expect(unhold.body).toMatch(/^o=flowc \d+ 3 /m);
    f.agent.respond(unhold, 200, { body: 'v=0\r\n' });
    await settle();
    expect(f.owner.failures).toEqual([]);
    expect(f.agent.acks).toBe(2);
  });

  it('retries after a 491 (glare) with the RFC 3261 wait for the Call-ID owner', async () => {
    const f = portFixture();
    const { id } = await answeredCall(f);
    f.port.hold(f.owner, id);
    await settle();
    f.agent.respond(f.agent.last('INVITE'), 491);
    await settle();
    expect(f.glare.waits).toEqual([3050]); // we sent the INVITE that made the dialog: 2.1 to 4 s
    const retry = f.agent.last('INVITE');
    expect(f.agent.sent.filter((s) => s.method === 'INVITE')).toHaveLength(2);
    f.agent.respond(retry, 200, { body: 'v=0\r\n' });
    await settle();
    expect(f.owner.failures).toEqual([]);
  });

  it('gives up after a few 491s and reports the failed hold', async () => {
    const f = portFixture();
    const { id } = await answeredCall(f);
    f.owner.legs.set(id, 'agent');
    f.port.hold(f.owner, id);
    for (let i = 0; i < 4; i++) {
      await settle();
      f.agent.respond(f.agent.last('INVITE'), 491);
    }
    await settle();
    expect(f.glare.waits).toHaveLength(3);
    expect(f.owner.failures).toMatchObject([{ effect: { kind: 'hold', leg: 'agent' }, failure: { status: 491 } }]);
  });

  it('a 481 to the re-INVITE means the call is gone: `hangup`', async () => {
    const f = portFixture();
    const { id } = await answeredCall(f);
    f.port.hold(f.owner, id);
    await settle();
    f.agent.respond(f.agent.last('INVITE'), 481);
    await settle();
    expect(f.owner.heard(id)).toEqual(['answered', 'hangup']);
  });

  it('refuses to hold a call that is not answered yet', async () => {
    const f = portFixture();
    f.port.dial(f.owner, { leg: 'a', to: 'sip:a@b', headers: {} });
    expect(f.port.hold(f.owner, 'd1')).toMatchObject({ kind: 'portFailure', message: expect.stringContaining('not established') });
    await settle();
  });
});
