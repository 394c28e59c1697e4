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
 *
 * The AST is read once, up front, into integer tables per leg (what each
 * transition does to the leg, leg-effects.ts); the fixpoint then reads only
 * those and the state graph.
 */
import type { Action, LegEventName } from '../grammar/ast.js';
import { applyEffect, compose, DIALING, DOWN, EVENT_PHASES, IDENTITY, legMove, LIVE } from './leg-effects.js';
import { endsFlow, entryBlocks, exitBlocks, isLeaf } from './state-graph.js';
import type { StateGraph } from './state-graph.js';
import { isLegEvent } from './symbols.js';
import type { StateNode, TransitionSite } from './symbols.js';

export { DIALING, DOWN, LIVE, UP } from './leg-effects.js';

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

const NO_ACTIONS: readonly Action[] = [];

/** What the far end may do on its own: an outbound dial is answered or fails, an offered call is cancelled. */
const OUTBOUND_REMOTE: readonly LegEventName[] = ['answered', 'failed', 'hangup', 'replaced'];
const INBOUND_REMOTE: readonly LegEventName[] = ['cancelled', 'hangup', 'replaced'];

export function analyzeLegPhases(graph: StateGraph): LegPhases {
  const flow = graph.flow;
  const legs = [...flow.legs.keys()];
  const facts = new FlowFacts(graph, legs);
  const perLeg = new Map(facts.ofLeg.map((legFacts) => [legFacts.leg, new LegAnalysis(graph, facts, legFacts)]));
  const analysis = (leg: string): LegAnalysis | undefined => perLeg.get(leg);
  return {
    legs,
    entering: (leg, node) => analysis(leg)?.entering[node.pre] ?? 0,
    stable: (leg, node) => analysis(leg)?.stable[node.pre] ?? 0,
    own: (leg, node) => analysis(leg)?.own[node.pre] ?? 0,
    witness: (leg, node) => analysis(leg)?.witness[node.pre],
  };
}

/** What the fixpoint of one leg reads, as integers. */
interface LegFacts {
  readonly leg: string;
  readonly inbound: boolean;
  /** Its index in `FlowFacts.ofLeg`, as `triggerLeg` names it. */
  readonly index: number;
  /**
   * Per transition, what it does to the leg after its trigger (leg-effects.ts): a targeted one runs the
   * exit blocks it certainly runs, its actions and the entry blocks; a targetless one, its actions.
   */
  readonly effect: Uint16Array;
  /** Per transition: phases the exit blocks of states it may exit (below or beside its source) may assign. */
  readonly mayExit: Uint8Array;
  /** Per state: effect of its own entry blocks (the start of the flow runs them). */
  readonly onEntry: Uint16Array;
  /** Per state: phases other parallel regions may assign at any time while the state is active. */
  readonly foreign: Uint8Array;
}

/** A leg's facts while they are built, with the per-state tables only building needs. */
interface LegTables extends LegFacts {
  /** Per state: effect of its own exit blocks. */
  readonly onExit: Uint16Array;
  /** Per state: phases exit blocks anywhere in its subtree may assign. */
  readonly subtreeExit: Uint8Array;
  /** Per state: phases anything in its subtree (blocks and transitions) may assign. */
  readonly subtreeAll: Uint8Array;
}

/** The tables of every leg, built in one pass over the AST, and the targetless transitions around each leaf. */
class FlowFacts {
  /** Per transition: the index of the leg whose event triggers it (-1: none, or not a known leg event). */
  readonly triggerLeg: Int32Array;
  /** Per transition with a leg trigger: the phase its event needs and the one it leaves. */
  readonly triggerPre: Uint8Array;
  readonly triggerPost: Uint8Array;
  readonly ofLeg: readonly LegFacts[];
  private readonly tables: readonly LegTables[];
  private readonly byLeg: ReadonlyMap<string, LegTables>;
  private readonly scopes = new Map<StateNode, readonly TransitionSite[]>();

  constructor(graph: StateGraph, legs: readonly string[]) {
    const flow = graph.flow;
    const n = flow.states.length;
    const m = flow.transitions.length;
    this.triggerLeg = new Int32Array(m).fill(-1);
    this.triggerPre = new Uint8Array(m);
    this.triggerPost = new Uint8Array(m);
    const tables = legs.map(
      (leg, index): LegTables => ({
        leg,
        inbound: flow.legs.get(leg)?.inbound === true,
        index,
        effect: new Uint16Array(m).fill(IDENTITY),
        mayExit: new Uint8Array(m),
        onEntry: new Uint16Array(n).fill(IDENTITY),
        foreign: new Uint8Array(n),
        onExit: new Uint16Array(n).fill(IDENTITY),
        subtreeExit: new Uint8Array(n),
        subtreeAll: new Uint8Array(n),
      }),
    );
    this.ofLeg = tables;
    this.tables = tables;
    this.byLeg = new Map(tables.map((t) => [t.leg, t]));
    // Per state and per transition in small methods: called thousands of times, they are optimised within
    // the first analysis, where loops inline here would run unoptimised for the first few (a compile is one run).
    for (const node of flow.states) this.readBlocks(node);
    for (const t of tables) subtreeFacts(flow.states, t);
    for (const site of flow.transitions) this.readTransition(graph, site);
  }

  /** The entry and exit blocks of a state and the actions of its transitions, each once. */
  private readBlocks(node: StateNode): void {
    const pre = node.pre;
    for (const block of exitBlocks(node)) {
      for (const action of block.actions) {
        const move = legMove(action);
        const t = move === undefined ? undefined : this.byLeg.get(move.leg);
        if (move === undefined || t === undefined) continue;
        t.onExit[pre] = compose(t.onExit[pre] ?? IDENTITY, move.effect);
        t.subtreeExit[pre] = (t.subtreeExit[pre] ?? 0) | move.assigns;
        t.subtreeAll[pre] = (t.subtreeAll[pre] ?? 0) | move.assigns;
      }
    }
    for (const block of entryBlocks(node)) {
      for (const action of block.actions) {
        const move = legMove(action);
        const t = move === undefined ? undefined : this.byLeg.get(move.leg);
        if (move === undefined || t === undefined) continue;
        t.onEntry[pre] = compose(t.onEntry[pre] ?? IDENTITY, move.effect);
        t.subtreeAll[pre] = (t.subtreeAll[pre] ?? 0) | move.assigns;
      }
    }
    for (const site of node.transitions) {
      for (const action of site.transition.actions?.actions ?? NO_ACTIONS) {
        const move = legMove(action);
        const t = move === undefined ? undefined : this.byLeg.get(move.leg);
        if (move === undefined || t === undefined) continue;
        t.effect[site.index] = compose(t.effect[site.index] ?? IDENTITY, move.effect);
        t.subtreeAll[pre] = (t.subtreeAll[pre] ?? 0) | move.assigns;
      }
    }
  }

  /** A transition's trigger, and for a targeted one, its whole effect: exits innermost first, actions, entries in order. */
  private readTransition(graph: StateGraph, site: TransitionSite): void {
    const i = site.index;
    const trigger = site.transition.kind === 'On' ? site.transition.trigger : undefined;
    if (trigger?.kind === 'LegTrigger') {
      const t = this.byLeg.get(trigger.leg.text);
      const event = trigger.event.text;
      if (t !== undefined && isLegEvent(event)) {
        this.triggerLeg[i] = t.index;
        this.triggerPre[i] = EVENT_PHASES[event].pre;
        this.triggerPost[i] = EVENT_PHASES[event].post;
      }
    }
    if (site.target === undefined) return;
    const step = graph.stepOf(site);
    for (const t of this.tables) {
      let effect = IDENTITY;
      for (const node of step.exited) effect = compose(effect, t.onExit[node.pre] ?? IDENTITY);
      effect = compose(effect, t.effect[i] ?? IDENTITY);
      for (const node of step.entered) effect = compose(effect, t.onEntry[node.pre] ?? IDENTITY);
      t.effect[i] = effect;
      let mayExit = 0;
      for (const root of step.mayExit) mayExit |= t.subtreeExit[root.pre] ?? 0;
      t.mayExit[i] = mayExit;
    }
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
  /** The far end's own events for this leg: the phase each needs, the one it leaves, and its `onByKey` key. */
  private readonly remotePre: readonly number[];
  private readonly remotePost: readonly number[];
  private readonly remoteKeys: readonly string[];
  private readonly queue: StateNode[] = [];
  private readonly queued: Uint8Array;
  /** Per leaf, bit i set when the i-th remote event takes the flow out of it; -1 until computed. */
  private readonly leaving: Int8Array;

  constructor(
    private readonly graph: StateGraph,
    private readonly flowFacts: FlowFacts,
    private readonly facts: LegFacts,
  ) {
    const n = graph.flow.states.length;
    this.entering = new Uint8Array(n);
    this.stable = new Uint8Array(n);
    this.own = new Uint8Array(n);
    this.summary = new Uint8Array(n);
    this.witness = new Array<TransitionSite | undefined>(n);
    this.queued = new Uint8Array(n);
    this.leaving = new Int8Array(n).fill(-1);
    const remote = facts.inbound ? INBOUND_REMOTE : OUTBOUND_REMOTE;
    this.remotePre = remote.map((event) => EVENT_PHASES[event].pre);
    this.remotePost = remote.map((event) => EVENT_PHASES[event].post);
    this.remoteKeys = remote.map((event) => `${facts.leg}.${event}`);
    this.run(facts.inbound ? DIALING : DOWN);
  }

  private run(start: number): void {
    const initial = this.graph.initial;
    let phases = start;
    for (const node of initial.entered) phases = applyEffect(this.facts.onEntry[node.pre] ?? IDENTITY, phases);
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
    const foreign = this.facts.foreign[leaf.pre] ?? 0;
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

  /** The phases after the trigger of `site` fires from `phases`; 0 when it cannot fire. */
  private afterTrigger(site: TransitionSite, phases: number): number {
    const i = site.index;
    if (this.flowFacts.triggerLeg[i] !== this.facts.index) return phases;
    return (phases & (this.flowFacts.triggerPre[i] ?? 0)) === 0 ? 0 : (this.flowFacts.triggerPost[i] ?? 0);
  }

  private fire(site: TransitionSite, from: number): void {
    const p = this.afterTrigger(site, from);
    if (p === 0) return;
    const phases = applyEffect(this.facts.effect[site.index] ?? IDENTITY, p | (this.facts.mayExit[site.index] ?? 0));
    for (const leaf of this.graph.stepOf(site).leaves) this.enter(leaf, phases, site);
  }

  /** Closes phases under what may happen without leaving the state: remote events and targetless transitions. */
  private close(leaf: StateNode, phases: number): number {
    if (phases === 0 || (isLeaf(leaf) && endsFlow(leaf))) return phases;
    const inScope = this.flowFacts.targetlessAround(leaf);
    const leaving = this.leavingEvents(leaf);
    let p = phases;
    for (;;) {
      let next = p;
      for (let i = 0; i < this.remotePre.length; i++) {
        if ((leaving & (1 << i)) === 0 && (next & (this.remotePre[i] ?? 0)) !== 0) next |= this.remotePost[i] ?? 0;
      }
      for (const site of inScope) next |= applyEffect(this.facts.effect[site.index] ?? IDENTITY, this.afterTrigger(site, next));
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

/** Subtree unions (children before parents) and, for each state, what other parallel regions may assign. */
function subtreeFacts(states: readonly StateNode[], t: LegTables): void {
  // Reverse preorder visits children before their parent.
  for (let pre = states.length - 1; pre >= 0; pre--) {
    const parent = states[pre]?.parent;
    if (parent === undefined) continue;
    t.subtreeExit[parent.pre] = (t.subtreeExit[parent.pre] ?? 0) | (t.subtreeExit[pre] ?? 0);
    t.subtreeAll[parent.pre] = (t.subtreeAll[parent.pre] ?? 0) | (t.subtreeAll[pre] ?? 0);
  }
  // Preorder visits parents first: a region sees what its sibling regions (and its ancestors' siblings) assign.
  for (const node of states) {
    const parent = node.parent;
    if (parent === undefined) continue;
    let bits = t.foreign[parent.pre] ?? 0;
    if (parent.parallel) for (const region of parent.children) if (region !== node) bits |= t.subtreeAll[region.pre] ?? 0;
    t.foreign[node.pre] = bits;
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
