/**
 * The flow grammar as a chevrotain parser with error recovery: rules as class
 * properties, no meaning (no AST, no checks, no diagnostics wording beyond
 * what syntax-messages.ts builds from the parser's expectations).
 *
 * Newlines are not tokens. Blocks stay unambiguous because every state item
 * starts with a hard keyword (`entry`, `on`, `state`, ...) and every action
 * with its verb; `;` is accepted between items and is never required.
 *
 * The rules build frames (parse-frames.ts) in embedded actions instead of
 * chevrotain's CST: the CST's dictionaries of arrays per node were most of
 * the time and memory of parsing a big file (the generated 10,000-line flow:
 * ~150 ms of CST parse and ~105 ms of CST-to-AST at load 8, now ~80 + ~95).
 * Each rule opens its frame first, records the tokens it reads (`at`,
 * `real`: every token moves the frame's location as it moved the CST
 * node's) and returns the frame, which the caller stores. A rule left by an
 * exception hangs its partial frame in its caller's itself (`fail`, under
 * the slot the caller named before the `SUBRULE`), as chevrotain hangs a
 * partial CST node, so what recovery keeps is what it kept before; toAst
 * reads frames as it read CST nodes.
 */
import { EmbeddedActionsParser } from './chevrotain-runtime.js';
import type { IOrAlt, IToken, ParserMethod } from 'chevrotain';
import { attach, PRIMARY } from './parse-frames.js';
import type { Frame, Settle, Slot } from './parse-frames.js';
import { isRealToken } from './spans.js';
import * as t from './tokens.js';
import { syntaxMessages } from './syntax-messages.js';

/**
 * Every `OR` below takes an array of alternatives built once per parser
 * (chevrotain's "caching arrays of alternatives") instead of a fresh array
 * of fresh closures per call: a big file makes hundreds of thousands of calls.
 */
type Alternatives = IOrAlt<unknown>[];

/** Where actions write while chevrotain records the grammar (no frame is open then). */
const RECORDING: Frame = { rule: 'flowFile', slot: 'root', start: NaN, end: NaN, flows: [] };

export class FlowParser extends EmbeddedActionsParser {
  /** The open frames, innermost last: one per rule on chevrotain's rule stack. */
  private readonly frames: Frame[] = [];
  /** Where the next `SUBRULE`'s frame goes in the current one; set right before each call. */
  private slot: Slot = 'root';
  /** The frame of the last top-level parse. */
  private root: Frame | undefined;
  /** Where clean frames go when they close (see `Settle`). */
  private settleClean: Settle | undefined;

  /**
   * `validate` runs chevrotain's checks of the grammar (ambiguous
   * alternatives, left recursion, unreachable rules, ...) while building the
   * parser: a test does, so a grammar mistake fails CI. Production skips them
   * (the grammar is fixed; they cost ~40 ms of every cold start).
   */
  constructor(validate = false) {
    super([...t.ALL_TOKENS], {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider: syntaxMessages,
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  /** Parses a token vector into the frame of `flowFile`; errors stay on the parser (`errors`) until the next call. */
  parse(tokens: IToken[], settle?: Settle): Frame {
    this.settleClean = settle;
    this.frames.length = 0;
    this.starts.length = 0;
    this.ends.length = 0;
    this.dirty.length = 0;
    this.root = undefined;
    this.input = tokens;
    this.flowFile();
    const root: Frame = this.root ?? { rule: 'flowFile', slot: 'root', start: NaN, end: NaN, flows: [] };
    this.root = undefined;
    this.settleClean = undefined;
    return root;
  }

  // ---------------------------------------------------------------- frames
  // The location of each open frame lives in `starts`/`ends` (by depth) while it is read, and is
  // written to the frame when it closes: every token moves it, and frames of ~40 shapes behind
  // one property access would make that access megamorphic (slow); so would a generic "hang the
  // child in its parent", so callers store what SUBRULE returns themselves and `attach` only runs
  // for frames left by an exception.

  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** By depth: 1 once recovery touched the frame or anything below it (an invented token, a rule left by an exception). */
  private readonly dirty: number[] = [];

  private open(frame: Frame): Frame {
    if (!this.RECORDING_PHASE) {
      const depth = this.frames.length;
      this.frames.push(frame);
      this.starts[depth] = NaN;
      this.ends[depth] = NaN;
      this.dirty[depth] = 0;
    }
    return frame;
  }

  /**
   * A rule read to its end: as chevrotain's `cstPostRuleOnlyOffset`, its location ends at the last
   * token read. The caller stores the frame SUBRULE returns; its location moves the caller's.
   */
  private close(frame: Frame): Frame {
    if (this.RECORDING_PHASE) return frame;
    const depth = this.frames.length - 1;
    const previous = this.LA(0);
    const start = this.starts[depth] ?? NaN;
    if (start <= previous.startOffset) this.ends[depth] = previous.endOffset ?? NaN;
    else this.starts[depth] = NaN;
    const dirty = this.dirty[depth] === 1;
    this.leave(frame, depth);
    if (dirty) {
      if (depth > 0) this.dirty[depth - 1] = 1;
      return frame;
    }
    return this.settleClean === undefined ? frame : this.settleClean(frame);
  }

  /**
   * A rule's implementation: its frame (made when the rule runs, so `slot` is the caller's) opened
   * before the body, closed after it, and hung in its caller's when an exception leaves it.
   */
  private framed(frameOf: () => Frame, body: (f: Frame) => void): () => Frame {
    return () => {
      const f = this.open(frameOf());
      try {
        body(f);
      } catch (error) {
        throw this.fail(f, error);
      }
      return this.close(f);
    };
  }

  /**
   * A rule left by an exception: its partial frame is hung in its caller's as it is, as chevrotain
   * hangs a partial CST node (recovery then resumes above or in it; SUBRULE returns undefined).
   */
  private fail(frame: Frame, error: unknown): unknown {
    if (!this.RECORDING_PHASE) {
      const depth = this.frames.length - 1;
      if (depth > 0) this.dirty[depth - 1] = 1;
      this.leave(frame, depth);
      const parent = this.frames[depth - 1];
      if (parent === undefined) this.root = frame;
      else attach(parent, frame);
    }
    return error;
  }

  /** Writes the frame's location, pops it and moves the caller's location by it. */
  private leave(frame: Frame, depth: number): void {
    const start = this.starts[depth] ?? NaN;
    const end = this.ends[depth] ?? NaN;
    frame.start = start;
    frame.end = end;
    this.frames.pop();
    if (depth === 0) this.root = frame;
    else this.locate(depth - 1, start, end);
  }

  /** chevrotain's `setNodeLocationOnlyOffset`: the first located piece sets both ends, later ones only push the end. */
  private locate(depth: number, start: number, end: number): void {
    const current = this.starts[depth] ?? NaN;
    if (Number.isNaN(current)) {
      this.starts[depth] = start;
      this.ends[depth] = end;
    } else if ((this.ends[depth] ?? NaN) < end) {
      this.ends[depth] = end;
    }
  }

  /** The frame of the rule being read (a scratch frame while chevrotain records the grammar). */
  private current(): Frame {
    return this.frames[this.frames.length - 1] ?? RECORDING;
  }

  /** A token read by the current rule: it moves the rule's location (invented tokens have none). */
  private at(token: IToken): IToken {
    const depth = this.frames.length - 1;
    if (depth >= 0) {
      this.locate(depth, token.startOffset, token.endOffset ?? NaN);
      if (!isRealToken(token)) this.dirty[depth] = 1;
    }
    return token;
  }

  /** A token read and kept: the token if it is in the text, undefined if recovery invented it. */
  private real(token: IToken): IToken | undefined {
    this.at(token);
    return isRealToken(token) ? token : undefined;
  }

  /** A token read and kept in a list (only if it is in the text). */
  private push(list: IToken[] | undefined, token: IToken): void {
    this.at(token);
    if (list !== undefined && isRealToken(token)) list.push(token);
  }

  // ---------------------------------------------------------------- file and flow

  private readonly topLevelItems: Alternatives = [
    {
      ALT: () => {
        this.slot = 'flow';
        const flowFrame: Frame | undefined = this.SUBRULE(this.flowDecl);
        if (flowFrame !== undefined) this.current().flows?.push(flowFrame);
      },
    },
    { ALT: () => this.at(this.CONSUME(t.Semicolon)) },
  ];

  public readonly flowFile = this.RULE('flowFile', this.framed(() => ({ rule: 'flowFile', slot: this.slot, start: NaN, end: NaN, flows: [] }), (f) => {
    this.MANY(() => {
      this.OR(this.topLevelItems);
    });
  }));

  private readonly flowItems: Alternatives = [
    { ALT: () => this.declaration(this.legDecl) },
    { ALT: () => this.declaration(this.inputDecl) },
    { ALT: () => this.declaration(this.varDecl) },
    { ALT: () => this.declaration(this.eventDecl) },
    { ALT: () => this.declaration(this.emitDecl) },
    { ALT: () => this.declaration(this.keyDecl) },
    {
      ALT: () => {
        this.slot = 'state';
        const stateFrame: Frame | undefined = this.SUBRULE(this.stateDecl);
        if (stateFrame !== undefined) this.current().states?.push(stateFrame);
      },
    },
    { ALT: () => this.at(this.CONSUME(t.Semicolon)) },
  ];

  private declaration(rule: ParserMethod<[], Frame>): void {
    this.slot = 'declaration';
    const declarationFrame: Frame | undefined = this.SUBRULE(rule);
    if (declarationFrame !== undefined) this.current().declarations?.push(declarationFrame);
  }

  private readonly flowDecl = this.RULE('flowDecl', this.framed(() => ({ rule: 'flowDecl', slot: this.slot, start: NaN, end: NaN, name: undefined, declarations: [], states: [] }), (f) => {
    this.at(this.CONSUME(t.Flow));
    f.name = this.real(this.CONSUME(t.Identifier));
    this.at(this.CONSUME(t.LCurly));
    this.MANY(() => {
      this.OR(this.flowItems);
    });
    this.at(this.CONSUME(t.RCurly));
  }));

  // ---------------------------------------------------------------- declarations

  private readonly legDecl = this.RULE('legDecl', this.framed(() => ({ rule: 'legDecl', slot: this.slot, start: NaN, end: NaN, name: undefined, inbound: false, nailed: false }), (f) => {
    this.at(this.CONSUME(t.Leg));
    f.name = this.real(this.CONSUME(t.Identifier));
    this.OPTION(() => {
      if (this.real(this.CONSUME(t.Inbound)) !== undefined) f.inbound = true;
    });
    this.OPTION2(() => {
      if (this.real(this.CONSUME(t.Nailed)) !== undefined) f.nailed = true;
    });
  }));

  private readonly inputDecl = this.RULE('inputDecl', this.framed(() => ({ rule: 'inputDecl', slot: this.slot, start: NaN, end: NaN, name: undefined, typeRef: undefined, default: undefined }), (f) => {
    this.at(this.CONSUME(t.Input));
    f.name = this.real(this.CONSUME(t.Identifier));
    this.at(this.CONSUME(t.Colon));
    this.slot = 'typeRef';
    const typeRefFrame: Frame | undefined = this.SUBRULE(this.typeRef);
    if (f.typeRef === undefined) f.typeRef = typeRefFrame;
    this.OPTION(() => {
      this.at(this.CONSUME(t.Equals));
      this.slot = 'default';
      const defaultFrame: Frame | undefined = this.SUBRULE(this.expression);
      if (f.default === undefined) f.default = defaultFrame;
    });
  }));

  private readonly varDecl = this.RULE('varDecl', this.framed(() => ({ rule: 'varDecl', slot: this.slot, start: NaN, end: NaN, name: undefined, typeRef: undefined, initial: undefined }), (f) => {
    this.at(this.CONSUME(t.Var));
    f.name = this.real(this.CONSUME(t.Identifier));
    this.at(this.CONSUME(t.Colon));
    this.slot = 'typeRef';
    const typeRefFrame: Frame | undefined = this.SUBRULE(this.typeRef);
    if (f.typeRef === undefined) f.typeRef = typeRefFrame;
    this.at(this.CONSUME(t.Equals));
    this.slot = 'initial';
    const initialFrame: Frame | undefined = this.SUBRULE(this.expression);
    if (f.initial === undefined) f.initial = initialFrame;
  }));

  private readonly eventDecl = this.RULE('eventDecl', this.framed(() => ({ rule: 'eventDecl', slot: this.slot, start: NaN, end: NaN, name: undefined, fieldList: undefined }), (f) => {
    this.at(this.CONSUME(t.Event));
    f.name = this.real(this.CONSUME(t.Identifier));
    this.OPTION(() => {
      this.slot = 'fieldList';
      const fieldListFrame: Frame | undefined = this.SUBRULE(this.fieldList);
      if (f.fieldList === undefined) f.fieldList = fieldListFrame;
    });
  }));

  private readonly emitDecl = this.RULE('emitDecl', this.framed(() => ({ rule: 'emitDecl', slot: this.slot, start: NaN, end: NaN, name: undefined, fieldList: undefined }), (f) => {
    this.at(this.CONSUME(t.Emit));
    f.name = this.real(this.CONSUME(t.Identifier));
    this.OPTION(() => {
      this.slot = 'fieldList';
      const fieldListFrame: Frame | undefined = this.SUBRULE(this.fieldList);
      if (f.fieldList === undefined) f.fieldList = fieldListFrame;
    });
  }));

  private readonly keyDecl = this.RULE('keyDecl', this.framed(() => ({ rule: 'keyDecl', slot: this.slot, start: NaN, end: NaN, name: undefined }), (f) => {
    this.at(this.CONSUME(t.Key));
    f.name = this.real(this.CONSUME(t.Identifier));
  }));

  private readonly fieldList = this.RULE('fieldList', this.framed(() => ({ rule: 'fieldList', slot: this.slot, start: NaN, end: NaN, fields: [] }), (f) => {
    this.at(this.CONSUME(t.LParen));
    this.OPTION(() => {
      this.slot = 'field';
      const fieldFrame: Frame | undefined = this.SUBRULE(this.fieldDecl);
      if (fieldFrame !== undefined) f.fields?.push(fieldFrame);
      this.MANY(() => {
        this.at(this.CONSUME(t.Comma));
        this.slot = 'field';
        const fieldFrame: Frame | undefined = this.SUBRULE2(this.fieldDecl);
        if (fieldFrame !== undefined) f.fields?.push(fieldFrame);
      });
      this.OPTION2(() => this.at(this.CONSUME2(t.Comma)));
    });
    this.at(this.CONSUME(t.RParen));
  }));

  private readonly fieldDecl = this.RULE('fieldDecl', this.framed(() => ({ rule: 'fieldDecl', slot: this.slot, start: NaN, end: NaN, name: undefined, typeRef: undefined }), (f) => {
    f.name = this.real(this.CONSUME(t.Identifier));
    this.at(this.CONSUME(t.Colon));
    this.slot = 'typeRef';
    const typeRefFrame: Frame | undefined = this.SUBRULE(this.typeRef);
    if (f.typeRef === undefined) f.typeRef = typeRefFrame;
  }));

  private readonly typeNames: Alternatives = t.TYPE_TOKENS.map((token) => ({
    ALT: () => {
      this.current().type = this.real(this.CONSUME(token));
    },
  }));

  private readonly typeRef = this.RULE('typeRef', this.framed(() => ({ rule: 'typeRef', slot: this.slot, start: NaN, end: NaN, type: undefined }), (f) => {
    this.OR(this.typeNames);
  }));

  // ---------------------------------------------------------------- states

  private readonly modifierKinds: Alternatives = [
    { ALT: () => this.push(this.current().modifiers, this.CONSUME(t.Initial)) },
    { ALT: () => this.push(this.current().modifiers, this.CONSUME(t.Final)) },
    { ALT: () => this.push(this.current().modifiers, this.CONSUME(t.Parallel)) },
  ];

  private readonly stateItems: Alternatives = [
    { ALT: () => this.item(this.entryBlock) },
    { ALT: () => this.item(this.exitBlock) },
    { ALT: () => this.item(this.onTransition) },
    { ALT: () => this.item(this.afterTransition) },
    { ALT: () => this.item(this.stateDecl) },
    { ALT: () => this.at(this.CONSUME(t.Semicolon)) },
  ];

  private item(rule: ParserMethod<[], Frame>): void {
    this.slot = 'item';
    const itemFrame: Frame | undefined = this.SUBRULE(rule);
    if (itemFrame !== undefined) this.current().items?.push(itemFrame);
  }

  private readonly stateDecl = this.RULE('stateDecl', this.framed(() => ({ rule: 'stateDecl', slot: this.slot, start: NaN, end: NaN, modifiers: [], name: undefined, items: [] }), (f) => {
    this.MANY(() => {
      this.OR(this.modifierKinds);
    });
    this.at(this.CONSUME(t.State));
    f.name = this.real(this.CONSUME(t.Identifier));
    this.OPTION(() => {
      this.at(this.CONSUME(t.LCurly));
      this.MANY2(() => {
        this.OR2(this.stateItems);
      });
      this.at(this.CONSUME(t.RCurly));
    });
  }));

  private readonly entryBlock = this.RULE('entryBlock', this.framed(() => ({ rule: 'entryBlock', slot: this.slot, start: NaN, end: NaN, block: undefined }), (f) => {
    this.at(this.CONSUME(t.Entry));
    this.slot = 'block';
    const blockFrame: Frame | undefined = this.SUBRULE(this.block);
    if (f.block === undefined) f.block = blockFrame;
  }));

  private readonly exitBlock = this.RULE('exitBlock', this.framed(() => ({ rule: 'exitBlock', slot: this.slot, start: NaN, end: NaN, block: undefined }), (f) => {
    this.at(this.CONSUME(t.Exit));
    this.slot = 'block';
    const blockFrame: Frame | undefined = this.SUBRULE(this.block);
    if (f.block === undefined) f.block = blockFrame;
  }));

  private readonly onTransition = this.RULE('onTransition', this.framed(() => ({ rule: 'onTransition', slot: this.slot, start: NaN, end: NaN, trigger: undefined, tail: undefined }), (f) => {
    this.at(this.CONSUME(t.On));
    this.slot = 'trigger';
    const triggerFrame: Frame | undefined = this.SUBRULE(this.trigger);
    if (f.trigger === undefined) f.trigger = triggerFrame;
    this.slot = 'tail';
    const tailFrame: Frame | undefined = this.SUBRULE(this.transitionTail);
    if (f.tail === undefined) f.tail = tailFrame;
  }));

  private readonly afterTransition = this.RULE('afterTransition', this.framed(() => ({ rule: 'afterTransition', slot: this.slot, start: NaN, end: NaN, delay: undefined, tail: undefined }), (f) => {
    this.at(this.CONSUME(t.After));
    this.slot = 'delay';
    const delayFrame: Frame | undefined = this.SUBRULE(this.expression);
    if (f.delay === undefined) f.delay = delayFrame;
    this.slot = 'tail';
    const tailFrame: Frame | undefined = this.SUBRULE(this.transitionTail);
    if (f.tail === undefined) f.tail = tailFrame;
  }));

  /** `[when GUARD] [-> Target] [{ actions }]`, shared by `on` and `after`. */
  private readonly transitionTail = this.RULE('transitionTail', this.framed(() => ({ rule: 'transitionTail', slot: this.slot, start: NaN, end: NaN, guard: undefined, arrow: undefined, target: undefined, block: undefined }), (f) => {
    this.OPTION(() => {
      this.at(this.CONSUME(t.When));
      this.slot = 'guard';
      const guardFrame: Frame | undefined = this.SUBRULE(this.expression);
      if (f.guard === undefined) f.guard = guardFrame;
    });
    this.OPTION2(() => {
      f.arrow = this.real(this.CONSUME(t.Arrow));
      f.target = this.real(this.CONSUME(t.Identifier));
    });
    this.OPTION3(() => {
      this.slot = 'block';
      const blockFrame: Frame | undefined = this.SUBRULE(this.block);
      if (f.block === undefined) f.block = blockFrame;
    });
  }));

  // `done` is also a name: `done(` (two tokens of lookahead) is the done event, anything else a leg or application event.
  private readonly triggerKinds: Alternatives = [
    {
      ALT: () => {
        const f = this.current();
        if (this.real(this.CONSUME(t.Done)) !== undefined) f.done = true;
        if (this.real(this.CONSUME(t.LParen)) !== undefined) f.lparen = true;
        f.stateName = this.real(this.CONSUME(t.Identifier));
        this.at(this.CONSUME(t.RParen));
      },
    },
    {
      ALT: () => {
        const f = this.current();
        f.head = this.real(this.CONSUME2(t.Identifier));
        this.OPTION(() => {
          if (this.real(this.CONSUME(t.Dot)) !== undefined) f.dot = true;
          f.event = this.real(this.CONSUME(t.Word));
        });
      },
    },
  ];

  private readonly trigger = this.RULE('trigger', this.framed(() => ({ rule: 'trigger', slot: this.slot, start: NaN, end: NaN, done: false, lparen: false, stateName: undefined, head: undefined, dot: false, event: undefined }), (f) => {
    this.OR(this.triggerKinds);
  }));

  // ---------------------------------------------------------------- actions

  private readonly actionKinds: Alternatives = [
    { ALT: () => this.action(this.dialAction) },
    { ALT: () => this.action(this.answerAction) },
    { ALT: () => this.action(this.rejectAction) },
    { ALT: () => this.action(this.hangupAction) },
    { ALT: () => this.action(this.cancelAction) },
    { ALT: () => this.action(this.holdAction) },
    { ALT: () => this.action(this.unholdAction) },
    { ALT: () => this.action(this.bridgeAction) },
    { ALT: () => this.action(this.unbridgeAction) },
    { ALT: () => this.action(this.conferenceAction) },
    { ALT: () => this.action(this.referAction) },
    { ALT: () => this.action(this.takeoverAction) },
    { ALT: () => this.action(this.notifyAction) },
    { ALT: () => this.action(this.playAction) },
    { ALT: () => this.action(this.collectAction) },
    { ALT: () => this.action(this.emitAction) },
    { ALT: () => this.action(this.setAction) },
    { ALT: () => this.action(this.sendAction) },
    { ALT: () => this.at(this.CONSUME(t.Semicolon)) },
  ];

  private action(rule: ParserMethod<[], Frame>): void {
    this.slot = 'action';
    const actionFrame: Frame | undefined = this.SUBRULE(rule);
    if (actionFrame !== undefined) this.current().actions?.push(actionFrame);
  }

  private readonly block = this.RULE('block', this.framed(() => ({ rule: 'block', slot: this.slot, start: NaN, end: NaN, actions: [] }), (f) => {
    this.at(this.CONSUME(t.LCurly));
    this.MANY(() => {
      this.OR(this.actionKinds);
    });
    this.at(this.CONSUME(t.RCurly));
  }));

  private readonly dialClauses: Alternatives = [
    {
      ALT: () => {
        const f = this.current();
        this.push((f.fromKeywords ??= []), this.CONSUME(t.From));
        this.slot = 'from';
        const fromFrame: Frame | undefined = this.SUBRULE2(this.expression);
        if (f.from === undefined) f.from = fromFrame;
      },
    },
    {
      ALT: () => {
        this.slot = 'headerList';
        const headerListFrame: Frame | undefined = this.SUBRULE(this.headerList);
        if (headerListFrame !== undefined) this.current().headerLists?.push(headerListFrame);
      },
    },
    {
      ALT: () => {
        const f = this.current();
        this.push((f.timeoutKeywords ??= []), this.CONSUME(t.Timeout));
        this.slot = 'timeout';
        const timeoutFrame: Frame | undefined = this.SUBRULE3(this.expression);
        if (f.timeout === undefined) f.timeout = timeoutFrame;
      },
    },
  ];

  /** `dial leg to EXPR` then `from`, `headers`, `timeout` clauses in any order (duplicates are reported later). */
  private readonly dialAction = this.RULE('dialAction', this.framed(
    () => ({
      rule: 'dialAction',
      slot: this.slot,
      start: NaN,
      end: NaN,
      leg: undefined,
      to: undefined,
      fromKeywords: undefined,
      from: undefined,
      timeoutKeywords: undefined,
      timeout: undefined,
      headerLists: [],
    }),
    (f) => {
      this.at(this.CONSUME(t.Dial));
      f.leg = this.real(this.CONSUME(t.Identifier));
      this.at(this.CONSUME(t.To));
      this.slot = 'to';
      const toFrame: Frame | undefined = this.SUBRULE(this.expression);
      if (f.to === undefined) f.to = toFrame;
      this.MANY(() => {
        this.OR(this.dialClauses);
      });
    },
  ));

  private readonly headerList = this.RULE('headerList', this.framed(() => ({ rule: 'headerList', slot: this.slot, start: NaN, end: NaN, headersKeyword: undefined, headers: [] }), (f) => {
    f.headersKeyword = this.real(this.CONSUME(t.Headers));
    this.at(this.CONSUME(t.LCurly));
    this.OPTION(() => {
      this.slot = 'header';
      const headerFrame: Frame | undefined = this.SUBRULE(this.header);
      if (headerFrame !== undefined) f.headers?.push(headerFrame);
      this.MANY(() => {
        this.at(this.CONSUME(t.Comma));
        this.slot = 'header';
        const headerFrame: Frame | undefined = this.SUBRULE2(this.header);
        if (headerFrame !== undefined) f.headers?.push(headerFrame);
      });
      this.OPTION2(() => this.at(this.CONSUME2(t.Comma)));
    });
    this.at(this.CONSUME(t.RCurly));
  }));

  private readonly header = this.RULE('header', this.framed(() => ({ rule: 'header', slot: this.slot, start: NaN, end: NaN, name: undefined, value: undefined }), (f) => {
    f.name = this.real(this.CONSUME(t.StringLiteral));
    this.at(this.CONSUME(t.Colon));
    this.slot = 'value';
    const valueFrame: Frame | undefined = this.SUBRULE(this.expression);
    if (f.value === undefined) f.value = valueFrame;
  }));

  /** `verb leg`: answer, hangup, cancel, unhold and takeover. */
  private legOnly(rule: 'answerAction' | 'hangupAction' | 'cancelAction' | 'unholdAction' | 'takeoverAction', verb: typeof t.Answer): Frame {
    const f = this.open({ rule, slot: this.slot, start: NaN, end: NaN, leg: undefined });
    try {
      this.at(this.CONSUME(verb));
      f.leg = this.real(this.CONSUME(t.Identifier));
    } catch (error) {
      throw this.fail(f, error);
    }
    return this.close(f);
  }

  private readonly answerAction = this.RULE('answerAction', () => this.legOnly('answerAction', t.Answer));

  private readonly rejectAction = this.RULE('rejectAction', this.framed(() => ({ rule: 'rejectAction', slot: this.slot, start: NaN, end: NaN, leg: undefined, status: undefined }), (f) => {
    this.at(this.CONSUME(t.Reject));
    f.leg = this.real(this.CONSUME(t.Identifier));
    this.slot = 'status';
    const statusFrame: Frame | undefined = this.SUBRULE(this.expression);
    if (f.status === undefined) f.status = statusFrame;
  }));

  private readonly hangupAction = this.RULE('hangupAction', () => this.legOnly('hangupAction', t.Hangup));

  private readonly cancelAction = this.RULE('cancelAction', () => this.legOnly('cancelAction', t.Cancel));

  private readonly holdAction = this.RULE('holdAction', this.framed(() => ({ rule: 'holdAction', slot: this.slot, start: NaN, end: NaN, leg: undefined, music: undefined }), (f) => {
    this.at(this.CONSUME(t.Hold));
    f.leg = this.real(this.CONSUME(t.Identifier));
    this.OPTION(() => {
      this.at(this.CONSUME(t.Music));
      this.slot = 'music';
      const musicFrame: Frame | undefined = this.SUBRULE(this.expression);
      if (f.music === undefined) f.music = musicFrame;
    });
  }));

  private readonly unholdAction = this.RULE('unholdAction', () => this.legOnly('unholdAction', t.Unhold));

  private readonly bridgeAction = this.RULE('bridgeAction', this.framed(() => ({ rule: 'bridgeAction', slot: this.slot, start: NaN, end: NaN, legs: [] }), (f) => {
    this.at(this.CONSUME(t.Bridge));
    this.push(f.legs, this.CONSUME(t.Identifier));
    this.push(f.legs, this.CONSUME2(t.Identifier));
  }));

  private readonly unbridgeAction = this.RULE('unbridgeAction', this.framed(() => ({ rule: 'unbridgeAction', slot: this.slot, start: NaN, end: NaN, legs: [] }), (f) => {
    this.at(this.CONSUME(t.Unbridge));
    this.push(f.legs, this.CONSUME(t.Identifier));
    this.OPTION(() => this.push(f.legs, this.CONSUME2(t.Identifier)));
  }));

  /** Two legs or more: the checker, not the grammar, enforces the three-party limit. */
  private readonly conferenceAction = this.RULE('conferenceAction', this.framed(() => ({ rule: 'conferenceAction', slot: this.slot, start: NaN, end: NaN, legs: [] }), (f) => {
    this.at(this.CONSUME(t.Conference));
    this.push(f.legs, this.CONSUME(t.Identifier));
    this.AT_LEAST_ONE(() => this.push(f.legs, this.CONSUME2(t.Identifier)));
  }));

  /** `refer leg to EXPR [replacing]`: with `replacing` the target must be a bare leg name (checked in toAst). */
  private readonly referAction = this.RULE('referAction', this.framed(() => ({ rule: 'referAction', slot: this.slot, start: NaN, end: NaN, leg: undefined, to: undefined, replacing: false }), (f) => {
    this.at(this.CONSUME(t.Refer));
    f.leg = this.real(this.CONSUME(t.Identifier));
    this.at(this.CONSUME(t.To));
    this.slot = 'to';
    const toFrame: Frame | undefined = this.SUBRULE(this.expression);
    if (f.to === undefined) f.to = toFrame;
    this.OPTION(() => {
      if (this.real(this.CONSUME(t.Replacing)) !== undefined) f.replacing = true;
    });
  }));

  private readonly takeoverAction = this.RULE('takeoverAction', () => this.legOnly('takeoverAction', t.Takeover));

  private readonly notifyAction = this.RULE('notifyAction', this.framed(() => ({ rule: 'notifyAction', slot: this.slot, start: NaN, end: NaN, leg: undefined, status: undefined }), (f) => {
    this.at(this.CONSUME(t.Notify));
    f.leg = this.real(this.CONSUME(t.Identifier));
    this.at(this.CONSUME(t.Status));
    this.slot = 'status';
    const statusFrame: Frame | undefined = this.SUBRULE(this.expression);
    if (f.status === undefined) f.status = statusFrame;
  }));

  private readonly playAction = this.RULE('playAction', this.framed(() => ({ rule: 'playAction', slot: this.slot, start: NaN, end: NaN, leg: undefined, prompt: undefined }), (f) => {
    this.at(this.CONSUME(t.Play));
    f.leg = this.real(this.CONSUME(t.Identifier));
    this.slot = 'prompt';
    const promptFrame: Frame | undefined = this.SUBRULE(this.expression);
    if (f.prompt === undefined) f.prompt = promptFrame;
  }));

  private readonly collectClauses: Alternatives = [
    {
      ALT: () => {
        const f = this.current();
        this.push((f.maxKeywords ??= []), this.CONSUME(t.Max));
        this.slot = 'max';
        const maxFrame: Frame | undefined = this.SUBRULE(this.expression);
        if (f.max === undefined) f.max = maxFrame;
      },
    },
    {
      ALT: () => {
        const f = this.current();
        this.push((f.terminatorKeywords ??= []), this.CONSUME(t.Terminator));
        this.slot = 'terminator';
        const terminatorFrame: Frame | undefined = this.SUBRULE2(this.expression);
        if (f.terminator === undefined) f.terminator = terminatorFrame;
      },
    },
    {
      ALT: () => {
        const f = this.current();
        this.push((f.timeoutKeywords ??= []), this.CONSUME(t.Timeout));
        this.slot = 'timeout';
        const timeoutFrame: Frame | undefined = this.SUBRULE3(this.expression);
        if (f.timeout === undefined) f.timeout = timeoutFrame;
      },
    },
  ];

  /** `collect leg digits` then `max`, `terminator`, `timeout` clauses in any order. */
  private readonly collectAction = this.RULE('collectAction', this.framed(
    () => ({
      rule: 'collectAction',
      slot: this.slot,
      start: NaN,
      end: NaN,
      leg: undefined,
      maxKeywords: undefined,
      max: undefined,
      terminatorKeywords: undefined,
      terminator: undefined,
      timeoutKeywords: undefined,
      timeout: undefined,
    }),
    (f) => {
      this.at(this.CONSUME(t.Collect));
      f.leg = this.real(this.CONSUME(t.Identifier));
      this.at(this.CONSUME(t.Digits));
      this.MANY(() => {
        this.OR(this.collectClauses);
      });
    },
  ));

  private readonly emitAction = this.RULE('emitAction', this.framed(() => ({ rule: 'emitAction', slot: this.slot, start: NaN, end: NaN, event: undefined, argumentList: undefined }), (f) => {
    this.at(this.CONSUME(t.Emit));
    f.event = this.real(this.CONSUME(t.Identifier));
    this.OPTION(() => {
      this.slot = 'argumentList';
      const argumentListFrame: Frame | undefined = this.SUBRULE(this.argumentList);
      if (f.argumentList === undefined) f.argumentList = argumentListFrame;
    });
  }));

  private readonly setAction = this.RULE('setAction', this.framed(() => ({ rule: 'setAction', slot: this.slot, start: NaN, end: NaN, variable: undefined, value: undefined }), (f) => {
    this.at(this.CONSUME(t.Set));
    f.variable = this.real(this.CONSUME(t.Identifier));
    this.at(this.CONSUME(t.Equals));
    this.slot = 'value';
    const valueFrame: Frame | undefined = this.SUBRULE(this.expression);
    if (f.value === undefined) f.value = valueFrame;
  }));

  private readonly sendAction = this.RULE('sendAction', this.framed(
    () => ({
      rule: 'sendAction',
      slot: this.slot,
      start: NaN,
      end: NaN,
      event: undefined,
      argumentList: undefined,
      flowName: undefined,
      key: undefined,
    }),
    (f) => {
      this.at(this.CONSUME(t.Send));
      f.event = this.real(this.CONSUME(t.Identifier));
      this.OPTION(() => {
        this.slot = 'argumentList';
        const argumentListFrame: Frame | undefined = this.SUBRULE(this.argumentList);
        if (f.argumentList === undefined) f.argumentList = argumentListFrame;
      });
      this.at(this.CONSUME(t.To));
      f.flowName = this.real(this.CONSUME2(t.Identifier));
      this.at(this.CONSUME(t.LParen));
      this.slot = 'key';
      const keyFrame: Frame | undefined = this.SUBRULE(this.expression);
      if (f.key === undefined) f.key = keyFrame;
      this.at(this.CONSUME(t.RParen));
    },
  ));

  private readonly argumentList = this.RULE('argumentList', this.framed(() => ({ rule: 'argumentList', slot: this.slot, start: NaN, end: NaN, args: [] }), (f) => {
    this.at(this.CONSUME(t.LParen));
    this.OPTION(() => {
      this.slot = 'argument';
      const argumentFrame: Frame | undefined = this.SUBRULE(this.argument);
      if (argumentFrame !== undefined) f.args?.push(argumentFrame);
      this.MANY(() => {
        this.at(this.CONSUME(t.Comma));
        this.slot = 'argument';
        const argumentFrame: Frame | undefined = this.SUBRULE2(this.argument);
        if (argumentFrame !== undefined) f.args?.push(argumentFrame);
      });
      this.OPTION2(() => this.at(this.CONSUME2(t.Comma)));
    });
    this.at(this.CONSUME(t.RParen));
  }));

  private readonly argument = this.RULE('argument', this.framed(() => ({ rule: 'argument', slot: this.slot, start: NaN, end: NaN, name: undefined, value: undefined }), (f) => {
    f.name = this.real(this.CONSUME(t.Identifier));
    this.at(this.CONSUME(t.Colon));
    this.slot = 'value';
    const valueFrame: Frame | undefined = this.SUBRULE(this.expression);
    if (f.value === undefined) f.value = valueFrame;
  }));

  // ---------------------------------------------------------------- expressions

  /**
   * `operand (op operand)*`, flat: precedence is applied in toAst (see
   * precedence.ts). An operand is a `primary`, or a `prefixed` primary when it
   * has `!`/`-` in front; both go to `operands`, in order.
   */
  private readonly firstOperand: Alternatives = [
    {
      ALT: () => {
        this.slot = 'operand';
        const operandFrame: Frame | undefined = this.SUBRULE(this.prefixed);
        if (operandFrame !== undefined) this.current().operands?.push(operandFrame);
      },
    },
    {
      ALT: () => {
        this.slot = 'operand';
        const operandFrame: Frame | undefined = this.SUBRULE(this.primary);
        if (operandFrame !== undefined) this.current().operands?.push(operandFrame);
      },
    },
  ];

  private readonly nextOperand: Alternatives = [
    {
      ALT: () => {
        this.slot = 'operand';
        const operandFrame: Frame | undefined = this.SUBRULE2(this.prefixed);
        if (operandFrame !== undefined) this.current().operands?.push(operandFrame);
      },
    },
    {
      ALT: () => {
        this.slot = 'operand';
        const operandFrame: Frame | undefined = this.SUBRULE2(this.primary);
        if (operandFrame !== undefined) this.current().operands?.push(operandFrame);
      },
    },
  ];

  private readonly expression = this.RULE('expression', this.framed(() => ({ rule: 'expression', slot: this.slot, start: NaN, end: NaN, operands: [], operators: undefined, anyOperator: false }), (f) => {
    this.OR(this.firstOperand);
    this.MANY(() => {
      const operator = this.CONSUME(t.BinaryOperator);
      f.anyOperator = true;
      this.push((f.operators ??= []), operator);
      this.OR2(this.nextOperand);
    });
  }));

  private readonly prefixOperators: Alternatives = [
    { ALT: () => this.push(this.current().operators, this.CONSUME(t.Bang)) },
    { ALT: () => this.push(this.current().operators, this.CONSUME(t.Minus)) },
  ];

  private readonly prefixed = this.RULE('prefixed', this.framed(() => ({ rule: 'prefixed', slot: this.slot, start: NaN, end: NaN, operators: [], primary: undefined }), (f) => {
    this.AT_LEAST_ONE(() => {
      this.OR(this.prefixOperators);
    });
    this.slot = 'primary';
    const primaryFrame: Frame | undefined = this.SUBRULE(this.primary);
    if (f.primary === undefined) f.primary = primaryFrame;
  }));

  // `in` is also a name: `in(` (two tokens of lookahead) is the state test, anything else a reference.
  private readonly primaries: Alternatives = [
    { ALT: () => this.literal(PRIMARY.string, this.CONSUME(t.StringLiteral)) },
    { ALT: () => this.literal(PRIMARY.integer, this.CONSUME(t.Integer)) },
    { ALT: () => this.literal(PRIMARY.duration, this.CONSUME(t.Duration)) },
    { ALT: () => this.literal(PRIMARY.boolean, this.CONSUME(t.True)) },
    { ALT: () => this.literal(PRIMARY.boolean, this.CONSUME(t.False)) },
    {
      ALT: () => {
        const f = this.current();
        f.alt = PRIMARY.paren;
        this.at(this.CONSUME(t.LParen));
        this.slot = 'inner';
        const innerFrame: Frame | undefined = this.SUBRULE(this.expression);
        if (f.inner === undefined) f.inner = innerFrame;
        this.at(this.CONSUME(t.RParen));
      },
    },
    {
      ALT: () => {
        const f = this.current();
        this.literal(PRIMARY.in, this.CONSUME(t.In));
        if (this.real(this.CONSUME2(t.LParen)) !== undefined) f.lparen = true;
        f.stateName = this.real(this.CONSUME(t.Identifier));
        this.at(this.CONSUME2(t.RParen));
      },
    },
    {
      ALT: () => {
        const f = this.current();
        this.literal(PRIMARY.name, this.CONSUME2(t.Identifier));
        this.OPTION(() => {
          if (this.real(this.CONSUME(t.Dot)) !== undefined) f.dot = true;
          f.property = this.real(this.CONSUME(t.Word));
        });
      },
    },
  ];

  /** The token that says which alternative a primary is (its name, literal or `in`). */
  private literal(alt: number, token: IToken): void {
    const f = this.current();
    f.alt = alt;
    f.token = this.real(token);
  }

  private readonly primary = this.RULE('primary', this.framed(
    () => ({
      rule: 'primary',
      slot: this.slot,
      start: NaN,
      end: NaN,
      alt: PRIMARY.none,
      token: undefined,
      dot: false,
      property: undefined,
      inner: undefined,
      lparen: false,
      stateName: undefined,
    }),
    (f) => {
      this.OR(this.primaries);
    },
  ));
}

let parser: FlowParser | undefined;

/** The one parser instance: self-analysis is expensive, so it is built on first use and reused (reset via `input`). */
export function flowParser(): FlowParser {
  parser ??= new FlowParser();
  return parser;
}

/** Parses tokens into frames (see parse-frames.ts; `settle` builds clean ones early). Errors stay on the parser (`parser.errors`) until the next call. */
export function parseTokens(tokens: IToken[], settle?: Settle): { root: Frame; parser: FlowParser } {
  const p = flowParser();
  const root = p.parse(tokens, settle);
  return { root, parser: p };
}
