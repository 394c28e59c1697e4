/**
 * What a transition listens to, resolved: the delivered event type and the
 * payload fields its guard and actions may read by bare name.
 */
import { LEG_EVENTS, type LegEventName, type Trigger } from '../../grammar/ast.js';
import type { ValueType } from '../../runtime/values.js';
import type { TriggerModel } from '../model.js';
import type { Declarations } from './declarations.js';
import type { LoweringErrors } from './loweringErrors.js';
import type { StateTree } from './stateTree.js';

export interface LoweredTrigger {
  readonly trigger: TriggerModel;
  /** Undefined for done events (no payload). */
  readonly fields?: ReadonlyMap<string, ValueType>;
}

export function isLegEvent(name: string): name is LegEventName {
  return Object.hasOwn(LEG_EVENTS, name);
}

export function legEventFields(event: LegEventName): Map<string, ValueType> {
  return new Map(Object.entries(LEG_EVENTS[event]) as [string, ValueType][]);
}

export function lowerTrigger(
  trigger: Trigger,
  declarations: Declarations,
  tree: StateTree,
  errors: LoweringErrors,
): LoweredTrigger | undefined {
  switch (trigger.kind) {
    case 'LegTrigger': {
      const leg = trigger.leg.text;
      const event = trigger.event.text;
      if (!declarations.legNames.has(leg)) return void errors.unresolved(`unknown leg \`${leg}\``, trigger.leg.span);
      if (!isLegEvent(event)) return void errors.unresolved(`unknown leg event \`${event}\``, trigger.event.span);
      return { trigger: { kind: 'leg', type: `${leg}.${event}`, leg, event }, fields: legEventFields(event) };
    }
    case 'EventTrigger': {
      const decl = declarations.eventsByName.get(trigger.event.text);
      if (decl === undefined) return void errors.unresolved(`unknown event \`${trigger.event.text}\``, trigger.event.span);
      return {
        trigger: { kind: 'event', type: decl.name.text, event: decl.name.text },
        fields: new Map(decl.fields.map((f) => [f.name.text, f.type.name])),
      };
    }
    case 'DoneTrigger': {
      const state = tree.byName.get(trigger.state.text);
      if (state === undefined) return void errors.unresolved(`unknown state \`${trigger.state.text}\``, trigger.state.span);
      return { trigger: { kind: 'done', type: `done(${trigger.state.text})`, state } };
    }
  }
}
