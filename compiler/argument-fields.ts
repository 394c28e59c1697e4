/**
 * The declared fields an `emit` or `send` argument list must match: the
 * flow's own `emit` declaration, or the `event` of the flow a `send` targets
 * when that flow is in the same file. Undefined when nothing is known to check against.
 */
import type { EmitAction, SendAction, TypeName } from '../grammar/ast.js';
import type { FileSymbols, FlowSymbols } from './symbols.js';

export interface ArgumentFields {
  readonly fields: ReadonlyMap<string, TypeName>;
  /** `emit Disposed` / `event Consult of flow Agent`, for messages. */
  readonly owner: string;
}

export function argumentFields(
  file: FileSymbols,
  flow: FlowSymbols,
  action: EmitAction | SendAction,
): ArgumentFields | undefined {
  if (action.kind === 'Emit') {
    const fields = flow.emitFields.get(action.event.text);
    return fields === undefined ? undefined : { fields, owner: `emit \`${action.event.text}\`` };
  }
  const target = file.flowByName.get(action.flow.text);
  const fields = target?.eventFields.get(action.event.text);
  return fields === undefined ? undefined : { fields, owner: `event \`${action.event.text}\` of flow \`${action.flow.text}\`` };
}
