/** `set name = ...` assigns a declared var: not an input (inputs are fixed per instance), not an unknown name. */
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const AssignmentsTargetVars: Rule = {
  name: 'AssignmentsTargetVars',
  code: 'FLOW2020',
  check(context, report) {
    for (const flow of context.flows) {
      const { values } = flow.symbols;
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Set' || action.variable.text === '') continue;
        const decl = values.get(action.variable.text);
        if (decl?.kind === 'Var') continue;
        if (decl?.kind === 'Input') {
          report({
            span: action.variable.span,
            message: `cannot assign to input \`${decl.name.text}\``,
            label: 'an input, fixed when the flow starts',
            related: [{ path: context.file.path, span: decl.name.span, label: 'declared as an input here' }],
            help: `declare a var instead: \`var ${decl.name.text}: ${decl.type.name} = ...\``,
          });
          continue;
        }
        const vars = [...values.values()].filter((v) => v.kind === 'Var').map((v) => v.name.text);
        const help = didYouMean(action.variable.text, vars);
        report({
          span: action.variable.span,
          message: `unknown var \`${action.variable.text}\``,
          label: 'no var of that name',
          ...(help === undefined ? {} : { help }),
        });
      }
    }
  },
};
