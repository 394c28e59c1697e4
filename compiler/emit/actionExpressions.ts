/** The expressions an action evaluates, for analyses over a module. */
import type { ActionIR, ExprIR } from '../model.js';

/** Every expression an action evaluates, for analyses over a module (event reads, helpers needed). */
export function actionExpressions(action: ActionIR): ExprIR[] {
  const all: (ExprIR | undefined)[] = [];
  switch (action.kind) {
    case 'dial': all.push(action.to, action.from, action.timeout, ...action.headers.map((h) => h.value)); break;
    case 'reject':
    case 'notify':
      all.push(action.status);
      break;
    case 'hold': all.push(action.music); break;
    case 'refer': all.push(action.to); break;
    case 'play': all.push(action.prompt); break;
    case 'collect': all.push(action.max, action.terminator, action.timeout); break;
    case 'emit': all.push(...action.args.map((a) => a.value)); break;
    case 'send': all.push(action.key, ...action.args.map((a) => a.value)); break;
    case 'set': all.push(action.value); break;
    default: break;
  }
  return all.filter((x): x is ExprIR => x !== undefined);
}
