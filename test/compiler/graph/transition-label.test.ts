import { describe, expect, it } from 'vitest';
import { transitionLabel, triggerText } from '../../../compiler/graph/transition-label.js';
import { modelsOfText, onlyModel } from './flow-models.js';

const model = onlyModel(
  modelsOfText(`
flow T {
  leg agent
  input agentUri: uri
  event Go(ok: bool)
  initial state Dialing {
    entry { dial agent to agentUri timeout 30s }
    on agent.answered -> Busy
    on agent.failed when status == 486 -> Done
  }
  state Busy {
    initial state Inner {
      on Go when ok -> Last
      after 2m -> Last
    }
    final state Last
    on done(Busy) -> Done { hangup agent }
    on agent.hangup -> Done
  }
  final state Done
}
`),
);

describe('transitionLabel', () => {
  it('names leg events as leg.event, with the guard in brackets', () => {
    expect(model.transitions.map((t) => transitionLabel(model, t))).toEqual([
      'agent.answered',
      'agent.failed [status == 486]',
      'Go [ok]',
      'after 2m',
      'done(Busy)',
      'agent.hangup',
    ]);
  });

  it('gives the trigger alone without the guard', () => {
    const guarded = model.transitions[1];
    expect(guarded === undefined ? '' : triggerText(model, guarded)).toBe('agent.failed');
  });
});
