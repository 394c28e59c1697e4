/**
 * Binding: the names a flow declares, its state tree, and where every
 * transition and action sits (which state, which names its expressions see).
 * Built once per file; rules read it instead of walking the AST again.
 * Duplicates are recorded, not resolved: the first declaration wins.
 */
import { LEG_EVENTS } from '../grammar/ast.js';
import type {
  Action,
  Block,
  EmitDecl,
  EventDecl,
  FieldDecl,
  FlowDecl,
  FlowFile,
  InputDecl,
  KeyDecl,
  LegDecl,
  LegEventName,
  Name,
  StateDecl,
  StateModifier,
  Transition,
  Trigger,
  TypeName,
  VarDecl,
} from '../grammar/ast.js';

export interface StateNode {
  /** The flow name for the root. */
  readonly name: string;
  /** Undefined for the root: the flow itself, an implicit compound state. */
  readonly decl: StateDecl | undefined;
  readonly parent: StateNode | undefined;
  readonly children: readonly StateNode[];
  readonly depth: number;
  /** Preorder position: the descendants of `n` are exactly the nodes with `n.pre < pre <= n.last`. */
  readonly pre: number;
  readonly last: number;
  readonly parallel: boolean;
  readonly final: boolean;
  /** The child a default entry enters: the one marked `initial`, else the first. */
  readonly initialChild: StateNode | undefined;
  readonly transitions: readonly TransitionSite[];
  /** `on` transitions by trigger key (see `triggerKey`), in document order. */
  readonly onByKey: ReadonlyMap<string, readonly TransitionSite[]>;
}

/** What a bare name or `event.x` can mean at one place in a flow. */
export interface ExprScope {
  /** Payload fields of the `on` trigger. */
  readonly fields: ReadonlyMap<string, TypeName>;
  /** The trigger did not resolve: an unknown name may be one of its fields, so it is not reported again. */
  readonly open: boolean;
  /** Inside an `on` transition, where `event.x` means a field of the trigger. */
  readonly inEvent: boolean;
  /** The leg of a leg trigger: `agent.status` is `event.status` under `on agent.failed`. */
  readonly leg: string | undefined;
}

export interface TransitionSite {
  /** Position in `FlowSymbols.transitions`, for per-transition tables. */
  readonly index: number;
  readonly transition: Transition;
  readonly state: StateNode;
  /** The resolved target; undefined when targetless or unknown. */
  readonly target: StateNode | undefined;
  /** Trigger key of an `on` transition; undefined for `after`. */
  readonly key: string | undefined;
  readonly scope: ExprScope;
}

export type ActionPlace = 'entry' | 'exit' | 'transition';

export interface ActionSite {
  readonly action: Action;
  readonly state: StateNode;
  readonly place: ActionPlace;
  readonly transition: TransitionSite | undefined;
  readonly scope: ExprScope;
}

export type Namespace = 'flow' | 'state' | 'leg' | 'value' | 'event' | 'emit' | 'field';

/** A name declared twice in one namespace; `second` is the later one. */
export interface Duplicate {
  readonly namespace: Namespace;
  readonly first: Name;
  readonly second: Name;
  /** The event or emit that holds a duplicate field. */
  readonly owner?: string;
}

export type ValueDecl = InputDecl | VarDecl;

export interface FlowSymbols {
  readonly decl: FlowDecl;
  readonly root: StateNode;
  /** Every state in preorder; `states[0]` is the root. */
  readonly states: readonly StateNode[];
  readonly stateByName: ReadonlyMap<string, StateNode>;
  readonly legs: ReadonlyMap<string, LegDecl>;
  /** Inputs and vars share one namespace. */
  readonly values: ReadonlyMap<string, ValueDecl>;
  readonly events: ReadonlyMap<string, EventDecl>;
  readonly emits: ReadonlyMap<string, EmitDecl>;
  readonly eventFields: ReadonlyMap<string, ReadonlyMap<string, TypeName>>;
  readonly emitFields: ReadonlyMap<string, ReadonlyMap<string, TypeName>>;
  readonly keys: readonly KeyDecl[];
  readonly transitions: readonly TransitionSite[];
  /** Every action in document order (entry, exit and transition blocks, nested states included). */
  readonly actions: readonly ActionSite[];
  readonly duplicates: readonly Duplicate[];
}

export interface FileSymbols {
  readonly file: FlowFile;
  readonly flows: readonly FlowSymbols[];
  readonly flowByName: ReadonlyMap<string, FlowSymbols>;
  readonly duplicates: readonly Duplicate[];
}

export function isLegEvent(name: string): name is LegEventName {
  return Object.hasOwn(LEG_EVENTS, name);
}

/** `agent.answered`, `Consult`, `done(Consulting)`: equal keys mean the same trigger. */
export function triggerKey(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'LegTrigger':
      return `${trigger.leg.text}.${trigger.event.text}`;
    case 'EventTrigger':
      return trigger.event.text;
    case 'DoneTrigger':
      return `done(${trigger.state.text})`;
  }
}

export function bindFile(file: FlowFile): FileSymbols {
  const duplicates: Duplicate[] = [];
  const flowByName = new Map<string, FlowSymbols>();
  const flows = file.flows.map((decl) => {
    const flow = bindFlow(decl);
    declare(flowByName, decl.name, flow, 'flow', duplicates, (f) => f.decl.name);
    return flow;
  });
  return { file, flows, flowByName, duplicates };
}

interface MutableStateNode extends StateNode {
  children: StateNode[];
  last: number;
  initialChild: StateNode | undefined;
  transitions: TransitionSite[];
  onByKey: Map<string, TransitionSite[]>;
}

const NO_FIELDS: ReadonlyMap<string, TypeName> = new Map();
/** Payload fields of each leg event, built once. */
const LEG_EVENT_FIELDS: ReadonlyMap<string, ReadonlyMap<string, TypeName>> = new Map(
  Object.entries(LEG_EVENTS).map(([event, fields]) => [event, new Map(Object.entries(fields) as [string, TypeName][])]),
);
const PLAIN_SCOPE: ExprScope = { fields: NO_FIELDS, open: false, inEvent: false, leg: undefined };

function bindFlow(decl: FlowDecl): FlowSymbols {
  const duplicates: Duplicate[] = [];
  const legs = new Map<string, LegDecl>();
  const values = new Map<string, ValueDecl>();
  const events = new Map<string, EventDecl>();
  const emits = new Map<string, EmitDecl>();
  const eventFields = new Map<string, ReadonlyMap<string, TypeName>>();
  const emitFields = new Map<string, ReadonlyMap<string, TypeName>>();
  const keys: KeyDecl[] = [];
  const byName = (d: { readonly name: Name }): Name => d.name;
  for (const d of decl.declarations) {
    switch (d.kind) {
      case 'Leg':
        declare(legs, d.name, d, 'leg', duplicates, byName);
        break;
      case 'Input':
      case 'Var':
        declare(values, d.name, d, 'value', duplicates, byName);
        break;
      case 'Event':
        if (declare(events, d.name, d, 'event', duplicates, byName)) {
          eventFields.set(d.name.text, bindFields(d.name.text, d.fields, duplicates));
        }
        break;
      case 'EmitDecl':
        if (declare(emits, d.name, d, 'emit', duplicates, byName)) {
          emitFields.set(d.name.text, bindFields(d.name.text, d.fields, duplicates));
        }
        break;
      case 'Key':
        keys.push(d);
        break;
    }
  }

  const root: MutableStateNode = newNode(decl.name.text, undefined, undefined, 0, false, false);
  const states: MutableStateNode[] = [root];
  const stateByName = new Map<string, StateNode>();
  const stateName = (n: StateNode): Name | undefined => n.decl?.name;
  const addChildren = (parent: MutableStateNode, decls: readonly StateDecl[]): void => {
    let marked: StateNode | undefined;
    for (const sd of decls) {
      const node = newNode(sd.name.text, sd, parent, states.length, hasModifier(sd, 'parallel'), hasModifier(sd, 'final'));
      states.push(node);
      parent.children.push(node);
      if (marked === undefined && hasModifier(sd, 'initial')) marked = node;
      declare(stateByName, sd.name, node, 'state', duplicates, (n) => stateName(n) ?? sd.name);
      addChildren(node, sd.states);
      node.last = states.length - 1;
    }
    parent.initialChild = marked ?? parent.children[0];
  };
  addChildren(root, decl.states);
  root.last = states.length - 1;

  const transitions: TransitionSite[] = [];
  const actions: ActionSite[] = [];
  const pushBlocks = (blocks: readonly Block[], state: StateNode, place: ActionPlace): void => {
    for (const block of blocks) {
      for (const action of block.actions) actions.push({ action, state, place, transition: undefined, scope: PLAIN_SCOPE });
    }
  };
  // One scope per trigger: every `on agent.answered` of the flow sees the same names.
  const scopes = new Map<string, ExprScope>();
  const scopeOf = (trigger: Trigger, key: string): ExprScope => {
    let scope = scopes.get(key);
    if (scope === undefined) scopes.set(key, (scope = triggerScope(trigger, legs, eventFields)));
    return scope;
  };
  for (const node of states) {
    if (node.decl === undefined) continue;
    pushBlocks(node.decl.entry, node, 'entry');
    pushBlocks(node.decl.exit, node, 'exit');
    for (const transition of node.decl.transitions) {
      let key: string | undefined;
      let scope = PLAIN_SCOPE;
      if (transition.kind === 'On') {
        key = triggerKey(transition.trigger);
        scope = scopeOf(transition.trigger, key);
      }
      const target = transition.target === undefined ? undefined : stateByName.get(transition.target.text);
      const site: TransitionSite = { index: transitions.length, transition, state: node, target, key, scope };
      transitions.push(site);
      node.transitions.push(site);
      if (key !== undefined) {
        const list = node.onByKey.get(key);
        if (list === undefined) node.onByKey.set(key, [site]);
        else list.push(site);
      }
      for (const action of transition.actions?.actions ?? []) {
        actions.push({ action, state: node, place: 'transition', transition: site, scope });
      }
    }
  }

  return {
    decl,
    root,
    states,
    stateByName,
    legs,
    values,
    events,
    emits,
    eventFields,
    emitFields,
    keys,
    transitions,
    actions,
    duplicates,
  };
}

function hasModifier(decl: StateDecl, modifier: StateModifier): boolean {
  for (const m of decl.modifiers) if (m.modifier === modifier) return true;
  return false;
}

function newNode(
  name: string,
  decl: StateDecl | undefined,
  parent: StateNode | undefined,
  pre: number,
  parallel: boolean,
  final: boolean,
): MutableStateNode {
  return {
    name,
    decl,
    parent,
    children: [],
    depth: parent === undefined ? 0 : parent.depth + 1,
    pre,
    last: pre,
    parallel,
    final,
    initialChild: undefined,
    transitions: [],
    onByKey: new Map(),
  };
}

function triggerScope(
  trigger: Trigger,
  legs: ReadonlyMap<string, LegDecl>,
  eventFields: ReadonlyMap<string, ReadonlyMap<string, TypeName>>,
): ExprScope {
  switch (trigger.kind) {
    case 'LegTrigger': {
      const event = trigger.event.text;
      const known = legs.has(trigger.leg.text) && isLegEvent(event);
      const fields = LEG_EVENT_FIELDS.get(event) ?? NO_FIELDS;
      return { fields, open: !known, inEvent: true, leg: trigger.leg.text };
    }
    case 'EventTrigger': {
      const fields = eventFields.get(trigger.event.text);
      return { fields: fields ?? NO_FIELDS, open: fields === undefined, inEvent: true, leg: undefined };
    }
    case 'DoneTrigger':
      return { fields: NO_FIELDS, open: false, inEvent: true, leg: undefined };
  }
}

function bindFields(owner: string, fields: readonly FieldDecl[], duplicates: Duplicate[]): ReadonlyMap<string, TypeName> {
  const seen = new Map<string, FieldDecl>();
  for (const f of fields) {
    const first = seen.get(f.name.text);
    if (first === undefined) seen.set(f.name.text, f);
    else duplicates.push({ namespace: 'field', first: first.name, second: f.name, owner });
  }
  return new Map([...seen].map(([name, f]) => [name, f.type.name]));
}

/** Adds `value` under `name` unless taken; returns whether it was added. */
function declare<T>(
  map: Map<string, T>,
  name: Name,
  value: T,
  namespace: Namespace,
  duplicates: Duplicate[],
  nameOf: (existing: T) => Name,
): boolean {
  const existing = map.get(name.text);
  if (existing === undefined) {
    map.set(name.text, value);
    return true;
  }
  duplicates.push({ namespace, first: nameOf(existing), second: name });
  return false;
}
