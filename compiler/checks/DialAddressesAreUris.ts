/** `dial leg to X [from Y]`: X and Y are uris or strings. */
import type { Expr } from '../../grammar/ast.js';
import type { Rule } from '../rule.js';

export const DialAddressesAreUris: Rule = {
  name: 'DialAddressesAreUris',
  code: 'FLOW2055',
  check(context, report) {
    for (const flow of context.flows) {
      const check = (expr: Expr | undefined, clause: string): void => {
        if (expr === undefined) return;
        const type = flow.typeOf(expr);
        if (type === 'uri' || type === 'string' || type === 'unknown') return;
        report({ span: expr.span, message: `dial \`${clause}\` is a \`${type}\`, not a \`uri\` or \`string\``, label: `\`${type}\`` });
      };
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Dial') continue;
        check(action.to, 'to');
        check(action.from, 'from');
      }
    }
  },
};
