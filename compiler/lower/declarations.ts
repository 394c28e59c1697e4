/**
 * The flow's declarations gathered by kind, in document order, for name
 * resolution while lowering. The checker has reported duplicates already;
 * the first declaration of a name wins here.
 */
import type { EmitDecl, EventDecl, FlowDecl, InputDecl, KeyDecl, LegDecl, VarDecl } from '../../grammar/ast.js';
import type { ValueType } from '../../runtime/values.js';

export interface Declarations {
  readonly legs: readonly LegDecl[];
  readonly inputs: readonly InputDecl[];
  readonly vars: readonly VarDecl[];
  readonly events: readonly EventDecl[];
  readonly emits: readonly EmitDecl[];
  readonly key?: KeyDecl;
  readonly legNames: ReadonlySet<string>;
  /** Inputs and vars by name with their type: both live in the context. */
  readonly contextTypes: ReadonlyMap<string, ValueType>;
  readonly eventsByName: ReadonlyMap<string, EventDecl>;
  readonly emitsByName: ReadonlyMap<string, EmitDecl>;
}

export function gatherDeclarations(flow: FlowDecl): Declarations {
  const legs: LegDecl[] = [];
  const inputs: InputDecl[] = [];
  const vars: VarDecl[] = [];
  const events: EventDecl[] = [];
  const emits: EmitDecl[] = [];
  let key: KeyDecl | undefined;
  for (const decl of flow.declarations) {
    switch (decl.kind) {
      case 'Leg': legs.push(decl); break;
      case 'Input': inputs.push(decl); break;
      case 'Var': vars.push(decl); break;
      case 'Event': events.push(decl); break;
      case 'EmitDecl': emits.push(decl); break;
      case 'Key': key ??= decl; break;
    }
  }
  const contextTypes = new Map<string, ValueType>();
  for (const d of [...inputs, ...vars]) if (!contextTypes.has(d.name.text)) contextTypes.set(d.name.text, d.type.name);
  return {
    legs: firstByName(legs),
    inputs: firstByName(inputs),
    vars: firstByName(vars).filter((v) => !inputs.some((i) => i.name.text === v.name.text)),
    events: firstByName(events),
    emits: firstByName(emits),
    ...(key === undefined ? {} : { key }),
    legNames: new Set(legs.map((l) => l.name.text)),
    contextTypes,
    eventsByName: new Map(firstByName(events).map((e) => [e.name.text, e])),
    emitsByName: new Map(firstByName(emits).map((e) => [e.name.text, e])),
  };
}

function firstByName<T extends { readonly name: { readonly text: string } }>(decls: readonly T[]): T[] {
  const seen = new Set<string>();
  return decls.filter((d) => (seen.has(d.name.text) ? false : (seen.add(d.name.text), true)));
}
