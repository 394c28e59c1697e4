/**
 * The exported types of a generated module: its states (a string literal
 * union), events (a discriminated union on `type`), inputs and context.
 */
import { StructureKind, type InterfaceDeclarationStructure, type TypeAliasDeclarationStructure } from 'ts-morph';
import { LEG_EVENTS, type LegEventName } from '../../grammar/ast.js';
import type { ValueType } from '../../runtime/values.js';
import type { FieldModel, FlowModel } from '../model.js';
import { exportedNames, quote } from './generatedNames.js';
import { tsType } from './valueTypes.js';

export function stateType(model: FlowModel): TypeAliasDeclarationStructure {
  const names = model.states.map((s) => quote(s.name));
  return {
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: exportedNames(model).state,
    type: names.length === 0 ? 'never' : names.join(' | '),
  };
}

/** Every event the machine accepts: all leg events of every declared leg, application events, timers. */
export function eventType(model: FlowModel): TypeAliasDeclarationStructure {
  const members = eventMembers(model).map(({ type, fields }) => objectType([`readonly type: ${quote(type)}`, ...fields]));
  return {
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: exportedNames(model).event,
    type: (writer) => {
      if (members.length === 0) writer.write('never');
      for (const member of members) writer.newLine().write(`| ${member}`);
    },
  };
}

interface EventMember {
  readonly type: string;
  readonly fields: readonly string[];
}

function eventMembers(model: FlowModel): EventMember[] {
  const members: EventMember[] = [];
  for (const leg of model.legs) {
    for (const event of Object.keys(LEG_EVENTS) as LegEventName[]) {
      const fields = Object.entries(LEG_EVENTS[event]) as [string, ValueType][];
      members.push({ type: `${leg.name}.${event}`, fields: fields.map(([name, type]) => `readonly ${name}: ${tsType(type)}`) });
    }
  }
  for (const event of model.events) members.push({ type: event.name, fields: fieldSignatures(event.fields) });
  if (model.timers.length > 0) {
    members.push({ type: '$timer', fields: [`readonly timer: ${model.timers.map((t) => quote(t.timer)).join(' | ')}`] });
  }
  return members;
}

function fieldSignatures(fields: readonly FieldModel[]): string[] {
  return fields.map((f) => `readonly ${f.name}: ${tsType(f.type)}`);
}

function objectType(members: readonly string[]): string {
  return `{ ${members.join('; ')} }`;
}

/** Inputs as `initial()` takes them: an input with a default may be left out. */
export function inputInterface(model: FlowModel): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: exportedNames(model).input,
    properties: model.inputs.map((i) => ({
      name: i.name,
      type: tsType(i.type),
      isReadonly: true,
      hasQuestionToken: i.default !== undefined,
    })),
  };
}

/** Inputs and vars by name, as the snapshot carries them. */
export function contextInterface(model: FlowModel): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: exportedNames(model).context,
    properties: [...model.inputs, ...model.vars].map((v) => ({ name: v.name, type: tsType(v.type), isReadonly: true })),
  };
}
