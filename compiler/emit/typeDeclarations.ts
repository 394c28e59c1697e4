/**
 * The exported types of a generated module: its states (a string literal
 * union), events (a discriminated union on `type`), inputs and context.
 * TypeScript only: the JavaScript has none of them.
 */
import { LEG_EVENTS, type LegEventName } from '../../grammar/ast.js';
import type { ValueType } from '../../runtime/values.js';
import type { FieldModel, FlowModel } from '../model.js';
import { exportedNames, quote } from './generatedNames.js';
import type { ModuleWriter } from './moduleWriter.js';
import { tsType } from './valueTypes.js';

/** The state union, the event union and the input and context interfaces, each after a blank line. */
export function writeTypeDeclarations(w: ModuleWriter, model: FlowModel): void {
  const names = exportedNames(model);
  const states = model.states.map((s) => quote(s.name));
  w.blank();
  w.typeLine(`export type ${names.state} = ${states.length === 0 ? 'never' : states.join(' | ')};`);
  w.blank();
  writeEventType(w, model);
  writeInterface(w, names.input, model.inputs.map((i) => `readonly ${i.name}${i.default === undefined ? '' : '?'}: ${tsType(i.type)};`));
  writeInterface(w, names.context, [...model.inputs, ...model.vars].map((v) => `readonly ${v.name}: ${tsType(v.type)};`));
}

/** Every event the machine accepts: all leg events of every declared leg, application events, timers. */
function writeEventType(w: ModuleWriter, model: FlowModel): void {
  const members = eventMembers(model).map(({ type, fields }) => objectType([`readonly type: ${quote(type)}`, ...fields]));
  const name = exportedNames(model).event;
  if (members.length === 0) {
    w.typeLine(`export type ${name} = never;`);
    return;
  }
  w.typeLine(`export type ${name} =`);
  w.indent(() => members.forEach((member, i) => w.typeLine(`| ${member}${i === members.length - 1 ? ';' : ''}`)));
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

/** `export interface Name { ... }` between blank lines (an empty one keeps its braces on two lines). */
function writeInterface(w: ModuleWriter, name: string, properties: readonly string[]): void {
  w.blank();
  w.typeLine(`export interface ${name} {`);
  w.indent(() => properties.forEach((p) => w.typeLine(p)));
  w.typeLine('}');
}
