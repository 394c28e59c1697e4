import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2055';

describe('DialAddressesAreUris', () => {
  it('accepts uri and string addresses', () => {
    const text = flow`
      flow F {
        leg agent
        input agentUri: uri
        state S { entry { dial agent to agentUri from "sip:pom@x" timeout 30s } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an int address and a bool caller', () => {
    const text = flow`
      flow F {
        leg agent
        state S { entry { dial agent to 42 from true timeout 30s } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, '42'), at(text, CODE, 'true')]);
  });
});
