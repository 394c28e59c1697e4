/**
 * Leg lifecycle dataflow: for every atomic state, which phases each leg may
 * be in while the state is active. Phases are a 3-bit set: DOWN (idle or
 * ended), DIALING (an outbound dial not yet answered, or an inbound call
 * offered and not yet answered) and UP (connected or held).
 *
 * Verbs move a leg (`dial`/`takeover` -> DIALING, `answer` -> UP,
 * `hangup`/`cancel`/`reject` -> DOWN); leg events taken as triggers move it
 * too (`answered` -> UP, `failed`/`hangup`/`cancelled`/`replaced` -> DOWN) and
 * can only fire from the phase they need. While a state is active the far end
 * may act on its own (answer, fail, hang up), so a state's phases are closed
 * under those events unless an unguarded transition takes the event out of
 * the state. Each leg is analysed on its own; actions of other parallel
 * regions are folded in as "may happen at any time". The lattice is 3 bits
 * high, so each state changes at most 3 times: the fixpoint is linear.
 */
import type { Action, Block, LegEventName } from '../grammar/ast.js';
import { endsFlow, entryBlocks, exitBlocks, isLeaf } from './state-graph.js';
import type { StateGraph } from './state-graph.js';
import { isLegEvent } from './symbols.js';
import type { StateNode, TransitionSite } from './symbols.js';

export const DOWN = 1;
export const DIALING = 2;
export const UP = 4;
/** A leg that still has (or is about to have) a dialog. */
export const LIVE = DIALING | UP;

export interface LegPhases {
  readonly legs: readonly string[];
  /** Phases on entering an atomic state (0: never entered). */
  entering(leg: string, node: StateNode): number;
  /** Phases while an atomic state is active, other regions' actions included. */
  stable(leg: string, node: StateNode): number;
  /** Phases while an atomic state is active, counting only what leads into the state itself. */
  own(leg: string, node: StateNode): number;
  /** The first transition that brought the leg live into the state; undefined when the flow's start did. */
  witness(leg: string, node: StateNode): TransitionSite | undefined;
}

/** The phase a leg event needs and the phase it leaves the leg in. */
const EVENT_PHASES: Readonly<Record<LegEventName, { readonly pre: number; readonly post: number }>> = {
  ringing: { pre: DIALING, post: DIALING },
  early: { pre: DIALING, post: DIALING },
  answered: { pre: DIALING, post: UP },
  failed: { pre: DIALING, post: DOWN },
  cancelled: { pre: DIALING, post: DOWN },
  hangup: { pre: UP, post: DOWN },
  replaced: { pre: UP, post: DOWN },
  held: { pre: UP, post: UP },
  resumed: { pre: UP, post: UP },
  dtmf: { pre: UP, post: UP },
  collected: { pre: UP, post: UP },
  info: { pre: UP, post: UP },
  refer: { pre: UP, post: UP },
  referAccepted: { pre: UP, post: UP },
  referRejected: { pre: UP, post: UP },
  notify: { pre: UP, post: UP },
};

/** What the far end may do on its own: an outbound dial is answered or fails, an offered call is cancelled. */
const OUTBOUND_REMOTE: readonly LegEventName[] = ['answered', 'failed', 'hangup', 'replaced'];
const INBOUND_REMOTE: readonly LegEventName[] = ['cancelled', 'hangup', 'replaced'];

export function applyAction(action: Action, leg: string, phases: number): number {
  if (phases === 0) return 0;
  switch (action.kind) {
    case 'Dial':
    case 'Takeover':
      return action.leg.text === leg ? DIALING : phases;
    case 'Answer':
      return action.leg.text === leg && (phases & DIALING) !== 0 ? (phases & ~DIALING) | UP : phases;
    case 'Hangup':
    case 'Cancel':
    case 'Reject':
      return action.leg.text === leg ? DOWN : phases;
    default:
      return phases;
  }
}

/** The phases an action may put a leg in, whatever it was in before (0: it does not touch the leg). */
function assigns(action: Action, leg: string): number {
  switch (action.kind) {
    case 'Dial':
    case 'Takeover':
      return action.leg.text === leg ? DIALING : 0;
    case 'Answer':
      return action.leg.text === leg ? UP : 0;
    case 'Hangup':
    case 'Cancel':
    case 'Reject':
      return action.leg.text === leg ? DOWN : 0;
    default:
      return 0;
  }
}

function applyBlocks(blocks: readonly Block[], leg: string, phases: number): number {
  let p = phases;
  for (const block of blocks) for (const action of block.actions) p = applyAction(action, leg, p);
  return p;
}

function assignsIn(blocks: readonly Block[], leg: string): number {
  let bits = 0;
  for (const block of blocks) for (const action of block.actions) bits |= assigns(action, leg);
  return bits;
}

/** The phases after the trigger of `site` fires from `phases`; 0 when it cannot fire. */
export function afterTrigger(site: TransitionSite, leg: string, phases: number): number {
  const t = site.transition;
  if (phases === 0 || t.kind !== 'On' || t.trigger.kind !== 'LegTrigger' || t.trigger.leg.text !== leg) return phases;
  const event = t.trigger.event.text;
  if (!isLegEvent(event)) return phases;
  const { pre, post } = EVENT_PHASES[event];
  return (phases & pre) === 0 ? 0 : post;
}

function afterTransition(site: TransitionSite, leg: string, phases: number): number {
  let p = afterTrigger(site, leg, phases);
  for (const action of site.transition.actions?.actions ?? []) p = applyAction(action, leg, p);
  return p;
}

export function analyzeLegPhases(graph: StateGraph): LegPhases {
  const flow = graph.flow;
  const legs = [...flow.legs.keys()];
  const perLeg = new Map(legs.map((leg) => [leg, new LegAnalysis(graph, leg, flow.legs.get(leg)?.inbound === true)]));
  const analysis = (leg: string): LegAnalysis | undefined => perLeg.get(leg);
  return {
    legs,
    entering: (leg, node) => analysis(leg)?.entering[node.pre] ?? 0,
    stable: (leg, node) => analysis(leg)?.stable[node.pre] ?? 0,
    own: (leg, node) => analysis(leg)?.own[node.pre] ?? 0,
    witness: (leg, node) => analysis(leg)?.witness[node.pre],
  };
}

/** The fixpoint for one leg. */
class LegAnalysis {
  readonly entering: Uint8Array;
  readonly stable: Uint8Array;
  readonly own: Uint8Array;
  /** Union of `stable` over the atomic states below each state: the phases its own transitions fire from. */
  private readonly summary: Uint8Array;
  readonly witness: (TransitionSite | undefined)[];
  /** Exit-block assignments anywhere in each subtree (for states that may or may not be exiting). */
  private readonly subtreeExit: Uint8Array;
  /** Phases other parallel regions may set at any time while the state is active. */
  private readonly foreign: Uint8Array;
  private readonly remote: readonly LegEventName[];
  private readonly queue: StateNode[] = [];
  private readonly queued: Uint8Array;

  constructor(
    private readonly graph: StateGraph,
    private readonly leg: string,
    inbound: boolean,
  ) {
    const n = graph.flow.states.length;
    this.entering = new Uint8Array(n);
    this.stable = new Uint8Array(n);
    this.own = new Uint8Array(n);
    this.summary = new Uint8Array(n);
    this.witness = new Array<TransitionSite | undefined>(n);
    this.subtreeExit = new Uint8Array(n);
    this.foreign = new Uint8Array(n);
    this.queued = new Uint8Array(n);
    this.remote = inbound ? INBOUND_REMOTE : OUTBOUND_REMOTE;
    this.summarizeSubtrees();
    this.run(inbound ? DIALING : DOWN);
  }

  private summarizeSubtrees(): void {
    const states = this.graph.flow.states;
    const subtreeAll = new Uint8Array(states.length);
    // Reverse preorder visits children before their parent.
    for (let i = states.length - 1; i >= 0; i--) {
      const node = states[i];
      if (node === undefined) continue;
      let exit = assignsIn(exitBlocks(node), this.leg);
      let all = exit | assignsIn(entryBlocks(node), this.leg);
      for (const site of node.transitions) {
        for (const action of site.transition.actions?.actions ?? []) all |= assigns(action, this.leg);
      }
      for (const child of node.children) {
        exit |= this.subtreeExit[child.pre] ?? 0;
        all |= subtreeAll[child.pre] ?? 0;
      }
      this.subtreeExit[i] = exit;
      subtreeAll[i] = all;
    }
    // Preorder visits parents first: a region sees what its sibling regions (and its ancestors' siblings) assign.
    for (const node of states) {
      const parent = node.parent;
      if (parent === undefined) continue;
      let bits = this.foreign[parent.pre] ?? 0;
      if (parent.parallel) {
        for (const region of parent.children) if (region !== node) bits |= subtreeAll[region.pre] ?? 0;
      }
      this.foreign[node.pre] = bits;
    }
  }

  private run(start: number): void {
    const initial = this.graph.initial;
    let phases = start;
    for (const node of initial.entered) phases = applyBlocks(entryBlocks(node), this.leg, phases);
    for (const leaf of initial.leaves) this.enter(leaf, phases, undefined);
    for (let node = this.queue.pop(); node !== undefined; node = this.queue.pop()) {
      this.queued[node.pre] = 0;
      this.settle(node);
    }
  }

  private enter(leaf: StateNode, phases: number, via: TransitionSite | undefined): void {
    const before = this.entering[leaf.pre] ?? 0;
    const after = before | phases;
    if (after === before) return;
    this.entering[leaf.pre] = after;
    if ((after & ~before & LIVE) !== 0 && this.witness[leaf.pre] === undefined) this.witness[leaf.pre] = via;
    if (this.queued[leaf.pre] === 0) {
      this.queued[leaf.pre] = 1;
      this.queue.push(leaf);
    }
  }

  /** Recomputes a leaf's phases and fires the transitions of every state whose summary grew. */
  private settle(leaf: StateNode): void {
    const entering = this.entering[leaf.pre] ?? 0;
    const foreign = this.foreign[leaf.pre] ?? 0;
    const own = this.close(leaf, entering);
    this.own[leaf.pre] = own;
    const stable = foreign === 0 ? own : this.close(leaf, entering | foreign);
    if (stable === this.stable[leaf.pre]) return;
    this.stable[leaf.pre] = stable;
    for (let s: StateNode | undefined = leaf; s !== undefined; s = s.parent) {
      const before = this.summary[s.pre] ?? 0;
      const after = before | stable;
      // Ancestors hold a superset of this summary: once it stops growing, so do they.
      if (after === before) break;
      this.summary[s.pre] = after;
      for (const site of s.transitions) if (site.target !== undefined) this.fire(site, after);
    }
  }

  private fire(site: TransitionSite, from: number): void {
    let p = afterTrigger(site, this.leg, from);
    if (p === 0) return;
    const step = this.graph.stepOf(site);
    for (const root of step.mayExit) p |= this.subtreeExit[root.pre] ?? 0;
    for (const node of step.exited) p = applyBlocks(exitBlocks(node), this.leg, p);
    for (const action of site.transition.actions?.actions ?? []) p = applyAction(action, this.leg, p);
    for (const node of step.entered) p = applyBlocks(entryBlocks(node), this.leg, p);
    for (const leaf of step.leaves) this.enter(leaf, p, site);
  }

  /** Closes phases under what may happen without leaving the state: remote events and targetless transitions. */
  private close(leaf: StateNode, phases: number): number {
    if (phases === 0 || (isLeaf(leaf) && endsFlow(leaf))) return phases;
    const inScope = this.scopeOf(leaf);
    let p = phases;
    for (;;) {
      let next = p;
      for (const event of this.remote) {
        const { pre, post } = EVENT_PHASES[event];
        if ((next & pre) !== 0 && !leavesOn(leaf, `${this.leg}.${event}`)) next |= post;
      }
      for (const site of inScope) next |= afterTransition(site, this.leg, next);
      if (next === p) return p;
      p = next;
    }
  }

  private scopeOf(leaf: StateNode): readonly TransitionSite[] {
    const out: TransitionSite[] = [];
    for (let s: StateNode | undefined = leaf; s !== undefined; s = s.parent) {
      for (const site of s.transitions) if (site.transition.target === undefined) out.push(site);
    }
    return out;
  }
}

/**
 * Whether the event `key` always takes the flow out of `leaf`: the first
 * unguarded transition on it (innermost state first, then document order)
 * has a target.
 */
function leavesOn(leaf: StateNode, key: string): boolean {
  for (let s: StateNode | undefined = leaf; s !== undefined; s = s.parent) {
    for (const site of s.onByKey.get(key) ?? []) {
      if (site.transition.guard === undefined) return site.transition.target !== undefined;
    }
  }
  return false;
}
