/**
 * The flow grammar as a pure chevrotain `CstParser`: rules as class properties,
 * error recovery on, no meaning (no AST, no checks, no diagnostics wording
 * beyond what syntax-messages.ts builds from the parser's expectations).
 *
 * Newlines are not tokens. Blocks stay unambiguous because every state item
 * starts with a hard keyword (`entry`, `on`, `state`, ...) and every action
 * with its verb; `;` is accepted between items and is never required.
 *
 * Items of one list share a label (`declaration`, `item`, `action`) so the CST
 * keeps them in document order under one key; toAst dispatches on rule name.
 */
import { CstParser } from './chevrotain-runtime.js';
import type { CstNode, IOrAlt, IToken } from 'chevrotain';
import * as t from './tokens.js';
import { syntaxMessages } from './syntax-messages.js';

/**
 * The labels, as option objects made once: a `{ LABEL: 'x' }` literal in a
 * rule is a new object on every call, and a big file makes hundreds of
 * thousands of calls. For the same reason every `OR` below takes an array of
 * alternatives built once per parser (chevrotain's "caching arrays of
 * alternatives") instead of a fresh array of fresh closures per call.
 */
const L = {
  action: { LABEL: 'action' },
  boolean: { LABEL: 'boolean' },
  declaration: { LABEL: 'declaration' },
  default: { LABEL: 'default' },
  delay: { LABEL: 'delay' },
  duration: { LABEL: 'duration' },
  event: { LABEL: 'event' },
  flow: { LABEL: 'flow' },
  from: { LABEL: 'from' },
  fromKeyword: { LABEL: 'fromKeyword' },
  guard: { LABEL: 'guard' },
  head: { LABEL: 'head' },
  in: { LABEL: 'in' },
  initial: { LABEL: 'initial' },
  inner: { LABEL: 'inner' },
  integer: { LABEL: 'integer' },
  item: { LABEL: 'item' },
  key: { LABEL: 'key' },
  leg: { LABEL: 'leg' },
  max: { LABEL: 'max' },
  maxKeyword: { LABEL: 'maxKeyword' },
  modifier: { LABEL: 'modifier' },
  music: { LABEL: 'music' },
  name: { LABEL: 'name' },
  operand: { LABEL: 'operand' },
  operator: { LABEL: 'operator' },
  prompt: { LABEL: 'prompt' },
  property: { LABEL: 'property' },
  state: { LABEL: 'state' },
  status: { LABEL: 'status' },
  string: { LABEL: 'string' },
  target: { LABEL: 'target' },
  terminator: { LABEL: 'terminator' },
  terminatorKeyword: { LABEL: 'terminatorKeyword' },
  timeout: { LABEL: 'timeout' },
  timeoutKeyword: { LABEL: 'timeoutKeyword' },
  to: { LABEL: 'to' },
  type: { LABEL: 'type' },
  value: { LABEL: 'value' },
  variable: { LABEL: 'variable' },
} as const;

type Alternatives = IOrAlt<unknown>[];

export class FlowParser extends CstParser {
  /**
   * `validate` runs chevrotain's checks of the grammar (ambiguous
   * alternatives, left recursion, unreachable rules, ...) while building the
   * parser: a test does, so a grammar mistake fails CI. Production skips them
   * (the grammar is fixed; they cost ~40 ms of every cold start).
   */
  constructor(validate = false) {
    super([...t.ALL_TOKENS], {
      recoveryEnabled: true,
      nodeLocationTracking: 'onlyOffset',
      maxLookahead: 3,
      errorMessageProvider: syntaxMessages,
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  // ---------------------------------------------------------------- file and flow

  private readonly topLevelItems: Alternatives = [{ ALT: () => this.SUBRULE(this.flowDecl) }, { ALT: () => this.CONSUME(t.Semicolon) }];

  public readonly flowFile = this.RULE('flowFile', () => {
    this.MANY(() => {
      this.OR(this.topLevelItems);
    });
  });

  private readonly flowItems: Alternatives = [
    { ALT: () => this.SUBRULE(this.legDecl, L.declaration) },
    { ALT: () => this.SUBRULE(this.inputDecl, L.declaration) },
    { ALT: () => this.SUBRULE(this.varDecl, L.declaration) },
    { ALT: () => this.SUBRULE(this.eventDecl, L.declaration) },
    { ALT: () => this.SUBRULE(this.emitDecl, L.declaration) },
    { ALT: () => this.SUBRULE(this.keyDecl, L.declaration) },
    { ALT: () => this.SUBRULE(this.stateDecl, L.state) },
    { ALT: () => this.CONSUME(t.Semicolon) },
  ];

  private readonly flowDecl = this.RULE('flowDecl', () => {
    this.CONSUME(t.Flow);
    this.CONSUME(t.Identifier, L.name);
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.OR(this.flowItems);
    });
    this.CONSUME(t.RCurly);
  });

  // ---------------------------------------------------------------- declarations

  private readonly legDecl = this.RULE('legDecl', () => {
    this.CONSUME(t.Leg);
    this.CONSUME(t.Identifier, L.name);
    this.OPTION(() => this.CONSUME(t.Inbound));
    this.OPTION2(() => this.CONSUME(t.Nailed));
  });

  private readonly inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(t.Input);
    this.CONSUME(t.Identifier, L.name);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => {
      this.CONSUME(t.Equals);
      this.SUBRULE(this.expression, L.default);
    });
  });

  private readonly varDecl = this.RULE('varDecl', () => {
    this.CONSUME(t.Var);
    this.CONSUME(t.Identifier, L.name);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.typeRef);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression, L.initial);
  });

  private readonly eventDecl = this.RULE('eventDecl', () => {
    this.CONSUME(t.Event);
    this.CONSUME(t.Identifier, L.name);
    this.OPTION(() => this.SUBRULE(this.fieldList));
  });

  private readonly emitDecl = this.RULE('emitDecl', () => {
    this.CONSUME(t.Emit);
    this.CONSUME(t.Identifier, L.name);
    this.OPTION(() => this.SUBRULE(this.fieldList));
  });

  private readonly keyDecl = this.RULE('keyDecl', () => {
    this.CONSUME(t.Key);
    this.CONSUME(t.Identifier, L.name);
  });

  private readonly fieldList = this.RULE('fieldList', () => {
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.fieldDecl);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.fieldDecl);
      });
      this.OPTION2(() => this.CONSUME2(t.Comma));
    });
    this.CONSUME(t.RParen);
  });

  private readonly fieldDecl = this.RULE('fieldDecl', () => {
    this.CONSUME(t.Identifier, L.name);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.typeRef);
  });

  private readonly typeNames: Alternatives = t.TYPE_TOKENS.map((token) => ({ ALT: () => this.CONSUME(token, L.type) }));

  private readonly typeRef = this.RULE('typeRef', () => {
    this.OR(this.typeNames);
  });

  // ---------------------------------------------------------------- states

  private readonly modifiers: Alternatives = [
    { ALT: () => this.CONSUME(t.Initial, L.modifier) },
    { ALT: () => this.CONSUME(t.Final, L.modifier) },
    { ALT: () => this.CONSUME(t.Parallel, L.modifier) },
  ];

  private readonly stateItems: Alternatives = [
    { ALT: () => this.SUBRULE(this.entryBlock, L.item) },
    { ALT: () => this.SUBRULE(this.exitBlock, L.item) },
    { ALT: () => this.SUBRULE(this.onTransition, L.item) },
    { ALT: () => this.SUBRULE(this.afterTransition, L.item) },
    { ALT: () => this.SUBRULE(this.stateDecl, L.item) },
    { ALT: () => this.CONSUME(t.Semicolon) },
  ];

  private readonly stateDecl = this.RULE('stateDecl', () => {
    this.MANY(() => {
      this.OR(this.modifiers);
    });
    this.CONSUME(t.State);
    this.CONSUME(t.Identifier, L.name);
    this.OPTION(() => {
      this.CONSUME(t.LCurly);
      this.MANY2(() => {
        this.OR2(this.stateItems);
      });
      this.CONSUME(t.RCurly);
    });
  });

  private readonly entryBlock = this.RULE('entryBlock', () => {
    this.CONSUME(t.Entry);
    this.SUBRULE(this.block);
  });

  private readonly exitBlock = this.RULE('exitBlock', () => {
    this.CONSUME(t.Exit);
    this.SUBRULE(this.block);
  });

  private readonly onTransition = this.RULE('onTransition', () => {
    this.CONSUME(t.On);
    this.SUBRULE(this.trigger);
    this.SUBRULE(this.transitionTail);
  });

  private readonly afterTransition = this.RULE('afterTransition', () => {
    this.CONSUME(t.After);
    this.SUBRULE(this.expression, L.delay);
    this.SUBRULE(this.transitionTail);
  });

  /** `[when GUARD] [-> Target] [{ actions }]`, shared by `on` and `after`. */
  private readonly transitionTail = this.RULE('transitionTail', () => {
    this.OPTION(() => {
      this.CONSUME(t.When);
      this.SUBRULE(this.expression, L.guard);
    });
    this.OPTION2(() => {
      this.CONSUME(t.Arrow);
      this.CONSUME(t.Identifier, L.target);
    });
    this.OPTION3(() => this.SUBRULE(this.block));
  });

  // `done` is also a name: `done(` (two tokens of lookahead) is the done event, anything else a leg or application event.
  private readonly triggerKinds: Alternatives = [
    {
      ALT: () => {
        this.CONSUME(t.Done);
        this.CONSUME(t.LParen);
        this.CONSUME(t.Identifier, L.state);
        this.CONSUME(t.RParen);
      },
    },
    {
      ALT: () => {
        this.CONSUME2(t.Identifier, L.head);
        this.OPTION(() => {
          this.CONSUME(t.Dot);
          this.CONSUME(t.Word, L.event);
        });
      },
    },
  ];

  private readonly trigger = this.RULE('trigger', () => {
    this.OR(this.triggerKinds);
  });

  // ---------------------------------------------------------------- actions

  private readonly actions: Alternatives = [
    { ALT: () => this.SUBRULE(this.dialAction, L.action) },
    { ALT: () => this.SUBRULE(this.answerAction, L.action) },
    { ALT: () => this.SUBRULE(this.rejectAction, L.action) },
    { ALT: () => this.SUBRULE(this.hangupAction, L.action) },
    { ALT: () => this.SUBRULE(this.cancelAction, L.action) },
    { ALT: () => this.SUBRULE(this.holdAction, L.action) },
    { ALT: () => this.SUBRULE(this.unholdAction, L.action) },
    { ALT: () => this.SUBRULE(this.bridgeAction, L.action) },
    { ALT: () => this.SUBRULE(this.unbridgeAction, L.action) },
    { ALT: () => this.SUBRULE(this.conferenceAction, L.action) },
    { ALT: () => this.SUBRULE(this.referAction, L.action) },
    { ALT: () => this.SUBRULE(this.takeoverAction, L.action) },
    { ALT: () => this.SUBRULE(this.notifyAction, L.action) },
    { ALT: () => this.SUBRULE(this.playAction, L.action) },
    { ALT: () => this.SUBRULE(this.collectAction, L.action) },
    { ALT: () => this.SUBRULE(this.emitAction, L.action) },
    { ALT: () => this.SUBRULE(this.setAction, L.action) },
    { ALT: () => this.SUBRULE(this.sendAction, L.action) },
    { ALT: () => this.CONSUME(t.Semicolon) },
  ];

  private readonly block = this.RULE('block', () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.OR(this.actions);
    });
    this.CONSUME(t.RCurly);
  });

  private readonly dialClauses: Alternatives = [
    {
      ALT: () => {
        this.CONSUME(t.From, L.fromKeyword);
        this.SUBRULE2(this.expression, L.from);
      },
    },
    { ALT: () => this.SUBRULE(this.headerList) },
    {
      ALT: () => {
        this.CONSUME(t.Timeout, L.timeoutKeyword);
        this.SUBRULE3(this.expression, L.timeout);
      },
    },
  ];

  /** `dial leg to EXPR` then `from`, `headers`, `timeout` clauses in any order (duplicates are reported later). */
  private readonly dialAction = this.RULE('dialAction', () => {
    this.CONSUME(t.Dial);
    this.CONSUME(t.Identifier, L.leg);
    this.CONSUME(t.To);
    this.SUBRULE(this.expression, L.to);
    this.MANY(() => {
      this.OR(this.dialClauses);
    });
  });

  private readonly headerList = this.RULE('headerList', () => {
    this.CONSUME(t.Headers);
    this.CONSUME(t.LCurly);
    this.OPTION(() => {
      this.SUBRULE(this.header);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.header);
      });
      this.OPTION2(() => this.CONSUME2(t.Comma));
    });
    this.CONSUME(t.RCurly);
  });

  private readonly header = this.RULE('header', () => {
    this.CONSUME(t.StringLiteral, L.name);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.expression, L.value);
  });

  private readonly answerAction = this.RULE('answerAction', () => {
    this.CONSUME(t.Answer);
    this.CONSUME(t.Identifier, L.leg);
  });

  private readonly rejectAction = this.RULE('rejectAction', () => {
    this.CONSUME(t.Reject);
    this.CONSUME(t.Identifier, L.leg);
    this.SUBRULE(this.expression, L.status);
  });

  private readonly hangupAction = this.RULE('hangupAction', () => {
    this.CONSUME(t.Hangup);
    this.CONSUME(t.Identifier, L.leg);
  });

  private readonly cancelAction = this.RULE('cancelAction', () => {
    this.CONSUME(t.Cancel);
    this.CONSUME(t.Identifier, L.leg);
  });

  private readonly holdAction = this.RULE('holdAction', () => {
    this.CONSUME(t.Hold);
    this.CONSUME(t.Identifier, L.leg);
    this.OPTION(() => {
      this.CONSUME(t.Music);
      this.SUBRULE(this.expression, L.music);
    });
  });

  private readonly unholdAction = this.RULE('unholdAction', () => {
    this.CONSUME(t.Unhold);
    this.CONSUME(t.Identifier, L.leg);
  });

  private readonly bridgeAction = this.RULE('bridgeAction', () => {
    this.CONSUME(t.Bridge);
    this.CONSUME(t.Identifier, L.leg);
    this.CONSUME2(t.Identifier, L.leg);
  });

  private readonly unbridgeAction = this.RULE('unbridgeAction', () => {
    this.CONSUME(t.Unbridge);
    this.CONSUME(t.Identifier, L.leg);
    this.OPTION(() => this.CONSUME2(t.Identifier, L.leg));
  });

  /** Two legs or more: the checker, not the grammar, enforces the three-party limit. */
  private readonly conferenceAction = this.RULE('conferenceAction', () => {
    this.CONSUME(t.Conference);
    this.CONSUME(t.Identifier, L.leg);
    this.AT_LEAST_ONE(() => this.CONSUME2(t.Identifier, L.leg));
  });

  /** `refer leg to EXPR [replacing]`: with `replacing` the target must be a bare leg name (checked in toAst). */
  private readonly referAction = this.RULE('referAction', () => {
    this.CONSUME(t.Refer);
    this.CONSUME(t.Identifier, L.leg);
    this.CONSUME(t.To);
    this.SUBRULE(this.expression, L.to);
    this.OPTION(() => this.CONSUME(t.Replacing));
  });

  private readonly takeoverAction = this.RULE('takeoverAction', () => {
    this.CONSUME(t.Takeover);
    this.CONSUME(t.Identifier, L.leg);
  });

  private readonly notifyAction = this.RULE('notifyAction', () => {
    this.CONSUME(t.Notify);
    this.CONSUME(t.Identifier, L.leg);
    this.CONSUME(t.Status);
    this.SUBRULE(this.expression, L.status);
  });

  private readonly playAction = this.RULE('playAction', () => {
    this.CONSUME(t.Play);
    this.CONSUME(t.Identifier, L.leg);
    this.SUBRULE(this.expression, L.prompt);
  });

  private readonly collectClauses: Alternatives = [
    {
      ALT: () => {
        this.CONSUME(t.Max, L.maxKeyword);
        this.SUBRULE(this.expression, L.max);
      },
    },
    {
      ALT: () => {
        this.CONSUME(t.Terminator, L.terminatorKeyword);
        this.SUBRULE2(this.expression, L.terminator);
      },
    },
    {
      ALT: () => {
        this.CONSUME(t.Timeout, L.timeoutKeyword);
        this.SUBRULE3(this.expression, L.timeout);
      },
    },
  ];

  /** `collect leg digits` then `max`, `terminator`, `timeout` clauses in any order. */
  private readonly collectAction = this.RULE('collectAction', () => {
    this.CONSUME(t.Collect);
    this.CONSUME(t.Identifier, L.leg);
    this.CONSUME(t.Digits);
    this.MANY(() => {
      this.OR(this.collectClauses);
    });
  });

  private readonly emitAction = this.RULE('emitAction', () => {
    this.CONSUME(t.Emit);
    this.CONSUME(t.Identifier, L.event);
    this.OPTION(() => this.SUBRULE(this.argumentList));
  });

  private readonly setAction = this.RULE('setAction', () => {
    this.CONSUME(t.Set);
    this.CONSUME(t.Identifier, L.variable);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression, L.value);
  });

  private readonly sendAction = this.RULE('sendAction', () => {
    this.CONSUME(t.Send);
    this.CONSUME(t.Identifier, L.event);
    this.OPTION(() => this.SUBRULE(this.argumentList));
    this.CONSUME(t.To);
    this.CONSUME2(t.Identifier, L.flow);
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression, L.key);
    this.CONSUME(t.RParen);
  });

  private readonly argumentList = this.RULE('argumentList', () => {
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.argument);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.argument);
      });
      this.OPTION2(() => this.CONSUME2(t.Comma));
    });
    this.CONSUME(t.RParen);
  });

  private readonly argument = this.RULE('argument', () => {
    this.CONSUME(t.Identifier, L.name);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.expression, L.value);
  });

  // ---------------------------------------------------------------- expressions

  /**
   * `operand (op operand)*`, flat: precedence is applied in toAst (see
   * precedence.ts). An operand is a `primary`, or a `prefixed` primary when it
   * has `!`/`-` in front; both sit under `operand`, in order.
   */
  private readonly firstOperand: Alternatives = [
    { ALT: () => this.SUBRULE(this.prefixed, L.operand) },
    { ALT: () => this.SUBRULE(this.primary, L.operand) },
  ];

  private readonly nextOperand: Alternatives = [
    { ALT: () => this.SUBRULE2(this.prefixed, L.operand) },
    { ALT: () => this.SUBRULE2(this.primary, L.operand) },
  ];

  private readonly expression = this.RULE('expression', () => {
    this.OR(this.firstOperand);
    this.MANY(() => {
      this.CONSUME(t.BinaryOperator, L.operator);
      this.OR2(this.nextOperand);
    });
  });

  private readonly prefixOperators: Alternatives = [
    { ALT: () => this.CONSUME(t.Bang, L.operator) },
    { ALT: () => this.CONSUME(t.Minus, L.operator) },
  ];

  private readonly prefixed = this.RULE('prefixed', () => {
    this.AT_LEAST_ONE(() => {
      this.OR(this.prefixOperators);
    });
    this.SUBRULE(this.primary);
  });

  // `in` is also a name: `in(` (two tokens of lookahead) is the state test, anything else a reference.
  private readonly primaries: Alternatives = [
    { ALT: () => this.CONSUME(t.StringLiteral, L.string) },
    { ALT: () => this.CONSUME(t.Integer, L.integer) },
    { ALT: () => this.CONSUME(t.Duration, L.duration) },
    { ALT: () => this.CONSUME(t.True, L.boolean) },
    { ALT: () => this.CONSUME(t.False, L.boolean) },
    {
      ALT: () => {
        this.CONSUME(t.LParen);
        this.SUBRULE(this.expression, L.inner);
        this.CONSUME(t.RParen);
      },
    },
    {
      ALT: () => {
        this.CONSUME(t.In, L.in);
        this.CONSUME2(t.LParen);
        this.CONSUME(t.Identifier, L.state);
        this.CONSUME2(t.RParen);
      },
    },
    {
      ALT: () => {
        this.CONSUME2(t.Identifier, L.name);
        this.OPTION(() => {
          this.CONSUME(t.Dot);
          this.CONSUME(t.Word, L.property);
        });
      },
    },
  ];

  private readonly primary = this.RULE('primary', () => {
    this.OR(this.primaries);
  });
}

let parser: FlowParser | undefined;

/** The one parser instance: self-analysis is expensive, so it is built on first use and reused (reset via `input`). */
export function flowParser(): FlowParser {
  parser ??= new FlowParser();
  return parser;
}

/** Parses tokens into a CST. Errors stay on the parser (`parser.errors`) until the next call. */
export function parseTokens(tokens: IToken[]): { cst: CstNode; parser: FlowParser } {
  const p = flowParser();
  p.input = tokens;
  const cst = p.flowFile();
  return { cst, parser: p };
}
