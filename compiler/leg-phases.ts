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
import { actionLegs } from './action-legs.js';
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

const NONE: readonly number[] = [];

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

/** The phases an action may put its leg in, whatever it was in before (0: it moves no leg). */
function assigns(action: Action): number {
  switch (action.kind) {
    case 'Dial':
    case 'Takeover':
      return DIALING;
    case 'Answer':
      return UP;
    case 'Hangup':
    case 'Cancel':
    case 'Reject':
      return DOWN;
    default:
      return 0;
  }
}

function applyBlocks(blocks: readonly Block[], leg: string, phases: number): number {
  let p = phases;
  for (const block of blocks) for (const action of block.actions) p = applyAction(action, leg, p);
  return p;
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
  const shared = new SharedFacts(graph, legs);
  const perLeg = new Map(
    legs.map((leg, i) => [leg, new LegAnalysis(graph, shared, leg, i, flow.legs.get(leg)?.inbound === true)]),
  );
  const analysis = (leg: string): LegAnalysis | undefined => perLeg.get(leg);
  return {
    legs,
    entering: (leg, node) => analysis(leg)?.entering[node.pre] ?? 0,
    stable: (leg, node) => analysis(leg)?.stable[node.pre] ?? 0,
    own: (leg, node) => analysis(leg)?.own[node.pre] ?? 0,
    witness: (leg, node) => analysis(leg)?.witness[node.pre],
  };
}

/** What every leg's analysis asks about the same states and transitions, computed once for all legs. */
class SharedFacts {
  /** Per transition: which legs (by index) its trigger, actions, definite exits and entries name. */
  private readonly touched: Uint8Array[];
  private readonly scopes = new Map<StateNode, readonly TransitionSite[]>();
  /** Per leg, per state: phases exit blocks anywhere in the subtree may assign. */
  readonly subtreeExit: Uint8Array[];
  /** Per leg, per state: phases other parallel regions may assign at any time while the state is active. */
  readonly foreign: Uint8Array[];

  constructor(
    private readonly graph: StateGraph,
    legs: readonly string[],
  ) {
    const flow = graph.flow;
    const legIndex = new Map(legs.map((leg, i) => [leg, i]));
    const n = flow.states.length;
    this.touched = legs.map(() => new Uint8Array(flow.transitions.length));
    this.subtreeExit = legs.map(() => new Uint8Array(n));
    this.foreign = legs.map(() => new Uint8Array(n));
    const subtreeAll = legs.map(() => new Uint8Array(n));

    /** Indices of the legs some action of `blocks` names, each once (mostly none: one shared empty list). */
    const named = (blocks: readonly Block[]): readonly number[] => {
      let out: number[] | undefined;
      for (const block of blocks) {
        for (const action of block.actions) {
          for (const leg of actionLegs(action)) {
            const i = legIndex.get(leg.text);
            if (i !== undefined && out?.includes(i) !== true) (out ??= []).push(i);
          }
        }
      }
      return out ?? NONE;
    };
    // What each state's entry and exit blocks name, once: a transition's step reuses them.
    const namedOnEntry = flow.states.map((node) => named(entryBlocks(node)));
    const namedOnExit = flow.states.map((node) => named(exitBlocks(node)));
    const touch = (site: TransitionSite, legsNamed: readonly number[] | undefined): void => {
      for (const i of legsNamed ?? NONE) {
        const row = this.touched[i];
        if (row !== undefined) row[site.index] = 1;
      }
    };
    for (const site of flow.transitions) {
      const t = site.transition;
      if (t.kind === 'On' && t.trigger.kind === 'LegTrigger') {
        const i = legIndex.get(t.trigger.leg.text);
        const row = i === undefined ? undefined : this.touched[i];
        if (row !== undefined) row[site.index] = 1;
      }
      if (t.actions !== undefined) touch(site, named([t.actions]));
      if (site.target !== undefined) {
        const step = graph.stepOf(site);
        for (const node of step.exited) touch(site, namedOnExit[node.pre]);
        for (const node of step.entered) touch(site, namedOnEntry[node.pre]);
      }
    }

    // Own assignments per state, all legs in one pass over the actions.
    const assign = (rows: Uint8Array[], pre: number, block: Block): void => {
      for (const action of block.actions) {
        const bits = assigns(action);
        if (bits === 0 || !('leg' in action)) continue;
        const i = legIndex.get(action.leg.text);
        const row = i === undefined ? undefined : rows[i];
        if (row !== undefined) row[pre] = (row[pre] ?? 0) | bits;
      }
    };
    for (const node of flow.states) {
      for (const block of exitBlocks(node)) {
        assign(this.subtreeExit, node.pre, block);
        assign(subtreeAll, node.pre, block);
      }
      for (const block of entryBlocks(node)) assign(subtreeAll, node.pre, block);
      for (const site of node.transitions) if (site.transition.actions !== undefined) assign(subtreeAll, node.pre, site.transition.actions);
    }
    legs.forEach((_leg, i) => {
      const exit = this.subtreeExit[i];
      const all = subtreeAll[i];
      const foreign = this.foreign[i];
      if (exit === undefined || all === undefined || foreign === undefined) return;
      // Reverse preorder visits children before their parent.
      for (let pre = n - 1; pre >= 0; pre--) {
        const parent = flow.states[pre]?.parent;
        if (parent === undefined) continue;
        exit[parent.pre] = (exit[parent.pre] ?? 0) | (exit[pre] ?? 0);
        all[parent.pre] = (all[parent.pre] ?? 0) | (all[pre] ?? 0);
      }
      // Preorder visits parents first: a region sees what its sibling regions (and its ancestors' siblings) assign.
      for (const node of flow.states) {
        const parent = node.parent;
        if (parent === undefined) continue;
        let bits = foreign[parent.pre] ?? 0;
        if (parent.parallel) for (const region of parent.children) if (region !== node) bits |= all[region.pre] ?? 0;
        foreign[node.pre] = bits;
      }
    });
  }

  /** Whether the transition can change the leg at all beyond its `mayExit` subtrees; if not, it is the identity on it. */
  touches(site: TransitionSite, leg: number): boolean {
    return this.touched[leg]?.[site.index] === 1;
  }

  /** Targetless transitions that can fire while `leaf` is active (its own and its ancestors'). */
  targetlessAround(leaf: StateNode): readonly TransitionSite[] {
    let out = this.scopes.get(leaf);
    if (out !== undefined) return out;
    const found: TransitionSite[] = [];
    for (let s: StateNode | undefined = leaf; s !== undefined; s = s.parent) {
      for (const site of s.transitions) if (site.transition.target === undefined) found.push(site);
    }
    out = found;
    this.scopes.set(leaf, out);
    return out;
  }
}

/** The fixpoint for one leg. */
class LegAnalysis {
  readonly entering: Uint8Array;
  readonly stable: Uint8Array;
  readonly own: Uint8Array;
  /** Union of `stable` over the atomic states below each state: the phases its own transitions fire from. */
  private readonly summary: Uint8Array;
  readonly witness: (TransitionSite | undefined)[];
  private readonly subtreeExit: Uint8Array;
  private readonly foreign: Uint8Array;
  private readonly remote: readonly LegEventName[];
  /** `leg.event` for each remote event, as `onByKey` keys it. */
  private readonly remoteKeys: readonly string[];
  private readonly queue: StateNode[] = [];
  private readonly queued: Uint8Array;
  /** Per leaf, bit i set when the i-th remote event takes the flow out of it; -1 until computed. */
  private readonly leaving: Int8Array;

  constructor(
    private readonly graph: StateGraph,
    private readonly shared: SharedFacts,
    private readonly leg: string,
    private readonly legIndex: number,
    inbound: boolean,
  ) {
    const n = graph.flow.states.length;
    this.entering = new Uint8Array(n);
    this.stable = new Uint8Array(n);
    this.own = new Uint8Array(n);
    this.summary = new Uint8Array(n);
    this.witness = new Array<TransitionSite | undefined>(n);
    this.subtreeExit = shared.subtreeExit[legIndex] ?? new Uint8Array(n);
    this.foreign = shared.foreign[legIndex] ?? new Uint8Array(n);
    this.queued = new Uint8Array(n);
    this.leaving = new Int8Array(n).fill(-1);
    this.remote = inbound ? INBOUND_REMOTE : OUTBOUND_REMOTE;
    this.remoteKeys = this.remote.map((event) => `${leg}.${event}`);
    this.run(inbound ? DIALING : DOWN);
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
    if (this.shared.touches(site, this.legIndex)) {
      for (const node of step.exited) p = applyBlocks(exitBlocks(node), this.leg, p);
      for (const action of site.transition.actions?.actions ?? []) p = applyAction(action, this.leg, p);
      for (const node of step.entered) p = applyBlocks(entryBlocks(node), this.leg, p);
    }
    for (const leaf of step.leaves) this.enter(leaf, p, site);
  }

  /** Closes phases under what may happen without leaving the state: remote events and targetless transitions. */
  private close(leaf: StateNode, phases: number): number {
    if (phases === 0 || (isLeaf(leaf) && endsFlow(leaf))) return phases;
    const inScope = this.shared.targetlessAround(leaf);
    const leaving = this.leavingEvents(leaf);
    let p = phases;
    for (;;) {
      let next = p;
      for (let i = 0; i < this.remote.length; i++) {
        const event = this.remote[i];
        if (event === undefined || (leaving & (1 << i)) !== 0) continue;
        const { pre, post } = EVENT_PHASES[event];
        if ((next & pre) !== 0) next |= post;
      }
      for (const site of inScope) if (this.shared.touches(site, this.legIndex)) next |= afterTransition(site, this.leg, next);
      if (next === p) return p;
      p = next;
    }
  }

  private leavingEvents(leaf: StateNode): number {
    const cached = this.leaving[leaf.pre] ?? -1;
    if (cached >= 0) return cached;
    let bits = 0;
    for (let i = 0; i < this.remoteKeys.length; i++) if (leavesOn(leaf, this.remoteKeys[i] ?? '')) bits |= 1 << i;
    this.leaving[leaf.pre] = bits;
    return bits;
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
