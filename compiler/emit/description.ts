/**
 * The FlowDescription half of the exported machine: legs, inputs, events,
 * emits, states and transitions with their `.flow` source refs, for the
 * session, simulate, coverage and graphs.
 */
import { LEG_EVENTS, type LegEventName } from '../../grammar/ast.js';
import type { FieldModel, FlowModel, TransitionModel } from '../model.js';
import { quote } from './generatedNames.js';
import type { ModuleWriter } from './moduleWriter.js';
import { sourceRefLiteral } from './sourceRefLiteral.js';

/** Writes the description properties (without braces) of `export const Name = { ... }`. */
export function writeDescription(writer: ModuleWriter, model: FlowModel): void {
  writer.line(`name: ${quote(model.name)},`);
  writer.line(`source: ${quote(model.source)},`);
  if (model.key !== undefined) writer.line(`key: ${quote(model.key)},`);
  // `nailed` only when set, so the modules of flows without nailed legs stay as they were.
  writeList(writer, 'legs', model.legs.map((l) => `{ name: ${quote(l.name)}, inbound: ${l.inbound}${l.nailed ? ', nailed: true' : ''} }`));
  writeList(writer, 'inputs', model.inputs.map((i) => `{ name: ${quote(i.name)}, type: ${quote(i.type)}, optional: ${i.default !== undefined} }`));
  writeList(writer, 'events', eventInfos(model));
  writeList(writer, 'emits', model.emits.map((e) => eventInfo(e.name, 'application', e.fields)));
  writeList(writer, 'states', model.states.map((s) => {
    const parent = s.parent === undefined ? '' : `parent: ${quote(model.states[s.parent]?.name ?? '')}, `;
    return `{ name: ${quote(s.name)}, ${parent}kind: ${quote(s.kind)}, at: ${sourceRefLiteral(s.at)} }`;
  }));
  writeList(writer, 'transitions', model.transitions.map((t) => transitionInfo(model, t)));
}

function writeList(writer: ModuleWriter, name: string, items: readonly string[]): void {
  if (items.length === 0) {
    writer.line(`${name}: [],`);
    return;
  }
  writer.line(`${name}: [`);
  writer.indent(() => items.forEach((item) => writer.line(`${item},`)));
  writer.line('],');
}

function eventInfos(model: FlowModel): string[] {
  const infos: string[] = [];
  for (const leg of model.legs) {
    for (const event of Object.keys(LEG_EVENTS) as LegEventName[]) {
      const fields = Object.entries(LEG_EVENTS[event]).map(([name, type]) => ({ name, type }));
      infos.push(eventInfo(`${leg.name}.${event}`, 'leg', fields));
    }
  }
  for (const event of model.events) infos.push(eventInfo(event.name, 'application', event.fields));
  if (model.timers.length > 0) infos.push(eventInfo('$timer', 'timer', [{ name: 'timer', type: 'string' }]));
  return infos;
}

function eventInfo(type: string, source: 'leg' | 'application' | 'timer', fields: readonly FieldModel[]): string {
  const fieldText = fields.length === 0 ? '{}' : `{ ${fields.map((f) => `${f.name}: ${quote(f.type)}`).join(', ')} }`;
  return `{ type: ${quote(type)}, source: ${quote(source)}, fields: ${fieldText} }`;
}

function transitionInfo(model: FlowModel, t: TransitionModel): string {
  const source = model.states[t.source]?.name ?? '';
  const target = t.target === undefined ? '' : `target: ${quote(model.states[t.target]?.name ?? '')}, `;
  return `{ id: ${t.id}, source: ${quote(source)}, event: ${quote(t.trigger.type)}, ${target}guarded: ${t.guard !== undefined}, at: ${sourceRefLiteral(t.at)} }`;
}
