/** `set v = e` stores a value of v's declared type. */
import { isAssignable } from '../expression-types.js';
import type { Rule } from '../rule.js';

export const AssignmentsMatchVarTypes: Rule = {
  name: 'AssignmentsMatchVarTypes',
  code: 'FLOW2052',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Set') continue;
        const decl = flow.symbols.values.get(action.variable.text);
        if (decl?.kind !== 'Var') continue;
        const type = flow.typeOf(action.value);
        if (isAssignable(type, decl.type.name)) continue;
        report({
          span: action.value.span,
          message: `cannot assign a \`${type}\` to \`${decl.name.text}\` of type \`${decl.type.name}\``,
          label: `\`${type}\``,
          related: [{ path: context.file.path, span: decl.type.span, label: `declared \`${decl.type.name}\` here` }],
        });
      }
    }
  },
};
