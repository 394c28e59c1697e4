/**
 * The CCM logs of one case are one story told by several flows: what a flow
 * receives in its log must be what the flow upstream sends in its replay.
 * - Agent B's desk sends the CIM messages: they are CCM's log (ccm.jsonl).
 * - CCM publishes on the conversation topic: that is what A's desk and RE
 *   read (desk-a.jsonl, re.jsonl).
 * Each message arrives after it was sent, within a second.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Value } from '../../../runtime/values.js';
import { emitted, readLog, sent, type Emitted } from '../genesys/flow-replay.js';
import { LOGS, logsOf, replayRole, type Role, type RoleReplays } from './ccm-flows.js';

const MAX_LATENCY_MS = 1000;

let replays: Readonly<Record<Role, RoleReplays>>;

beforeAll(async () => {
  const [ccm, deskB, deskA, re] = await Promise.all([replayRole('ccm'), replayRole('desk-b'), replayRole('desk-a'), replayRole('re')]);
  replays = { ccm, 'desk-b': deskB, 'desk-a': deskA, re };
});

interface Received {
  readonly time: number;
  readonly event: string;
  readonly payload: Readonly<Record<string, Value>>;
}

/** The lines of a log that are among `types`, with only the fields the upstream message carries. */
function received(file: string, upstream: readonly Emitted[], types: ReadonlySet<string>): Received[] {
  const fields = Object.keys(upstream[0]?.payload ?? {});
  return readLog(LOGS, file).items.flatMap((item) => {
    if (item.kind !== 'event' || !types.has(item.event.type)) return [];
    const payload: Record<string, Value> = {};
    for (const f of fields) {
      const v = item.event[f];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') payload[f] = v;
    }
    return [{ time: item.time, event: item.event.type, payload }];
  });
}

function expectDelivered(upstream: readonly Emitted[], downstream: readonly Received[]): void {
  expect(upstream.length).toBeGreaterThan(0);
  expect(downstream.map((d) => ({ event: d.event, payload: d.payload }))).toEqual(upstream.map((u) => ({ event: u.event, payload: u.payload })));
  downstream.forEach((d, i) => {
    const latency = d.time - (upstream[i]?.time ?? Infinity);
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThanOrEqual(MAX_LATENCY_MS);
  });
}

const LEG_EVENTS = new Set(['CALL_LEG_STARTED', 'CALL_LEG_ENDED']);
const casesWith = (a: Role, b: Role): string[] => logsOf(a).map((l) => l.case).filter((c) => logsOf(b).some((l) => l.case === c));

describe("B's desk -> CCM: the CIM messages", () => {
  it.each(casesWith('desk-b', 'ccm'))('%s: the ccm log is what the desk sent, to the session of the customer ANI', (name) => {
    const sends = sent(replays['desk-b'].get(name));
    expect(new Set(sends.map((s) => `${s.flow}(${s.key})`))).toEqual(new Set(['ConsultCall(+923215551234)']));
    expectDelivered(sends, received(`${name}.ccm.jsonl`, sends, LEG_EVENTS));
  });

  it('pairs the cases where B accepted', () => {
    expect(casesWith('desk-b', 'ccm')).toEqual(['a-drops-after-accept', 'b-drops-after-accept', 'b-refresh-call-active', 'b-refresh-call-dropped', 'browser-a-away-consult-ended']);
  });
});

describe('CCM -> the conversation topic -> A and RE', () => {
  it.each(casesWith('ccm', 'desk-a'))("%s: A's desk reads what CCM published", (name) => {
    const published = emitted(replays.ccm.get(name));
    expectDelivered(published, received(`${name}.desk-a.jsonl`, published, LEG_EVENTS));
  });

  it.each(casesWith('ccm', 're'))('%s: RE reads the CALL_LEG_STARTED CCM published', (name) => {
    const started = emitted(replays.ccm.get(name)).filter((e) => e.event === 'CALL_LEG_STARTED');
    expectDelivered(started, received(`${name}.re.jsonl`, started, LEG_EVENTS));
  });
});
