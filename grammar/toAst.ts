/**
 * Parse frames -> AST: the only place where what the parser read gets a
 * shape (parse-frames.ts says what a frame holds: what chevrotain's CST held).
 *
 * After syntax errors the frames have holes (recovery skipped or invented
 * tokens). The AST keeps its shape anyway so tools still see the rest of the
 * file: a missing name becomes a `Name` with empty text and an empty span
 * where it should have been, a missing expression a `NameRef` to such a name,
 * a missing type `string`. Consumers must not give meaning to a file that has
 * syntax errors; these placeholders only keep the tree walkable.
 */
import { tokenMatcher } from './chevrotain-runtime.js';
import type { IToken, TokenType } from 'chevrotain';
import type * as ast from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import type { Source, Span } from './source.js';
import { decodeDuration, decodeInteger, decodeString } from './literals.js';
import { applyPrecedence } from './precedence.js';
import type { OperatorStep } from './precedence.js';
import type { LineIndex } from './line-index.js';
import { PRIMARY } from './parse-frames.js';
import type { Frame, Settle } from './parse-frames.js';
import { emptySpan, isRealToken, spanFrom, START } from './spans.js';
import type { SyntaxCode } from './syntax-codes.js';
import * as t from './tokens.js';

/**
 * AST nodes are built as literals of their required fields, optional ones
 * set after when written: an object spread per optional part costs several
 * times the whole literal.
 */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// ---------------------------------------------------------------- token tables

const BINARY_OPERATORS: ReadonlyMap<TokenType, ast.BinaryOperator> = new Map<TokenType, ast.BinaryOperator>([
  [t.OrOp, '||'],
  [t.AndOp, '&&'],
  [t.EqEq, '=='],
  [t.NotEq, '!='],
  [t.Less, '<'],
  [t.LessEq, '<='],
  [t.Greater, '>'],
  [t.GreaterEq, '>='],
  [t.Plus, '+'],
  [t.Minus, '-'],
  [t.Star, '*'],
  [t.Slash, '/'],
  [t.Percent, '%'],
]);

const TYPE_NAMES: ReadonlyMap<TokenType, ast.TypeName> = new Map<TokenType, ast.TypeName>([
  [t.StringType, 'string'],
  [t.IntType, 'int'],
  [t.BoolType, 'bool'],
  [t.DurationType, 'duration'],
  [t.UriType, 'uri'],
  [t.Status, 'status'],
]);

const MODIFIERS: ReadonlyMap<TokenType, ast.StateModifier> = new Map<TokenType, ast.StateModifier>([
  [t.Initial, 'initial'],
  [t.Final, 'final'],
  [t.Parallel, 'parallel'],
]);

// ---------------------------------------------------------------- the builder

const NO_FRAMES: readonly Frame[] = [];
const NO_TOKENS: readonly IToken[] = [];

/** What frames built early get for `around`: never read (only holes look there), and visibly wrong if it were. */
const NOWHERE_AT = { offset: -1, line: 0, column: 0 };
const NOWHERE: Span = { start: NOWHERE_AT, end: NOWHERE_AT };

/**
 * Builds the AST of a parsed file, with the few syntax diagnostics that only the tree shows
 * (duplicate clauses, chained comparisons, `replacing` after an expression): clean frames as the
 * parser closes them (`settle`), the rest from the root frame after the parse (`file`).
 */
export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly source: Source,
    private readonly lines: LineIndex,
  ) {}

  /** The parser's `Settle` (parse-frames.ts): a clean frame's AST, built as the frame closes, in a small frame. */
  readonly settle: Settle = (frame) => {
    const { rule, slot, start, end } = frame;
    switch (rule) {
      case 'legDecl':
      case 'inputDecl':
      case 'varDecl':
      case 'eventDecl':
      case 'emitDecl':
      case 'keyDecl':
        return { rule, slot, start, end, declarationNode: this.declaration(frame, NOWHERE) };
      case 'stateDecl':
        return { rule, slot, start, end, stateNode: this.state(frame, NOWHERE) };
      case 'onTransition':
        return { rule, slot, start, end, transitionNode: this.onTransition(frame, NOWHERE) };
      case 'afterTransition':
        return { rule, slot, start, end, transitionNode: this.afterTransition(frame, NOWHERE) };
      case 'block':
        return { rule, slot, start, end, blockNode: this.block(frame, NOWHERE) };
      case 'dialAction':
      case 'answerAction':
      case 'rejectAction':
      case 'hangupAction':
      case 'cancelAction':
      case 'holdAction':
      case 'unholdAction':
      case 'bridgeAction':
      case 'unbridgeAction':
      case 'conferenceAction':
      case 'referAction':
      case 'takeoverAction':
      case 'notifyAction':
      case 'playAction':
      case 'collectAction':
      case 'emitAction':
      case 'setAction':
      case 'sendAction':
        return { rule, slot, start, end, actionNode: this.action(frame, NOWHERE) };
      default:
        return frame;
    }
  };

  /** The file's AST from the root frame (frames built early are taken as built). */
  file(root: Frame): ast.FlowFile {
    const flows = root.flows ?? NO_FRAMES;
    const built: ast.FlowDecl[] = [];
    for (let i = 0; i < flows.length; i++) built.push(this.flow(flows[i] as Frame));
    return {
      kind: 'FlowFile',
      path: this.source.path,
      flows: built,
      span: { start: START, end: this.lines.end().end },
    };
  }

  // -------------------------------------------------------------- spans and names

  /** A frame's span (chevrotain's node location, end inclusive), or undefined where recovery left it without real tokens. */
  private located(frame: Frame): Span | undefined {
    const start = frame.start;
    const end = frame.end;
    if (!Number.isFinite(start) || !Number.isFinite(end)) return undefined;
    return this.lines.span(start, end + 1);
  }

  private span(frame: Frame, fallback: Span): Span {
    return this.located(frame) ?? fallback;
  }

  /** A frame's span or, where recovery left it without real tokens, the empty span at the start of `around`. */
  private spanOrHole(frame: Frame, around: Span): Span {
    return this.located(frame) ?? this.hole(around);
  }

  /** Where a missing piece would have been: the start of its construct, empty. */
  private hole(span: Span): Span {
    return emptySpan(span.start);
  }

  private name(token: IToken | undefined, around: Span): ast.Name {
    if (token === undefined) return { kind: 'Name', text: '', span: this.hole(around) };
    return { kind: 'Name', text: token.image, span: this.lines.tokenSpan(token) };
  }

  private report(code: SyntaxCode, message: string, span: Span, related?: { span: Span; label: string }): void {
    this.diagnostics.push({
      code,
      severity: 'error',
      message,
      path: this.source.path,
      span,
      related: related === undefined ? [] : [{ path: this.source.path, ...related }],
    });
  }

  /** A repeated clause, pointing back at the first one. */
  private duplicate(clause: string, span: Span, first: Span): void {
    this.report('FLOW1009', `duplicate \`${clause}\` clause`, span, { span: first, label: `first \`${clause}\` here` });
  }

  /** The first occurrence of an optional clause; later ones are reported as duplicates at their keyword. */
  private single(keywords: readonly IToken[] | undefined, value: Frame | undefined, clause: string, around: Span): ast.Expr | undefined {
    if (keywords !== undefined) {
      const first = keywords[0];
      for (let i = 1; i < keywords.length; i++) {
        const keyword = keywords[i];
        if (first !== undefined && keyword !== undefined) this.duplicate(clause, this.lines.tokenSpan(keyword), this.lines.tokenSpan(first));
      }
    }
    return value === undefined ? undefined : this.expression(value, around);
  }

  // -------------------------------------------------------------- flows and declarations

  private flow(frame: Frame): ast.FlowDecl {
    const span = this.span(frame, emptySpan(START));
    const name = this.name(frame.name, span);
    const declarationFrames = frame.declarations ?? NO_FRAMES;
    const declarations: ast.Declaration[] = [];
    for (let i = 0; i < declarationFrames.length; i++) declarations.push(this.declaration(declarationFrames[i] as Frame, span));
    const stateFrames = frame.states ?? NO_FRAMES;
    const states: ast.StateDecl[] = [];
    for (let i = 0; i < stateFrames.length; i++) states.push(this.state(stateFrames[i] as Frame, span));
    return { kind: 'Flow', name, declarations, states, span };
  }

  private declaration(frame: Frame, around: Span): ast.Declaration {
    if (frame.declarationNode !== undefined) return frame.declarationNode;
    const span = this.spanOrHole(frame, around);
    const name = this.name(frame.name, span);
    switch (frame.rule) {
      case 'legDecl':
        return { kind: 'Leg', name, inbound: frame.inbound === true, nailed: frame.nailed === true, span };
      case 'inputDecl': {
        const defaultFrame = frame.default;
        const type = this.typeRef(frame.typeRef, span);
        return defaultFrame === undefined
          ? { kind: 'Input', name, type, span }
          : { kind: 'Input', name, type, default: this.expression(defaultFrame, span), span };
      }
      case 'varDecl':
        return { kind: 'Var', name, type: this.typeRef(frame.typeRef, span), initial: this.expressionOrHole(frame.initial, span), span };
      case 'eventDecl':
        return { kind: 'Event', name, fields: this.fields(frame.fieldList, span), span };
      case 'emitDecl':
        return { kind: 'EmitDecl', name, fields: this.fields(frame.fieldList, span), span };
      default:
        return { kind: 'Key', input: name, span };
    }
  }

  private fields(list: Frame | undefined, around: Span): ast.FieldDecl[] {
    if (list === undefined) return [];
    return (list.fields ?? NO_FRAMES).map((frame) => {
      const span = this.spanOrHole(frame, around);
      return { kind: 'Field', name: this.name(frame.name, span), type: this.typeRef(frame.typeRef, span), span };
    });
  }

  private typeRef(frame: Frame | undefined, around: Span): ast.TypeRef {
    const token = frame === undefined ? undefined : frame.type;
    if (token === undefined) return { kind: 'TypeRef', name: 'string', span: this.hole(around) };
    return { kind: 'TypeRef', name: TYPE_NAMES.get(token.tokenType) ?? 'string', span: this.lines.tokenSpan(token) };
  }

  // -------------------------------------------------------------- states and transitions

  private state(frame: Frame, around: Span): ast.StateDecl {
    if (frame.stateNode !== undefined) return frame.stateNode;
    const span = this.spanOrHole(frame, around);
    const entry: ast.Block[] = [];
    const exit: ast.Block[] = [];
    const transitions: ast.Transition[] = [];
    const states: ast.StateDecl[] = [];
    const items = frame.items ?? NO_FRAMES;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Frame;
      switch (item.rule) {
        case 'entryBlock':
          entry.push(this.block(item.block, this.span(item, span)));
          break;
        case 'exitBlock':
          exit.push(this.block(item.block, this.span(item, span)));
          break;
        case 'onTransition':
          transitions.push(item.transitionNode ?? this.onTransition(item, span));
          break;
        case 'afterTransition':
          transitions.push(item.transitionNode ?? this.afterTransition(item, span));
          break;
        default:
          states.push(this.state(item, span));
      }
    }
    const modifiers = (frame.modifiers ?? NO_TOKENS).map((token) => ({
      modifier: MODIFIERS.get(token.tokenType) ?? 'initial',
      span: this.lines.tokenSpan(token),
    }));
    return { kind: 'State', name: this.name(frame.name, span), modifiers, entry, exit, transitions, states, span };
  }

  private onTransition(frame: Frame, around: Span): ast.OnTransition {
    const span = this.spanOrHole(frame, around);
    const transition: Mutable<ast.OnTransition> = { kind: 'On', trigger: this.trigger(frame.trigger, span), span };
    this.tail(transition, frame.tail, span);
    return transition;
  }

  private afterTransition(frame: Frame, around: Span): ast.AfterTransition {
    const span = this.spanOrHole(frame, around);
    const transition: Mutable<ast.AfterTransition> = { kind: 'After', delay: this.expressionOrHole(frame.delay, span), span };
    this.tail(transition, frame.tail, span);
    return transition;
  }

  /** `[when GUARD] [-> Target] [{ actions }]`, each part set on the transition only when written. */
  private tail(transition: Mutable<ast.Transition>, frame: Frame | undefined, around: Span): void {
    if (frame === undefined) return;
    const target = frame.target;
    const arrow = frame.arrow;
    if (frame.guard !== undefined) transition.guard = this.expression(frame.guard, around);
    if (target !== undefined || arrow !== undefined) transition.target = this.name(target, arrow === undefined ? around : this.lines.tokenSpan(arrow));
    if (frame.block !== undefined) transition.actions = this.block(frame.block, around);
  }

  private trigger(frame: Frame | undefined, around: Span): ast.Trigger {
    if (frame === undefined) return { kind: 'EventTrigger', event: this.name(undefined, around), span: this.hole(around) };
    const span = this.spanOrHole(frame, around);
    if (frame.done === true && frame.lparen === true) {
      return { kind: 'DoneTrigger', state: this.name(frame.stateName, span), span };
    }
    const head = this.name(frame.head, span);
    if (frame.dot === true) {
      return { kind: 'LegTrigger', leg: head, event: this.name(frame.event, span), span };
    }
    return { kind: 'EventTrigger', event: head, span };
  }

  // -------------------------------------------------------------- actions

  private block(frame: Frame | undefined, around: Span): ast.Block {
    if (frame === undefined) return { kind: 'Block', actions: [], span: this.hole(around) };
    if (frame.blockNode !== undefined) return frame.blockNode;
    const span = this.spanOrHole(frame, around);
    const actions: ast.Action[] = [];
    const frames = frame.actions ?? NO_FRAMES;
    for (let i = 0; i < frames.length; i++) actions.push(this.action(frames[i] as Frame, span));
    return { kind: 'Block', actions, span };
  }

  private action(frame: Frame, around: Span): ast.Action {
    if (frame.actionNode !== undefined) return frame.actionNode;
    const span = this.spanOrHole(frame, around);
    switch (frame.rule) {
      case 'dialAction': {
        const from = this.single(frame.fromKeywords, frame.from, 'from', span);
        const timeout = this.single(frame.timeoutKeywords, frame.timeout, 'timeout', span);
        const headerLists = frame.headerLists ?? NO_FRAMES;
        const keywordSpan = (list: Frame): Span => {
          const keyword = list.headersKeyword;
          return keyword === undefined ? this.span(list, span) : this.lines.tokenSpan(keyword);
        };
        const firstList = headerLists[0];
        for (let i = 1; i < headerLists.length; i++) {
          const repeated = headerLists[i];
          if (firstList !== undefined && repeated !== undefined) this.duplicate('headers', keywordSpan(repeated), keywordSpan(firstList));
        }
        const headers = firstList === undefined ? [] : this.headers(firstList, span);
        const dial: Mutable<ast.DialAction> = { kind: 'Dial', leg: this.name(frame.leg, span), to: this.expressionOrHole(frame.to, span), headers, span };
        if (from !== undefined) dial.from = from;
        if (timeout !== undefined) dial.timeout = timeout;
        return dial;
      }
      case 'answerAction':
        return { kind: 'Answer', leg: this.name(frame.leg, span), span };
      case 'rejectAction':
        return { kind: 'Reject', leg: this.name(frame.leg, span), status: this.expressionOrHole(frame.status, span), span };
      case 'hangupAction':
        return { kind: 'Hangup', leg: this.name(frame.leg, span), span };
      case 'cancelAction':
        return { kind: 'Cancel', leg: this.name(frame.leg, span), span };
      case 'holdAction': {
        const music = frame.music;
        const leg = this.name(frame.leg, span);
        return music === undefined ? { kind: 'Hold', leg, span } : { kind: 'Hold', leg, music: this.expression(music, span), span };
      }
      case 'unholdAction':
        return { kind: 'Unhold', leg: this.name(frame.leg, span), span };
      case 'bridgeAction': {
        const legs = frame.legs ?? NO_TOKENS;
        return { kind: 'Bridge', a: this.name(legs[0], span), b: this.name(legs[1], span), span };
      }
      case 'unbridgeAction': {
        const legs = frame.legs ?? NO_TOKENS;
        const a = this.name(legs[0], span);
        return legs[1] === undefined ? { kind: 'Unbridge', a, span } : { kind: 'Unbridge', a, b: this.name(legs[1], span), span };
      }
      case 'conferenceAction':
        return { kind: 'Conference', legs: (frame.legs ?? NO_TOKENS).map((token) => this.name(token, span)), span };
      case 'referAction':
        return this.refer(frame, this.name(frame.leg, span), span);
      case 'takeoverAction':
        return { kind: 'Takeover', leg: this.name(frame.leg, span), span };
      case 'notifyAction':
        return { kind: 'Notify', leg: this.name(frame.leg, span), status: this.expressionOrHole(frame.status, span), span };
      case 'playAction':
        return { kind: 'Play', leg: this.name(frame.leg, span), prompt: this.expressionOrHole(frame.prompt, span), span };
      case 'collectAction': {
        const max = this.single(frame.maxKeywords, frame.max, 'max', span);
        const terminator = this.single(frame.terminatorKeywords, frame.terminator, 'terminator', span);
        const timeout = this.single(frame.timeoutKeywords, frame.timeout, 'timeout', span);
        const collect: Mutable<ast.CollectAction> = { kind: 'Collect', leg: this.name(frame.leg, span), span };
        if (max !== undefined) collect.max = max;
        if (terminator !== undefined) collect.terminator = terminator;
        if (timeout !== undefined) collect.timeout = timeout;
        return collect;
      }
      case 'emitAction':
        return { kind: 'Emit', event: this.name(frame.event, span), args: this.args(frame.argumentList, span), span };
      case 'setAction':
        return { kind: 'Set', variable: this.name(frame.variable, span), value: this.expressionOrHole(frame.value, span), span };
      default:
        return {
          kind: 'Send',
          event: this.name(frame.event, span),
          args: this.args(frame.argumentList, span),
          flow: this.name(frame.flowName, span),
          key: this.expressionOrHole(frame.key, span),
          span,
        };
    }
  }

  /** `refer a to b replacing` needs a bare leg name before `replacing`; anything else stays a blind refer. */
  private refer(frame: Frame, leg: ast.Name, span: Span): ast.ReferAction | ast.ReferReplacingAction {
    const to = this.expressionOrHole(frame.to, span);
    if (frame.replacing !== true) return { kind: 'Refer', leg, to, span };
    if (to.kind === 'NameRef') return { kind: 'ReferReplacing', leg, replacing: to.name, span };
    this.report('FLOW1010', 'expected the name of a leg before `replacing`', to.span);
    return { kind: 'Refer', leg, to, span };
  }

  private headers(frame: Frame, around: Span): ast.HeaderArgument[] {
    return (frame.headers ?? NO_FRAMES).map((header) => {
      const span = this.spanOrHole(header, around);
      const nameToken = header.name;
      const headerName: ast.StringLiteral =
        nameToken === undefined
          ? { kind: 'StringLiteral', value: '', span: this.hole(span) }
          : { kind: 'StringLiteral', value: decodeString(nameToken.image).value, span: this.lines.tokenSpan(nameToken) };
      return { kind: 'HeaderArgument', header: headerName, value: this.expressionOrHole(header.value, span), span };
    });
  }

  private args(list: Frame | undefined, around: Span): ast.Argument[] {
    if (list === undefined) return [];
    return (list.args ?? NO_FRAMES).map((frame) => {
      const span = this.spanOrHole(frame, around);
      return { kind: 'Argument', name: this.name(frame.name, span), value: this.expressionOrHole(frame.value, span), span };
    });
  }

  // -------------------------------------------------------------- expressions

  private expressionOrHole(frame: Frame | undefined, around: Span): ast.Expr {
    if (frame === undefined) return this.missingExpression(around);
    return this.expression(frame, around);
  }

  private missingExpression(around: Span): ast.Expr {
    const name = this.name(undefined, around);
    return { kind: 'NameRef', name, span: name.span };
  }

  /** `operand (op operand)*` as the parser reads it, folded by precedence. */
  private expression(frame: Frame, around: Span): ast.Expr {
    const operands = frame.operands ?? NO_FRAMES;
    const first = operands[0];
    if (first === undefined) return this.missingExpression(this.span(frame, around));
    // Most expressions are one operand.
    if (frame.anyOperator !== true) return this.unary(first, around);
    const operators = frame.operators ?? NO_TOKENS;
    const steps: OperatorStep[] = [];
    for (let i = 0; i < operators.length; i++) {
      const token = operators[i];
      const operandFrame = operands[i + 1];
      const operator = token === undefined ? undefined : BINARY_OPERATORS.get(token.tokenType);
      // Recovery may leave an operator without its right operand; the parser has reported it.
      if (token === undefined || operandFrame === undefined || operator === undefined) continue;
      steps.push({ operator, token, operand: this.unary(operandFrame, around) });
    }
    return applyPrecedence(this.unary(first, around), steps, (token) =>
      this.report('FLOW1011', `comparisons do not chain: parenthesize the left comparison before \`${token.image}\``, this.lines.tokenSpan(token)),
    );
  }

  /** An operand: a `primary`, or a `prefixed` one whose operators apply right to left (`!-x` is `!(-x)`). */
  private unary(frame: Frame, around: Span): ast.Expr {
    if (frame.rule === 'primary') return this.primary(frame, around);
    const primary = frame.primary;
    const operators = frame.operators ?? NO_TOKENS;
    // A primary that recovery left without tokens sits right after the last operator, not at the start of
    // `around`: there its span would end before the operator's and the Unary's span would run backwards.
    const innermost = operators[operators.length - 1];
    const inner = innermost === undefined || !isRealToken(innermost) ? around : emptySpan(this.lines.tokenSpan(innermost).end);
    let operand = primary === undefined ? this.missingExpression(this.span(frame, inner)) : this.primary(primary, inner);
    for (let i = operators.length - 1; i >= 0; i--) {
      const token = operators[i];
      if (token === undefined) continue;
      const operator: ast.UnaryOperator = tokenMatcher(token, t.Bang) ? '!' : '-';
      operand = { kind: 'Unary', operator, operand, span: spanFrom(this.lines.tokenSpan(token), operand.span) };
    }
    return operand;
  }

  /** A primary holds one alternative of the rule; `alt` says which, `token` is its name, literal or `in` when real. */
  private primary(frame: Frame, around: Span): ast.Expr {
    const token = frame.token;
    const alt = frame.alt;
    if (token !== undefined) {
      switch (alt) {
        case PRIMARY.name: {
          if (frame.dot !== true) {
            // A bare name is its name's span: no span of its own to compute.
            const ref = this.name(token, around);
            return { kind: 'NameRef', name: ref, span: ref.span };
          }
          const span = this.spanOrHole(frame, around);
          return { kind: 'MemberRef', object: this.name(token, span), property: this.name(frame.property, span), span };
        }
        case PRIMARY.string:
          return { kind: 'StringLiteral', value: decodeString(token.image).value, span: this.lines.tokenSpan(token) };
        case PRIMARY.integer:
          return { kind: 'IntLiteral', value: decodeInteger(token.image), span: this.lines.tokenSpan(token) };
        case PRIMARY.duration:
          return { kind: 'DurationLiteral', ms: decodeDuration(token.image).ms, text: token.image, span: this.lines.tokenSpan(token) };
        case PRIMARY.boolean:
          return { kind: 'BoolLiteral', value: token.tokenType === t.True, span: this.lines.tokenSpan(token) };
        default:
          break;
      }
    }
    const span = this.spanOrHole(frame, around);
    const inner = frame.inner;
    // Parentheses leave no node of their own; the inner expression's span grows to cover them.
    if (inner !== undefined) return { ...this.expression(inner, span), span };
    if (alt === PRIMARY.in && token !== undefined && frame.lparen === true) {
      return { kind: 'InState', state: this.name(frame.stateName, span), span };
    }
    return this.missingExpression(span);
  }
}
