/**
 * The columns of a ladder diagram: the flow side first, then every other
 * party in the order it first appears. Parties are told apart by IP, as the
 * flow-side inference does, unless two of them share one (everything on
 * 127.0.0.1): then by IP and port. Every address of the flow side is one
 * column, so a TCP connection from an ephemeral port stays on it.
 */
import { parseAddress, type FlowSide, type SimulationResult, type SipStep } from '../simulate/index.js';

export interface LadderParty {
  /** `127.0.0.20`, `127.0.0.1:5070`, or the flow side's addresses. */
  readonly label: string;
  readonly flowSide: boolean;
  /** The flow's legs on messages with this party, in order of appearance. */
  readonly legs: readonly string[];
}

export interface LadderParties {
  readonly parties: readonly LadderParty[];
  /** Column of an endpoint as a step writes it (`127.0.0.10:5060`, `[fd00::10]:5060`). */
  readonly columnOf: (endpoint: string) => number;
}

interface Pattern {
  readonly ip: string;
  readonly port: number | undefined;
}

const FLOW_KEY = '\u0000flow';

export function ladderParties(result: SimulationResult): LadderParties {
  const sip = result.steps.filter((s): s is SipStep => s.kind === 'sip');
  const flowSide = flowSideMatcher(result.flowSide);
  const byPort = sip.some((s) => endpointOf(s.src).ip === endpointOf(s.dst).ip);
  const keyOf = (endpoint: string): string => {
    const e = endpointOf(endpoint);
    if (flowSide(e)) return FLOW_KEY;
    return byPort || e.port === undefined ? endpoint : e.ip;
  };

  const order = new Map<string, { label: string; legs: string[] }>([[FLOW_KEY, { label: flowSideLabel(result.flowSide), legs: [] }]]);
  const column = new Map<string, number>([[FLOW_KEY, 0]]);
  const note = (endpoint: string): string => {
    const key = keyOf(endpoint);
    if (!order.has(key)) {
      column.set(key, order.size);
      order.set(key, { label: byPort ? endpoint : endpointOf(endpoint).ip, legs: [] });
    }
    return key;
  };
  for (const step of sip) {
    const src = note(step.src);
    const dst = note(step.dst);
    if (step.leg === undefined) continue;
    // A leg belongs to the party at the far end from the flow side.
    const peer = order.get(src === FLOW_KEY ? dst : src);
    if (peer !== undefined && !peer.legs.includes(step.leg)) peer.legs.push(step.leg);
  }
  const parties = [...order.entries()].map(([key, p]) => ({ label: p.label, flowSide: key === FLOW_KEY, legs: p.legs }));
  return { parties, columnOf: (endpoint) => column.get(keyOf(endpoint)) ?? 0 };
}

function flowSideLabel(side: FlowSide): string {
  return side.addresses.length === 0 ? '(none found)' : side.addresses.join(', ');
}

function flowSideMatcher(side: FlowSide): (e: Pattern) => boolean {
  const patterns = side.addresses.map((a) => parseAddress(a)).filter((p): p is Pattern => p !== undefined);
  return (e) => patterns.some((p) => p.ip === e.ip && (p.port === undefined || p.port === e.port));
}

/** An endpoint as a step writes it; text that is no address (`unknown:0` of a log without direction lines) stays as it is. */
function endpointOf(text: string): Pattern {
  return parseAddress(text) ?? { ip: text, port: undefined };
}
