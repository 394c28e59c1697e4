import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './harness.js';

/**
 * The running example compiles with no diagnostics at all: the agent is
 * nailed (`leg agent nailed`), every connected state handles every hangup,
 * and after a transfer the customer leg is waited for (`Transferred`) rather
 * than left up. compiler/README.md says why each former warning went away.
 */
describe('flows/pom/external-transfer.flow', () => {
  const text = readFileSync(new URL('../../../flows/pom/external-transfer.flow', import.meta.url), 'utf8');
  it('has no errors and no warnings', () => {
    const all = diagnosticsOf(text, 'flows/pom/external-transfer.flow');
    expect(all.map((d) => `${d.severity} ${d.code} ${d.span.start.line}:${d.span.start.column} ${d.message}`)).toEqual([]);
  });

  // `Failed` is only reached once the agent's call is down (it failed or hung up), so it is not reported either way.
  it('would warn about the agent without `nailed`: the modifier is what keeps it quiet', () => {
    const plain = text.replace(/^ {2}leg agent nailed\b/m, '  leg agent');
    expect(plain).not.toBe(text);
    expect(diagnosticsOf(plain, 'flows/pom/external-transfer.flow').map((d) => `${d.code} ${d.message}`)).toEqual([
      'FLOW2072 the flow may end in `Disposed` with `agent` still connected',
      'FLOW2072 the flow may end in `NoCustomer` with `agent` still connected',
    ]);
  });
});
