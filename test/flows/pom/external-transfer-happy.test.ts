/**
 * The seed's own sentences, step by step, on every variant of the happy
 * capture (UDP, TCP, IPv6, fragmented, Linux cooked v1/v2, pcapng): the
 * nailing call, the outreach, the INVITE with Replaces that re-anchors the
 * customer, music on hold, the consult INVITE, the REFER whose Refer-To
 * carries the customer dialog as Replaces, 202, the gateway's BYE, NOTIFY
 * 200, our BYE to the external leg and the disposition, with the nailed
 * agent call left up.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulationResult, SipStep } from '../../../runtime/simulate/index.js';
import { HAPPY_VARIANTS } from './external-transfer-cases.js';
import { externalTransfer, INPUT, replayCapture, type ExternalTransfer } from './external-transfer-replay.js';

let flow: ExternalTransfer;

beforeAll(async () => {
  flow = await externalTransfer();
});

function sipSteps(result: SimulationResult): SipStep[] {
  return result.steps.filter((s): s is SipStep => s.kind === 'sip');
}

/** The first message the flow side sent that the effect `kind` on `leg` expected. */
function expectedBy(result: SimulationResult, kind: string, leg: string): SipStep {
  const step = sipSteps(result).find((s) => s.outcome.kind === 'expected' && s.outcome.expectation.kind === kind && s.outcome.expectation.leg === leg);
  if (step === undefined) throw new Error(`no message expected by ${kind} ${leg}`);
  return step;
}

/** The message to the flow side delivered as the leg event `type`. */
function delivering(result: SimulationResult, type: string): SipStep {
  const step = sipSteps(result).find((s) => s.outcome.kind === 'event' && s.outcome.delivered.event.type === type);
  if (step === undefined) throw new Error(`no message delivered ${type}`);
  return step;
}

function dialogsOf(result: SimulationResult, leg: string): readonly { readonly callId: string; readonly how: string; readonly superseded: boolean }[] {
  return result.bindings.find((b) => b.leg === leg)?.dialogs ?? [];
}

describe.each(HAPPY_VARIANTS.map((name) => [name] as const))('%s', (name) => {
  let result: SimulationResult;

  beforeAll(() => {
    result = replayCapture(flow, name);
  });

  it('nails the agent, then reaches the customer through the gateway', () => {
    // simulate compared the Request-URI users with the inputs; the summaries show them.
    expect(expectedBy(result, 'dial', 'agent').summary).toMatch(/^INVITE sip:5020@/);
    expect(delivering(result, 'agent.answered').configuration).toEqual(['Outreach']);
    expect(expectedBy(result, 'dial', 'customer').summary).toMatch(/^INVITE sip:\+15551234567@/);
    expect(delivering(result, 'customer.answered').configuration).toEqual(['Anchoring']);
  });

  it('re-anchors the customer with an INVITE whose Replaces names the outreach dialog; the gateway then drops that dialog', () => {
    const [outreach, takeover] = dialogsOf(result, 'customer');
    expect([outreach?.how, outreach?.superseded, takeover?.how, takeover?.superseded]).toEqual(['dialed', true, 'takeover', false]);
    const invite = expectedBy(result, 'takeover', 'customer');
    expect(invite.dialog).toBe(takeover?.callId);
    expect(invite.outcome.kind === 'expected' && invite.outcome.expectation.description).toContain(`Replaces: ${outreach?.callId ?? '?'};`);
    // The gateway's BYE on the replaced dialog is `customer.replaced`, not the customer hanging up.
    expect(delivering(result, 'customer.replaced')).toMatchObject({ dialog: outreach?.callId, configuration: ['Talking'] });
  });

  it('puts the customer on hold with music, then dials the external agent, who is bridged to the agent', () => {
    const hold = expectedBy(result, 'hold', 'customer');
    expect(hold.dialog).toBe(dialogsOf(result, 'customer')[1]?.callId);
    const consult = result.steps.find((s) => s.effects.some((e) => e.kind === 'hold'));
    expect(consult?.effects.map(({ at: _at, ...e }) => e)).toEqual([
      { kind: 'unbridge', a: 'agent', b: 'customer' },
      { kind: 'hold', leg: 'customer', music: 'moh/default' },
      { kind: 'dial', leg: 'external', to: INPUT.externalUri, headers: {}, timeoutMs: 30_000 },
    ]);
    expect(result.steps.indexOf(expectedBy(result, 'dial', 'external'))).toBeGreaterThan(result.steps.indexOf(hold));
    expect(delivering(result, 'external.answered').effects.map(({ at: _at, ...e }) => e)).toEqual([{ kind: 'bridge', a: 'agent', b: 'external' }]);
  });

  it('REFERs the external leg with the customer dialog as Replaces in Refer-To; the gateway accepts (202)', () => {
    const refer = expectedBy(result, 'referReplacing', 'external');
    expect(refer.dialog).toBe(dialogsOf(result, 'external')[0]?.callId);
    expect(refer.outcome.kind === 'expected' && refer.outcome.expectation.description).toContain(`Replaces=${dialogsOf(result, 'customer')[1]?.callId ?? '?'};`);
    expect(delivering(result, 'external.referAccepted').configuration).toEqual(['Transferring']);
  });

  it('takes the gateway\'s BYE on the customer leg, then NOTIFY 200, then BYEs the external leg and disposes the customer as transferred', () => {
    const bye = delivering(result, 'customer.hangup');
    expect(bye).toMatchObject({ summary: expect.stringMatching(/^BYE /), configuration: ['HandedOver', 'CustomerDropped'] });
    const notify = delivering(result, 'external.notify');
    expect(notify.outcome.kind === 'event' && notify.outcome.delivered.event).toEqual({ type: 'external.notify', status: 200 });
    expect(notify.configuration).toEqual(['Disposed']);
    expect(notify.effects.map(({ at: _at, ...e }) => e)).toEqual([
      { kind: 'cancelTimer', timer: 'CustomerDropped#0' },
      { kind: 'hangup', leg: 'external' },
      { kind: 'emit', event: 'Disposed', payload: { code: 'Transferred to external number' } },
    ]);
    const hangup = expectedBy(result, 'hangup', 'external');
    expect(hangup.summary).toMatch(/^BYE /);
    expect(result.steps.indexOf(hangup)).toBeGreaterThan(result.steps.indexOf(notify));
  });

  it('leaves the nailed agent call up: no BYE on it, from either side', () => {
    const agentDialog = dialogsOf(result, 'agent')[0]?.callId;
    expect(agentDialog).toBeDefined();
    expect(sipSteps(result).filter((s) => s.dialog === agentDialog).map((s) => s.summary.split(' ')[0])).toEqual(['INVITE', '100', '180', '200', 'ACK']);
    expect(flow.machine.legs.find((l) => l.name === 'agent')?.nailed).toBe(true);
  });
});
