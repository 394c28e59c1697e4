/**
 * The other verb operands have their types: `play` prompt and `hold ... music`
 * are strings, `collect` max is an int and terminator a string, `refer ... to`
 * a uri or string, header values render as text, a `send` key has the type of
 * the target flow's key input.
 */
import type { Expr, TypeName } from '../../grammar/ast.js';
import type { ExprType } from '../expression-types.js';
import { isAssignable } from '../expression-types.js';
import type { Rule } from '../rule.js';

const TEXT: readonly TypeName[] = ['string', 'uri', 'int', 'status'];
const ADDRESS: readonly TypeName[] = ['uri', 'string'];

export const VerbOperandsAreTyped: Rule = {
  name: 'VerbOperandsAreTyped',
  code: 'FLOW2060',
  check(context, report) {
    for (const flow of context.flows) {
      const check = (expr: Expr | undefined, what: string, allowed: readonly TypeName[]): void => {
        if (expr === undefined) return;
        const type: ExprType = flow.typeOf(expr);
        if (type === 'unknown' || allowed.includes(type)) return;
        const expected = allowed.map((t) => `\`${t}\``).join(' or ');
        report({ span: expr.span, message: `${what} is a \`${type}\`, not ${expected}`, label: `\`${type}\`` });
      };
      for (const { action } of flow.symbols.actions) {
        switch (action.kind) {
          case 'Play':
            check(action.prompt, '`play` prompt', ['string']);
            break;
          case 'Hold':
            check(action.music, '`hold` music', ['string']);
            break;
          case 'Collect':
            check(action.max, '`collect` max', ['int']);
            check(action.terminator, '`collect` terminator', ['string']);
            break;
          case 'Refer':
            check(action.to, '`refer` target', ADDRESS);
            break;
          case 'Dial':
            for (const h of action.headers) check(h.value, `header ${JSON.stringify(h.header.value)}`, TEXT);
            break;
          case 'Send': {
            const target = context.symbols.flowByName.get(action.flow.text);
            const keyName = target?.keys[0]?.input.text;
            const keyDecl = keyName === undefined ? undefined : target?.values.get(keyName);
            if (keyDecl?.kind !== 'Input') break;
            const type = flow.typeOf(action.key);
            if (isAssignable(type, keyDecl.type.name)) break;
            report({
              span: action.key.span,
              message: `key of \`${action.flow.text}\` is a \`${keyDecl.type.name}\`, not a \`${type}\``,
              label: `\`${type}\``,
              related: [{ path: context.file.path, span: keyDecl.type.span, label: `key input declared \`${keyDecl.type.name}\` here` }],
            });
            break;
          }
          default:
            break;
        }
      }
    }
  },
};
