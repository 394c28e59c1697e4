import { describe, expect, it } from 'vitest';
import { actions, at, codes, inFlow, inState, onlyAction, onlyState, onlyTransition, parse, parseFlow, show, slice } from './harness.js';

describe('flows', () => {
  it('reads several flows in one file, with spans covering each', () => {
    const text = 'flow A {\n  state S\n}\n\nflow B { state T }\n';
    const parsed = parse(text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.file.flows.map((f) => f.name.text)).toEqual(['A', 'B']);
    const [a, b] = parsed.file.flows;
    expect(a && slice(text, a.span)).toBe('flow A {\n  state S\n}');
    expect(b && slice(text, b.name.span)).toBe('B');
    expect(b && at(b.name.span)).toBe('5:6');
    expect(parsed.file.path).toBe('test.flow');
    expect(parsed.file.span.start.offset).toBe(0);
    expect(parsed.file.span.end).toEqual({ offset: text.length, line: 6, column: 1 });
  });

  it('reads an empty file and an empty flow', () => {
    expect(parse('').file.flows).toEqual([]);
    expect(parse('// nothing\n').diagnostics).toEqual([]);
    expect(parseFlow('flow Empty {}').flow.declarations).toEqual([]);
  });
});

describe('declarations', () => {
  const text = inFlow(
    [
      '  leg agent',
      '  leg caller inbound',
      '  leg nailedAgent nailed',
      '  leg dialIn inbound nailed',
      '  key agentId',
      '  input agentUri: uri',
      '  input t: duration = 30s',
      '  var pending: int = 0',
      '  event NotReady(reason: string, walkaway: bool)',
      '  event Consult',
      '  emit Alarm(code: string)',
      '  emit Ping()',
    ].join('\n'),
  );
  const { flow } = parseFlow(text);
  const [agent, caller, nailedAgent, dialIn, key, input, inputWithDefault, variable, notReady, consult, alarm, ping] = flow.declarations;

  it('keeps them in document order', () => {
    expect(flow.declarations.map((d) => d.kind)).toEqual(['Leg', 'Leg', 'Leg', 'Leg', 'Key', 'Input', 'Input', 'Var', 'Event', 'Event', 'EmitDecl', 'EmitDecl']);
  });

  it('reads legs, inbound or not, nailed or not', () => {
    expect(agent).toMatchObject({ kind: 'Leg', name: { text: 'agent' }, inbound: false, nailed: false });
    expect(caller).toMatchObject({ kind: 'Leg', name: { text: 'caller' }, inbound: true, nailed: false });
    expect(nailedAgent).toMatchObject({ kind: 'Leg', name: { text: 'nailedAgent' }, inbound: false, nailed: true });
    expect(dialIn).toMatchObject({ kind: 'Leg', name: { text: 'dialIn' }, inbound: true, nailed: true });
    expect(dialIn && slice(text, dialIn.span)).toBe('leg dialIn inbound nailed');
    expect(caller && slice(text, caller.span)).toBe('leg caller inbound');
    expect(caller?.kind === 'Leg' && at(caller.name.span)).toBe('3:7');
  });

  it('takes the leg modifiers in one order, `inbound` then `nailed`', () => {
    expect(codes(inFlow('leg a nailed inbound'))).toEqual([{ code: 'FLOW1002', line: 2, column: 14 }]);
  });

  it('reads the key', () => {
    expect(key).toMatchObject({ kind: 'Key', input: { text: 'agentId' } });
    expect(key && slice(text, key.span)).toBe('key agentId');
  });

  it('reads inputs with their type and optional default', () => {
    expect(input).toMatchObject({ kind: 'Input', name: { text: 'agentUri' }, type: { name: 'uri' } });
    expect(input && 'default' in input).toBe(false);
    expect(inputWithDefault).toMatchObject({ kind: 'Input', type: { name: 'duration' }, default: { kind: 'DurationLiteral', ms: 30_000 } });
    expect(inputWithDefault?.kind === 'Input' && slice(text, inputWithDefault.type.span)).toBe('duration');
    expect(inputWithDefault && slice(text, inputWithDefault.span)).toBe('input t: duration = 30s');
  });

  it('reads vars with their initial value', () => {
    expect(variable).toMatchObject({ kind: 'Var', name: { text: 'pending' }, type: { name: 'int' }, initial: { kind: 'IntLiteral', value: 0 } });
  });

  it('reads events and emitted events with their fields', () => {
    expect(notReady?.kind === 'Event' && notReady.fields.map((f) => `${f.name.text}: ${f.type.name}`)).toEqual(['reason: string', 'walkaway: bool']);
    expect(notReady?.kind === 'Event' && notReady.fields[1] && slice(text, notReady.fields[1].span)).toBe('walkaway: bool');
    expect(consult).toMatchObject({ kind: 'Event', name: { text: 'Consult' }, fields: [] });
    expect(alarm).toMatchObject({ kind: 'EmitDecl', name: { text: 'Alarm' }, fields: [{ name: { text: 'code' }, type: { name: 'string' } }] });
    expect(ping).toMatchObject({ kind: 'EmitDecl', fields: [] });
  });

  it('reads every type name', () => {
    const { flow: typed } = parseFlow(inFlow('event E(a: string, b: int, c: bool, d: duration, e: uri, f: status,)'));
    const event = typed.declarations[0];
    expect(event?.kind === 'Event' && event.fields.map((f) => f.type.name)).toEqual(['string', 'int', 'bool', 'duration', 'uri', 'status']);
  });
});

describe('states', () => {
  it('reads modifiers with their spans, in the order written', () => {
    const text = inFlow('  initial parallel state Both {}\n  final state Done');
    const { flow } = parseFlow(text);
    const [both, done] = flow.states;
    expect(both?.modifiers.map((m) => m.modifier)).toEqual(['initial', 'parallel']);
    expect(both?.modifiers[1] && slice(text, both.modifiers[1].span)).toBe('parallel');
    expect(both && slice(text, both.span)).toBe('initial parallel state Both {}');
    expect(done?.modifiers.map((m) => m.modifier)).toEqual(['final']);
    expect(done && slice(text, done.span)).toBe('final state Done');
  });

  it('reads nested states, entry and exit blocks, and transitions in order', () => {
    const text = inFlow(
      [
        '  state Outer {',
        '    entry { hangup a }',
        '    exit { hangup b }',
        '    entry { hangup c }',
        '    on X -> Inner',
        '    initial state Inner { on Y -> Other }',
        '    after 2s -> Other',
        '    state Other',
        '  }',
      ].join('\n'),
    );
    const { flow } = parseFlow(text);
    const outer = flow.states[0];
    expect(outer?.entry.map((b) => b.actions.map((a) => (a.kind === 'Hangup' ? a.leg.text : '')))).toEqual([['a'], ['c']]);
    expect(outer?.exit).toHaveLength(1);
    expect(outer?.transitions.map((t) => t.kind)).toEqual(['On', 'After']);
    expect(outer?.states.map((s) => s.name.text)).toEqual(['Inner', 'Other']);
    expect(outer?.states[0]?.transitions[0]?.target?.text).toBe('Other');
    expect(outer?.entry[1] && slice(text, outer.entry[1].span)).toBe('{ hangup c }');
    expect(outer && at(outer.states[0]?.name.span ?? outer.span)).toBe('7:19');
  });

  it('accepts `;` between items and needs none', () => {
    const state = onlyState(inFlow('state S { on A -> S; on B -> S;; after 1s -> S }'));
    expect(state.transitions).toHaveLength(3);
  });
});

describe('transitions', () => {
  it('reads a leg event trigger', () => {
    const text = inState('on agent.answered -> Talking');
    const transition = onlyState(text).transitions[0];
    expect(transition).toMatchObject({
      kind: 'On',
      trigger: { kind: 'LegTrigger', leg: { text: 'agent' }, event: { text: 'answered' } },
      target: { text: 'Talking' },
    });
    expect(transition?.kind === 'On' && slice(text, transition.trigger.span)).toBe('agent.answered');
    expect(transition?.kind === 'On' && at(transition.trigger.span)).toBe('3:4');
    expect(transition && slice(text, transition.span)).toBe('on agent.answered -> Talking');
  });

  it('reads leg events named like verbs', () => {
    for (const event of ['hangup', 'refer', 'notify', 'cancelled', 'held']) {
      expect(onlyTransition(`on external.${event} -> S`)).toMatchObject({ trigger: { kind: 'LegTrigger', event: { text: event } } });
    }
  });

  it('reads an application event trigger with a guard', () => {
    expect(onlyTransition('on NotReady when walkaway -> Away')).toMatchObject({
      trigger: { kind: 'EventTrigger', event: { text: 'NotReady' } },
      guard: { kind: 'NameRef', name: { text: 'walkaway' } },
      target: { text: 'Away' },
    });
  });

  it('reads a done trigger', () => {
    expect(onlyTransition('on done(Consulting) -> Wrapup')).toMatchObject({ trigger: { kind: 'DoneTrigger', state: { text: 'Consulting' } } });
  });

  it('reads targetless transitions, with or without actions', () => {
    const withActions = onlyTransition('on NotReady when walkaway { emit Alarm(code: "P_POMAGT16") }');
    expect(withActions.target).toBeUndefined();
    expect(withActions.actions?.actions.map((a) => a.kind)).toEqual(['Emit']);
    const bare = onlyTransition('on customer.hangup');
    expect(bare).toMatchObject({ kind: 'On', trigger: { kind: 'LegTrigger' } });
    expect(bare.target).toBeUndefined();
    expect(bare.actions).toBeUndefined();
    expect(bare.guard).toBeUndefined();
  });

  it('reads a target with actions', () => {
    const text = inState('on agent.hangup -> Failed { hangup customer }');
    const transition = onlyState(text).transitions[0];
    expect(transition?.actions && slice(text, transition.actions.span)).toBe('{ hangup customer }');
    expect(transition?.target && slice(text, transition.target.span)).toBe('Failed');
  });

  it('reads timers with a duration expression and a guard', () => {
    const text = inState('after wrapupTime + 5s when autoWrap -> Idle');
    const transition = onlyState(text).transitions[0];
    expect(transition?.kind).toBe('After');
    expect(transition?.kind === 'After' && show(transition.delay)).toBe('(wrapupTime + 5000ms)');
    expect(transition?.guard && slice(text, transition.guard.span)).toBe('autoWrap');
    expect(transition && slice(text, transition.span)).toBe('after wrapupTime + 5s when autoWrap -> Idle');
  });

  it('reads the guards of the language draft', () => {
    const transition = onlyTransition('on Ready when in(LoggedIn) && pending < 2 -> Ready { set pending = pending + 1 }');
    expect(transition.guard && show(transition.guard)).toBe('(in(LoggedIn) && (pending < 2))');
  });
});

describe('actions', () => {
  it('reads dial with every clause, in any order', () => {
    const text = inState('entry { dial agent to agentUri from callerId headers { "X-Job": jobId, "X-Two": 2 } timeout 30s }');
    const dial = onlyState(text).entry[0]?.actions[0];
    expect(dial).toMatchObject({
      kind: 'Dial',
      leg: { text: 'agent' },
      to: { kind: 'NameRef', name: { text: 'agentUri' } },
      from: { kind: 'NameRef', name: { text: 'callerId' } },
      headers: [
        { kind: 'HeaderArgument', header: { value: 'X-Job' }, value: { kind: 'NameRef' } },
        { header: { value: 'X-Two' }, value: { kind: 'IntLiteral', value: 2 } },
      ],
      timeout: { kind: 'DurationLiteral', ms: 30_000 },
    });
    expect(dial && slice(text, dial.span)).toBe('dial agent to agentUri from callerId headers { "X-Job": jobId, "X-Two": 2 } timeout 30s');
    expect(dial?.kind === 'Dial' && dial.headers[0] && slice(text, dial.headers[0].span)).toBe('"X-Job": jobId');
    expect(onlyAction('dial a to u timeout 1s from f')).toMatchObject({ kind: 'Dial', from: { kind: 'NameRef' }, timeout: { ms: 1000 } });
    const bare = onlyAction('dial a to "sip:a@b"');
    expect(bare).toMatchObject({ kind: 'Dial', headers: [], to: { kind: 'StringLiteral', value: 'sip:a@b' } });
    expect(bare.kind === 'Dial' && (bare.from ?? bare.timeout)).toBeUndefined();
  });

  it('reads the one-leg verbs', () => {
    expect(actions('answer c; hangup c; cancel c; unhold c; takeover c').map((a) => `${a.kind} ${'leg' in a ? a.leg.text : ''}`)).toEqual([
      'Answer c', 'Hangup c', 'Cancel c', 'Unhold c', 'Takeover c',
    ]);
  });

  it('reads reject, notify and play with their expressions', () => {
    expect(onlyAction('reject customer 486')).toMatchObject({ kind: 'Reject', leg: { text: 'customer' }, status: { kind: 'IntLiteral', value: 486 } });
    expect(onlyAction('notify agent status 200')).toMatchObject({ kind: 'Notify', leg: { text: 'agent' }, status: { value: 200 } });
    expect(onlyAction('play customer "prompt.wav"')).toMatchObject({ kind: 'Play', prompt: { kind: 'StringLiteral', value: 'prompt.wav' } });
  });

  it('reads hold with and without music', () => {
    expect(onlyAction('hold customer music "moh"')).toMatchObject({ kind: 'Hold', music: { value: 'moh' } });
    expect(onlyAction('hold customer').kind === 'Hold' && 'music' in onlyAction('hold customer')).toBe(false);
  });

  it('reads bridge, unbridge and conference legs', () => {
    expect(onlyAction('bridge agent customer')).toMatchObject({ kind: 'Bridge', a: { text: 'agent' }, b: { text: 'customer' } });
    const [one, two] = actions('unbridge agent unbridge agent customer');
    expect(one).toMatchObject({ kind: 'Unbridge', a: { text: 'agent' } });
    expect(one && 'b' in one).toBe(false);
    expect(two).toMatchObject({ kind: 'Unbridge', b: { text: 'customer' } });
    const conference = onlyAction('conference agent customer external');
    expect(conference.kind === 'Conference' && conference.legs.map((l) => l.text)).toEqual(['agent', 'customer', 'external']);
  });

  it('reads blind and attended refer', () => {
    expect(onlyAction('refer external to "sip:x@y"')).toMatchObject({ kind: 'Refer', to: { kind: 'StringLiteral' } });
    expect(onlyAction('refer external to target')).toMatchObject({ kind: 'Refer', to: { kind: 'NameRef' } });
    const text = inState('entry { refer external to customer replacing }');
    const refer = onlyState(text).entry[0]?.actions[0];
    expect(refer).toMatchObject({ kind: 'ReferReplacing', leg: { text: 'external' }, replacing: { text: 'customer' } });
    expect(refer?.kind === 'ReferReplacing' && slice(text, refer.replacing.span)).toBe('customer');
    expect(refer && slice(text, refer.span)).toBe('refer external to customer replacing');
  });

  it('reads collect with its clauses', () => {
    expect(onlyAction('collect agent digits max 4 terminator "#" timeout 2s')).toMatchObject({
      kind: 'Collect',
      leg: { text: 'agent' },
      max: { value: 4 },
      terminator: { value: '#' },
      timeout: { ms: 2000 },
    });
    const bare = onlyAction('collect agent digits');
    expect(bare.kind === 'Collect' && [bare.max, bare.terminator, bare.timeout]).toEqual([undefined, undefined, undefined]);
  });

  it('reads emit, set and send', () => {
    const text = inState('entry { emit Alarm(code: "P_POMAGT16", n: 1); emit Ping; set pending = pending + 1; send ConsultRequest(from: agentId) to Agent(peerId) }');
    const [emit, ping, set, send] = onlyState(text).entry[0]?.actions ?? [];
    expect(emit).toMatchObject({ kind: 'Emit', event: { text: 'Alarm' }, args: [{ name: { text: 'code' }, value: { value: 'P_POMAGT16' } }, { name: { text: 'n' } }] });
    expect(emit?.kind === 'Emit' && emit.args[0] && slice(text, emit.args[0].span)).toBe('code: "P_POMAGT16"');
    expect(ping).toMatchObject({ kind: 'Emit', args: [] });
    expect(set).toMatchObject({ kind: 'Set', variable: { text: 'pending' }, value: { kind: 'Binary', operator: '+' } });
    expect(send).toMatchObject({
      kind: 'Send',
      event: { text: 'ConsultRequest' },
      args: [{ name: { text: 'from' }, value: { name: { text: 'agentId' } } }],
      flow: { text: 'Agent' },
      key: { kind: 'NameRef', name: { text: 'peerId' } },
    });
    expect(send && slice(text, send.span)).toBe('send ConsultRequest(from: agentId) to Agent(peerId)');
  });

  it('separates actions by newlines or `;`, in the order written', () => {
    expect(actions('hangup a\n  hangup b; hangup c;; hangup d').map((a) => ('leg' in a ? a.leg.text : ''))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('contextual keywords', () => {
  it('uses soft keywords as names of legs, fields, vars and states', () => {
    const { flow } = parseFlow(
      inFlow(
        [
          'leg from',
          'leg to inbound',
          'leg nailed nailed',
          'input status: status',
          'input timeout: duration = 5s',
          'var digits: string = ""',
          'event Press(key: string, event: int, done: bool, in: int, max: int, music: string, headers: string, terminator: string, replacing: bool, inbound: bool, nailed: bool)',
          'state done { on from.hangup when status >= 200 && key == "1" && timeout > 1s && in == 2 && done -> in }',
          'state in',
        ].join('\n'),
      ),
    );
    expect(flow.declarations.slice(0, 3).map((d) => (d.kind === 'Leg' ? `${d.name.text}${d.nailed ? ' nailed' : ''}` : ''))).toEqual(['from', 'to', 'nailed nailed']);
    const event = flow.declarations[6];
    expect(event?.kind === 'Event' && event.fields.map((f) => f.name.text)).toEqual([
      'key', 'event', 'done', 'in', 'max', 'music', 'headers', 'terminator', 'replacing', 'inbound', 'nailed',
    ]);
    const done = flow.states[0];
    expect(done?.name.text).toBe('done');
    expect(done?.transitions[0]?.guard && show(done.transitions[0].guard)).toBe('(((((status >= 200) && (key == "1")) && (timeout > 1000ms)) && (in == 2)) && done)');
    expect(done?.transitions[0]?.target?.text).toBe('in');
  });

  it('reads `event.field` and `in(State)` beside `in` and `event` as names', () => {
    const transition = onlyTransition('on E when event.reason == "x" || in(Busy) -> S');
    expect(transition.guard && show(transition.guard)).toBe('((event.reason == "x") || in(Busy))');
  });

  it('reads an application event named `done` as an event, not a done trigger', () => {
    expect(onlyTransition('on done -> S')).toMatchObject({ trigger: { kind: 'EventTrigger', event: { text: 'done' } } });
    expect(onlyTransition('on done.hangup -> S')).toMatchObject({ trigger: { kind: 'LegTrigger', leg: { text: 'done' }, event: { text: 'hangup' } } });
    expect(onlyTransition('on E when in && in.x && in(S) -> S').guard).toMatchObject({
      left: { left: { kind: 'NameRef', name: { text: 'in' } }, right: { kind: 'MemberRef', object: { text: 'in' } } },
      right: { kind: 'InState', state: { text: 'S' } },
    });
  });

  it('reads legs and values named like the clauses of their verb', () => {
    expect(onlyAction('dial to to from from from timeout timeout')).toMatchObject({
      leg: { text: 'to' },
      to: { name: { text: 'from' } },
      from: { name: { text: 'from' } },
      timeout: { name: { text: 'timeout' } },
    });
  });
});
