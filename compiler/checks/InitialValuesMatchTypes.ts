/** A var's initial value and an input's default have the declared type. */
import { isAssignable } from '../expression-types.js';
import type { Rule } from '../rule.js';

export const InitialValuesMatchTypes: Rule = {
  name: 'InitialValuesMatchTypes',
  code: 'FLOW2053',
  check(context, report) {
    for (const flow of context.flows) {
      for (const d of flow.symbols.decl.declarations) {
        const value = d.kind === 'Var' ? d.initial : d.kind === 'Input' ? d.default : undefined;
        if (value === undefined || (d.kind !== 'Var' && d.kind !== 'Input')) continue;
        const type = flow.typeOf(value);
        if (isAssignable(type, d.type.name)) continue;
        report({
          span: value.span,
          message: `${d.kind === 'Var' ? 'initial value' : 'default'} of \`${d.name.text}\` is a \`${type}\`, not a \`${d.type.name}\``,
          label: `\`${type}\``,
          related: [{ path: context.file.path, span: d.type.span, label: `declared \`${d.type.name}\` here` }],
        });
      }
    }
  },
};
