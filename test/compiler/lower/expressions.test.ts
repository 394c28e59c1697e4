import { describe, expect, it } from 'vitest';
import type { ActionIR, ExprIR } from '../../../compiler/model.js';
import { lowerSource, modelOf } from './lowerSource.js';

/** The value of the single `set x = ...` in state S's entry. */
function loweredValue(decls: string, expr: string): ExprIR | undefined {
  const model = modelOf(`flow F { ${decls} initial state S { entry { set x = ${expr} } } }`);
  const action: ActionIR | undefined = model.states[0]?.entry[0];
  return action?.kind === 'set' ? action.value : undefined;
}

describe('expression lowering', () => {
  it('resolves `+` to concatenation when either side is text, to addition otherwise', () => {
    const concat = loweredValue('var x: string = "" var n: int = 1', '"job-" + n');
    expect(concat).toMatchObject({ kind: 'binary', op: 'concat', type: 'string' });
    const add = loweredValue('var x: int = 0 var n: int = 1', 'n + 2');
    expect(add).toMatchObject({ kind: 'binary', op: 'add', type: 'int' });
    const durations = loweredValue('var x: duration = 1s input wait: duration', 'wait + 500ms');
    expect(durations).toMatchObject({ kind: 'binary', op: 'add', type: 'duration' });
  });

  it('makes `/` a truncating integer division and `%` a remainder', () => {
    expect(loweredValue('var x: int = 0', '7 / 2')).toMatchObject({ op: 'idiv', type: 'int' });
    expect(loweredValue('var x: int = 0', '7 % 2')).toMatchObject({ op: 'mod', type: 'int' });
  });

  it('reads vars and inputs from the context', () => {
    expect(loweredValue('var x: int = 0 input limit: int', 'limit')).toEqual({ kind: 'context', type: 'int', name: 'limit' });
  });

  it('lets an input default read only the inputs declared before it', () => {
    const model = modelOf('flow F { input a: string = "x" input b: string = a + "y" initial state S }');
    expect(model.inputs[1]?.default).toMatchObject({ op: 'concat', left: { kind: 'context', name: 'a' } });
  });

  it('reports a name the checker let through as FLOW3001 instead of throwing', () => {
    const { model, diagnostics } = lowerSource('flow F { var x: int = 0 initial state S { entry { set x = nowhere } } }');
    expect(model).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.span.start.line])).toEqual([['FLOW3001', 1]]);
  });
});
