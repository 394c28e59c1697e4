import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2060';

describe('VerbOperandsAreTyped', () => {
  it('accepts string prompts, int max, address refer, text headers, a key of the key type', () => {
    const text = flow`
      flow A {
        key id
        input id: int
        event Ping
        state S
      }
      flow B {
        leg a
        state S {
          entry {
            play a "welcome.wav"
            hold a music "moh"
            collect a digits max 4 terminator "#"
            refer a to "sip:x@y"
            dial a to "sip:a@x" headers { "X-Job": 7 } timeout 5s
            send Ping() to A(1)
          }
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an int prompt, a bool header, a string key for an int key', () => {
    const text = flow`
      flow A {
        key id
        input id: int
        event Ping
        state S
      }
      flow B {
        leg a
        state S {
          entry {
            play a 3
            dial a to "sip:a@x" headers { "X-Job": true } timeout 5s
            send Ping() to A("1")
          }
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, '3'), at(text, CODE, 'true'), at(text, CODE, '"1"')]);
  });
});
