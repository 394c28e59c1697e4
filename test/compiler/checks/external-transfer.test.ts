import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './harness.js';

/**
 * The running example gets no errors and exactly these warnings, each one
 * justified in compiler/README.md: the agent is nailed (`leg agent nailed`),
 * so only the customer's BYE racing the NOTIFY 200 and the unhandled
 * `agent.hangup` in Transferring are left.
 */
describe('flows/pom/external-transfer.flow', () => {
  const text = readFileSync(new URL('../../../flows/pom/external-transfer.flow', import.meta.url), 'utf8');
  it('has no errors, only the telephony warnings it earns', () => {
    const all = diagnosticsOf(text, 'flows/pom/external-transfer.flow');
    const summary = all.map((d) => `${d.severity} ${d.code} ${d.span.start.line}:${d.span.start.column}`);
    expect(summary).toEqual([
      // agent.hangup while Transferring is not handled
      'warning FLOW2070 71:9',
      // Disposed: the customer if NOTIFY 200 comes before the gateway's BYE (the nailed agent is not reported)
      'warning FLOW2072 85:15',
    ]);
    expect(all.filter((d) => d.code === 'FLOW2072').map((d) => d.message)).toEqual([expect.stringContaining('`customer`')]);
  });
});
