/** `key name` names an input of the flow: instances are identified by an input value. */
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const KeysNameInputs: Rule = {
  name: 'KeysNameInputs',
  code: 'FLOW2021',
  check(context, report) {
    for (const flow of context.flows) {
      const { values } = flow.symbols;
      const inputs = [...values.values()].filter((v) => v.kind === 'Input').map((v) => v.name.text);
      for (const key of flow.symbols.keys) {
        if (key.input.text === '' || values.get(key.input.text)?.kind === 'Input') continue;
        const help = didYouMean(key.input.text, inputs);
        report({
          span: key.input.span,
          message: `key \`${key.input.text}\` is not an input`,
          label: values.has(key.input.text) ? 'a var, not an input' : 'no input of that name',
          ...(help === undefined ? {} : { help }),
        });
      }
    }
  },
};
