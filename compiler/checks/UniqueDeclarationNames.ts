/** Legs, events, emits, and inputs with vars (one namespace) are each declared once per flow. */
import type { Namespace } from '../symbols.js';
import type { Rule } from '../rule.js';

const WHAT: Partial<Record<Namespace, string>> = {
  leg: 'leg',
  value: 'input or var',
  event: 'event',
  emit: 'emitted event',
};

export const UniqueDeclarationNames: Rule = {
  name: 'UniqueDeclarationNames',
  code: 'FLOW2004',
  check(context, report) {
    for (const flow of context.flows) {
      for (const d of flow.symbols.duplicates) {
        const what = WHAT[d.namespace];
        if (what === undefined) continue;
        report({
          span: d.second.span,
          message: `${what} \`${d.second.text}\` is declared twice`,
          label: 'declared again here',
          related: [{ path: context.file.path, span: d.first.span, label: 'first declared here' }],
          ...(d.namespace === 'value' ? { help: 'inputs and vars share one namespace' } : {}),
        });
      }
    }
  },
};
