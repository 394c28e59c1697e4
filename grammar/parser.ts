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
import type { CstNode, IToken } from 'chevrotain';
import * as t from './tokens.js';
import { syntaxMessages } from './syntax-messages.js';

export class FlowParser extends CstParser {
  constructor() {
    super([...t.ALL_TOKENS], {
      recoveryEnabled: true,
      nodeLocationTracking: 'onlyOffset',
      maxLookahead: 3,
      errorMessageProvider: syntaxMessages,
    });
    this.performSelfAnalysis();
  }

  // ---------------------------------------------------------------- file and flow

  public readonly flowFile = this.RULE('flowFile', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.flowDecl) }, { ALT: () => this.CONSUME(t.Semicolon) }]);
    });
  });

  private readonly flowDecl = this.RULE('flowDecl', () => {
    this.CONSUME(t.Flow);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.legDecl, { LABEL: 'declaration' }) },
        { ALT: () => this.SUBRULE(this.inputDecl, { LABEL: 'declaration' }) },
        { ALT: () => this.SUBRULE(this.varDecl, { LABEL: 'declaration' }) },
        { ALT: () => this.SUBRULE(this.eventDecl, { LABEL: 'declaration' }) },
        { ALT: () => this.SUBRULE(this.emitDecl, { LABEL: 'declaration' }) },
        { ALT: () => this.SUBRULE(this.keyDecl, { LABEL: 'declaration' }) },
        { ALT: () => this.SUBRULE(this.stateDecl, { LABEL: 'state' }) },
        { ALT: () => this.CONSUME(t.Semicolon) },
      ]);
    });
    this.CONSUME(t.RCurly);
  });

  // ---------------------------------------------------------------- declarations

  private readonly legDecl = this.RULE('legDecl', () => {
    this.CONSUME(t.Leg);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(t.Inbound));
    this.OPTION2(() => this.CONSUME(t.Nailed));
  });

  private readonly inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(t.Input);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => {
      this.CONSUME(t.Equals);
      this.SUBRULE(this.expression, { LABEL: 'default' });
    });
  });

  private readonly varDecl = this.RULE('varDecl', () => {
    this.CONSUME(t.Var);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.typeRef);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression, { LABEL: 'initial' });
  });

  private readonly eventDecl = this.RULE('eventDecl', () => {
    this.CONSUME(t.Event);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.fieldList));
  });

  private readonly emitDecl = this.RULE('emitDecl', () => {
    this.CONSUME(t.Emit);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.fieldList));
  });

  private readonly keyDecl = this.RULE('keyDecl', () => {
    this.CONSUME(t.Key);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
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
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.typeRef);
  });

  private readonly typeRef = this.RULE('typeRef', () => {
    this.OR(t.TYPE_TOKENS.map((token) => ({ ALT: () => this.CONSUME(token, { LABEL: 'type' }) })));
  });

  // ---------------------------------------------------------------- states

  private readonly stateDecl = this.RULE('stateDecl', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.Initial, { LABEL: 'modifier' }) },
        { ALT: () => this.CONSUME(t.Final, { LABEL: 'modifier' }) },
        { ALT: () => this.CONSUME(t.Parallel, { LABEL: 'modifier' }) },
      ]);
    });
    this.CONSUME(t.State);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(t.LCurly);
      this.MANY2(() => {
        this.OR2([
          { ALT: () => this.SUBRULE(this.entryBlock, { LABEL: 'item' }) },
          { ALT: () => this.SUBRULE(this.exitBlock, { LABEL: 'item' }) },
          { ALT: () => this.SUBRULE(this.onTransition, { LABEL: 'item' }) },
          { ALT: () => this.SUBRULE(this.afterTransition, { LABEL: 'item' }) },
          { ALT: () => this.SUBRULE(this.stateDecl, { LABEL: 'item' }) },
          { ALT: () => this.CONSUME(t.Semicolon) },
        ]);
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
    this.SUBRULE(this.expression, { LABEL: 'delay' });
    this.SUBRULE(this.transitionTail);
  });

  /** `[when GUARD] [-> Target] [{ actions }]`, shared by `on` and `after`. */
  private readonly transitionTail = this.RULE('transitionTail', () => {
    this.OPTION(() => {
      this.CONSUME(t.When);
      this.SUBRULE(this.expression, { LABEL: 'guard' });
    });
    this.OPTION2(() => {
      this.CONSUME(t.Arrow);
      this.CONSUME(t.Identifier, { LABEL: 'target' });
    });
    this.OPTION3(() => this.SUBRULE(this.block));
  });

  private readonly trigger = this.RULE('trigger', () => {
    // `done` is also a name: `done(` (two tokens of lookahead) is the done event, anything else a leg or application event.
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(t.Done);
            this.CONSUME(t.LParen);
            this.CONSUME(t.Identifier, { LABEL: 'state' });
            this.CONSUME(t.RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME2(t.Identifier, { LABEL: 'head' });
            this.OPTION(() => {
              this.CONSUME(t.Dot);
              this.CONSUME(t.Word, { LABEL: 'event' });
            });
          },
        },
      ],
    });
  });

  // ---------------------------------------------------------------- actions

  private readonly block = this.RULE('block', () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.dialAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.answerAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.rejectAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.hangupAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.cancelAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.holdAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.unholdAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.bridgeAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.unbridgeAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.conferenceAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.referAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.takeoverAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.notifyAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.playAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.collectAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.emitAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.setAction, { LABEL: 'action' }) },
        { ALT: () => this.SUBRULE(this.sendAction, { LABEL: 'action' }) },
        { ALT: () => this.CONSUME(t.Semicolon) },
      ]);
    });
    this.CONSUME(t.RCurly);
  });

  /** `dial leg to EXPR` then `from`, `headers`, `timeout` clauses in any order (duplicates are reported later). */
  private readonly dialAction = this.RULE('dialAction', () => {
    this.CONSUME(t.Dial);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.CONSUME(t.To);
    this.SUBRULE(this.expression, { LABEL: 'to' });
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.From, { LABEL: 'fromKeyword' });
            this.SUBRULE2(this.expression, { LABEL: 'from' });
          },
        },
        { ALT: () => this.SUBRULE(this.headerList) },
        {
          ALT: () => {
            this.CONSUME(t.Timeout, { LABEL: 'timeoutKeyword' });
            this.SUBRULE3(this.expression, { LABEL: 'timeout' });
          },
        },
      ]);
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
    this.CONSUME(t.StringLiteral, { LABEL: 'name' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  private readonly answerAction = this.RULE('answerAction', () => {
    this.CONSUME(t.Answer);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
  });

  private readonly rejectAction = this.RULE('rejectAction', () => {
    this.CONSUME(t.Reject);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.SUBRULE(this.expression, { LABEL: 'status' });
  });

  private readonly hangupAction = this.RULE('hangupAction', () => {
    this.CONSUME(t.Hangup);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
  });

  private readonly cancelAction = this.RULE('cancelAction', () => {
    this.CONSUME(t.Cancel);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
  });

  private readonly holdAction = this.RULE('holdAction', () => {
    this.CONSUME(t.Hold);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.OPTION(() => {
      this.CONSUME(t.Music);
      this.SUBRULE(this.expression, { LABEL: 'music' });
    });
  });

  private readonly unholdAction = this.RULE('unholdAction', () => {
    this.CONSUME(t.Unhold);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
  });

  private readonly bridgeAction = this.RULE('bridgeAction', () => {
    this.CONSUME(t.Bridge);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.CONSUME2(t.Identifier, { LABEL: 'leg' });
  });

  private readonly unbridgeAction = this.RULE('unbridgeAction', () => {
    this.CONSUME(t.Unbridge);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.OPTION(() => this.CONSUME2(t.Identifier, { LABEL: 'leg' }));
  });

  /** Two legs or more: the checker, not the grammar, enforces the three-party limit. */
  private readonly conferenceAction = this.RULE('conferenceAction', () => {
    this.CONSUME(t.Conference);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.AT_LEAST_ONE(() => this.CONSUME2(t.Identifier, { LABEL: 'leg' }));
  });

  /** `refer leg to EXPR [replacing]`: with `replacing` the target must be a bare leg name (checked in toAst). */
  private readonly referAction = this.RULE('referAction', () => {
    this.CONSUME(t.Refer);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.CONSUME(t.To);
    this.SUBRULE(this.expression, { LABEL: 'to' });
    this.OPTION(() => this.CONSUME(t.Replacing));
  });

  private readonly takeoverAction = this.RULE('takeoverAction', () => {
    this.CONSUME(t.Takeover);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
  });

  private readonly notifyAction = this.RULE('notifyAction', () => {
    this.CONSUME(t.Notify);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.CONSUME(t.Status);
    this.SUBRULE(this.expression, { LABEL: 'status' });
  });

  private readonly playAction = this.RULE('playAction', () => {
    this.CONSUME(t.Play);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.SUBRULE(this.expression, { LABEL: 'prompt' });
  });

  /** `collect leg digits` then `max`, `terminator`, `timeout` clauses in any order. */
  private readonly collectAction = this.RULE('collectAction', () => {
    this.CONSUME(t.Collect);
    this.CONSUME(t.Identifier, { LABEL: 'leg' });
    this.CONSUME(t.Digits);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.Max, { LABEL: 'maxKeyword' });
            this.SUBRULE(this.expression, { LABEL: 'max' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.Terminator, { LABEL: 'terminatorKeyword' });
            this.SUBRULE2(this.expression, { LABEL: 'terminator' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.Timeout, { LABEL: 'timeoutKeyword' });
            this.SUBRULE3(this.expression, { LABEL: 'timeout' });
          },
        },
      ]);
    });
  });

  private readonly emitAction = this.RULE('emitAction', () => {
    this.CONSUME(t.Emit);
    this.CONSUME(t.Identifier, { LABEL: 'event' });
    this.OPTION(() => this.SUBRULE(this.argumentList));
  });

  private readonly setAction = this.RULE('setAction', () => {
    this.CONSUME(t.Set);
    this.CONSUME(t.Identifier, { LABEL: 'variable' });
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  private readonly sendAction = this.RULE('sendAction', () => {
    this.CONSUME(t.Send);
    this.CONSUME(t.Identifier, { LABEL: 'event' });
    this.OPTION(() => this.SUBRULE(this.argumentList));
    this.CONSUME(t.To);
    this.CONSUME2(t.Identifier, { LABEL: 'flow' });
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression, { LABEL: 'key' });
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
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  // ---------------------------------------------------------------- expressions

  /**
   * `operand (op operand)*`, flat: precedence is applied in toAst (see
   * precedence.ts). An operand is a `primary`, or a `prefixed` primary when it
   * has `!`/`-` in front; both sit under `operand`, in order.
   */
  private readonly expression = this.RULE('expression', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.prefixed, { LABEL: 'operand' }) },
      { ALT: () => this.SUBRULE(this.primary, { LABEL: 'operand' }) },
    ]);
    this.MANY(() => {
      this.CONSUME(t.BinaryOperator, { LABEL: 'operator' });
      this.OR2([
        { ALT: () => this.SUBRULE2(this.prefixed, { LABEL: 'operand' }) },
        { ALT: () => this.SUBRULE2(this.primary, { LABEL: 'operand' }) },
      ]);
    });
  });

  private readonly prefixed = this.RULE('prefixed', () => {
    this.AT_LEAST_ONE(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.Bang, { LABEL: 'operator' }) },
        { ALT: () => this.CONSUME(t.Minus, { LABEL: 'operator' }) },
      ]);
    });
    this.SUBRULE(this.primary);
  });

  private readonly primary = this.RULE('primary', () => {
    // `in` is also a name: `in(` (two tokens of lookahead) is the state test, anything else a reference.
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(t.StringLiteral, { LABEL: 'string' }) },
        { ALT: () => this.CONSUME(t.Integer, { LABEL: 'integer' }) },
        { ALT: () => this.CONSUME(t.Duration, { LABEL: 'duration' }) },
        { ALT: () => this.CONSUME(t.True, { LABEL: 'boolean' }) },
        { ALT: () => this.CONSUME(t.False, { LABEL: 'boolean' }) },
        {
          ALT: () => {
            this.CONSUME(t.LParen);
            this.SUBRULE(this.expression, { LABEL: 'inner' });
            this.CONSUME(t.RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.In, { LABEL: 'in' });
            this.CONSUME2(t.LParen);
            this.CONSUME(t.Identifier, { LABEL: 'state' });
            this.CONSUME2(t.RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME2(t.Identifier, { LABEL: 'name' });
            this.OPTION(() => {
              this.CONSUME(t.Dot);
              this.CONSUME(t.Word, { LABEL: 'property' });
            });
          },
        },
      ],
    });
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
