/** The legs an action names, as written (for leg resolution and per-verb leg rules). */
import type { Action, Name } from '../grammar/ast.js';

export function actionLegs(action: Action): readonly Name[] {
  switch (action.kind) {
    case 'Dial':
    case 'Answer':
    case 'Reject':
    case 'Hangup':
    case 'Cancel':
    case 'Hold':
    case 'Unhold':
    case 'Refer':
    case 'Takeover':
    case 'Notify':
    case 'Play':
    case 'Collect':
      return [action.leg];
    case 'Bridge':
      return [action.a, action.b];
    case 'Unbridge':
      return action.b === undefined ? [action.a] : [action.a, action.b];
    case 'Conference':
      return action.legs;
    case 'ReferReplacing':
      return [action.leg, action.replacing];
    case 'Emit':
    case 'Set':
    case 'Send':
      return [];
  }
}
