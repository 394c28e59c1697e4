/**
 * CST -> AST: the only place where the parser's concrete tree gets a shape.
 *
 * After syntax errors the CST has holes (recovery skipped or invented
 * tokens). The AST keeps its shape anyway so tools still see the rest of the
 * file: a missing name becomes a `Name` with empty text and an empty span
 * where it should have been, a missing expression a `NameRef` to such a name,
 * a missing type `string`. Consumers must not give meaning to a file that has
 * syntax errors; these placeholders only keep the tree walkable.
 */
import { tokenMatcher } from './chevrotain-runtime.js';
import type { CstElement, CstNode, IToken, TokenType } from 'chevrotain';
import type * as ast from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import type { Source, Span } from './source.js';
import { decodeDuration, decodeInteger, decodeString } from './literals.js';
import { applyPrecedence } from './precedence.js';
import type { OperatorStep } from './precedence.js';
import type { LineIndex } from './line-index.js';
import { emptySpan, isRealToken, spanFrom, START } from './spans.js';
import type { SyntaxCode } from './syntax-codes.js';
import * as t from './tokens.js';

// ---------------------------------------------------------------- reading the CST
// Indexed loops and one shared empty list: this runs for every node of a big file.

const NONE: readonly CstElement[] = [];

function isToken(element: CstElement): element is IToken {
  return 'tokenType' in element;
}

/** Real tokens under `key`: recovery may leave invented tokens, which are no part of the text. */
function tokensOf(node: CstNode, key: string): IToken[] {
  const elements = node.children[key] ?? NONE;
  const out: IToken[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element !== undefined && isToken(element) && isRealToken(element)) out.push(element);
  }
  return out;
}

function tokenOf(node: CstNode, key: string): IToken | undefined {
  const elements = node.children[key];
  if (elements === undefined) return undefined;
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element !== undefined && isToken(element) && isRealToken(element)) return element;
  }
  return undefined;
}

function has(node: CstNode, key: string): boolean {
  return tokenOf(node, key) !== undefined;
}

function nodesOf(node: CstNode, key: string): CstNode[] {
  const elements = node.children[key] ?? NONE;
  const out: CstNode[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element !== undefined && !isToken(element)) out.push(element);
  }
  return out;
}

function nodeOf(node: CstNode, key: string): CstNode | undefined {
  const elements = node.children[key];
  if (elements === undefined) return undefined;
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element !== undefined && !isToken(element)) return element;
  }
  return undefined;
}

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

// ---------------------------------------------------------------- the visitor

class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly source: Source,
    private readonly lines: LineIndex,
  ) {}

  file(cst: CstNode): ast.FlowFile {
    return {
      kind: 'FlowFile',
      path: this.source.path,
      flows: nodesOf(cst, 'flowDecl').map((n) => this.flow(n)),
      span: { start: START, end: this.lines.end().end },
    };
  }

  // -------------------------------------------------------------- spans and names

  private span(node: CstNode, fallback: Span): Span {
    return this.lines.nodeSpan(node.location) ?? fallback;
  }

  /** A node's span or, where recovery left it without real tokens, the empty span at the start of `around`. */
  private spanOrHole(node: CstNode, around: Span): Span {
    return this.lines.nodeSpan(node.location) ?? this.hole(around);
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
  private single(node: CstNode, valueKey: string, keywordKey: string, clause: string, around: Span): ast.Expr | undefined {
    const keywords = tokensOf(node, keywordKey);
    const first = keywords[0];
    for (let i = 1; i < keywords.length; i++) {
      const keyword = keywords[i];
      if (first !== undefined && keyword !== undefined) this.duplicate(clause, this.lines.tokenSpan(keyword), this.lines.tokenSpan(first));
    }
    const value = nodeOf(node, valueKey);
    return value === undefined ? undefined : this.expression(value, around);
  }

  // -------------------------------------------------------------- flows and declarations

  private flow(node: CstNode): ast.FlowDecl {
    const span = this.span(node, emptySpan(START));
    return {
      kind: 'Flow',
      name: this.name(tokenOf(node, 'name'), span),
      declarations: nodesOf(node, 'declaration').map((n) => this.declaration(n, span)),
      states: nodesOf(node, 'state').map((n) => this.state(n, span)),
      span,
    };
  }

  private declaration(node: CstNode, around: Span): ast.Declaration {
    const span = this.spanOrHole(node, around);
    const name = this.name(tokenOf(node, 'name'), span);
    switch (node.name) {
      case 'legDecl':
        return { kind: 'Leg', name, inbound: has(node, 'Inbound'), nailed: has(node, 'Nailed'), span };
      case 'inputDecl': {
        const defaultNode = nodeOf(node, 'default');
        const type = this.typeRef(nodeOf(node, 'typeRef'), span);
        return defaultNode === undefined
          ? { kind: 'Input', name, type, span }
          : { kind: 'Input', name, type, default: this.expression(defaultNode, span), span };
      }
      case 'varDecl':
        return { kind: 'Var', name, type: this.typeRef(nodeOf(node, 'typeRef'), span), initial: this.expressionOrHole(nodeOf(node, 'initial'), span), span };
      case 'eventDecl':
        return { kind: 'Event', name, fields: this.fields(nodeOf(node, 'fieldList'), span), span };
      case 'emitDecl':
        return { kind: 'EmitDecl', name, fields: this.fields(nodeOf(node, 'fieldList'), span), span };
      default:
        return { kind: 'Key', input: name, span };
    }
  }

  private fields(list: CstNode | undefined, around: Span): ast.FieldDecl[] {
    if (list === undefined) return [];
    return nodesOf(list, 'fieldDecl').map((node) => {
      const span = this.spanOrHole(node, around);
      return { kind: 'Field', name: this.name(tokenOf(node, 'name'), span), type: this.typeRef(nodeOf(node, 'typeRef'), span), span };
    });
  }

  private typeRef(node: CstNode | undefined, around: Span): ast.TypeRef {
    const token = node === undefined ? undefined : tokenOf(node, 'type');
    if (token === undefined) return { kind: 'TypeRef', name: 'string', span: this.hole(around) };
    return { kind: 'TypeRef', name: TYPE_NAMES.get(token.tokenType) ?? 'string', span: this.lines.tokenSpan(token) };
  }

  // -------------------------------------------------------------- states and transitions

  private state(node: CstNode, around: Span): ast.StateDecl {
    const span = this.spanOrHole(node, around);
    const entry: ast.Block[] = [];
    const exit: ast.Block[] = [];
    const transitions: ast.Transition[] = [];
    const states: ast.StateDecl[] = [];
    for (const item of nodesOf(node, 'item')) {
      switch (item.name) {
        case 'entryBlock':
          entry.push(this.block(nodeOf(item, 'block'), this.span(item, span)));
          break;
        case 'exitBlock':
          exit.push(this.block(nodeOf(item, 'block'), this.span(item, span)));
          break;
        case 'onTransition':
          transitions.push(this.onTransition(item, span));
          break;
        case 'afterTransition':
          transitions.push(this.afterTransition(item, span));
          break;
        default:
          states.push(this.state(item, span));
      }
    }
    const modifiers = tokensOf(node, 'modifier').map((token) => ({
      modifier: MODIFIERS.get(token.tokenType) ?? 'initial',
      span: this.lines.tokenSpan(token),
    }));
    return { kind: 'State', name: this.name(tokenOf(node, 'name'), span), modifiers, entry, exit, transitions, states, span };
  }

  private onTransition(node: CstNode, around: Span): ast.OnTransition {
    const span = this.spanOrHole(node, around);
    const transition: Mutable<ast.OnTransition> = { kind: 'On', trigger: this.trigger(nodeOf(node, 'trigger'), span), span };
    this.tail(transition, nodeOf(node, 'transitionTail'), span);
    return transition;
  }

  private afterTransition(node: CstNode, around: Span): ast.AfterTransition {
    const span = this.spanOrHole(node, around);
    const transition: Mutable<ast.AfterTransition> = { kind: 'After', delay: this.expressionOrHole(nodeOf(node, 'delay'), span), span };
    this.tail(transition, nodeOf(node, 'transitionTail'), span);
    return transition;
  }

  /** `[when GUARD] [-> Target] [{ actions }]`, each part set on the transition only when written. */
  private tail(transition: Mutable<ast.Transition>, node: CstNode | undefined, around: Span): void {
    if (node === undefined) return;
    const guardNode = nodeOf(node, 'guard');
    const target = tokenOf(node, 'target');
    const arrow = tokenOf(node, 'Arrow');
    const blockNode = nodeOf(node, 'block');
    if (guardNode !== undefined) transition.guard = this.expression(guardNode, around);
    if (target !== undefined || arrow !== undefined) transition.target = this.name(target, arrow === undefined ? around : this.lines.tokenSpan(arrow));
    if (blockNode !== undefined) transition.actions = this.block(blockNode, around);
  }

  private trigger(node: CstNode | undefined, around: Span): ast.Trigger {
    if (node === undefined) return { kind: 'EventTrigger', event: this.name(undefined, around), span: this.hole(around) };
    const span = this.spanOrHole(node, around);
    if (has(node, 'Done') && has(node, 'LParen')) {
      return { kind: 'DoneTrigger', state: this.name(tokenOf(node, 'state'), span), span };
    }
    const head = this.name(tokenOf(node, 'head'), span);
    if (has(node, 'Dot')) {
      return { kind: 'LegTrigger', leg: head, event: this.name(tokenOf(node, 'event'), span), span };
    }
    return { kind: 'EventTrigger', event: head, span };
  }

  // -------------------------------------------------------------- actions

  private block(node: CstNode | undefined, around: Span): ast.Block {
    if (node === undefined) return { kind: 'Block', actions: [], span: this.hole(around) };
    const span = this.spanOrHole(node, around);
    const actions: ast.Action[] = [];
    const elements = node.children['action'] ?? NONE;
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i];
      if (element !== undefined && !isToken(element)) actions.push(this.action(element, span));
    }
    return { kind: 'Block', actions, span };
  }

  private action(node: CstNode, around: Span): ast.Action {
    const span = this.spanOrHole(node, around);
    switch (node.name) {
      case 'dialAction': {
        const from = this.single(node, 'from', 'fromKeyword', 'from', span);
        const timeout = this.single(node, 'timeout', 'timeoutKeyword', 'timeout', span);
        const headerLists = nodesOf(node, 'headerList');
        const keywordSpan = (list: CstNode): Span => {
          const keyword = tokenOf(list, 'Headers');
          return keyword === undefined ? this.span(list, span) : this.lines.tokenSpan(keyword);
        };
        const firstList = headerLists[0];
        for (let i = 1; i < headerLists.length; i++) {
          const repeated = headerLists[i];
          if (firstList !== undefined && repeated !== undefined) this.duplicate('headers', keywordSpan(repeated), keywordSpan(firstList));
        }
        const headers = firstList === undefined ? [] : this.headers(firstList, span);
        const dial: Mutable<ast.DialAction> = { kind: 'Dial', leg: this.leg(node, span), to: this.operand(node, span, 'to'), headers, span };
        if (from !== undefined) dial.from = from;
        if (timeout !== undefined) dial.timeout = timeout;
        return dial;
      }
      case 'answerAction':
        return { kind: 'Answer', leg: this.leg(node, span), span };
      case 'rejectAction':
        return { kind: 'Reject', leg: this.leg(node, span), status: this.operand(node, span, 'status'), span };
      case 'hangupAction':
        return { kind: 'Hangup', leg: this.leg(node, span), span };
      case 'cancelAction':
        return { kind: 'Cancel', leg: this.leg(node, span), span };
      case 'holdAction': {
        const music = nodeOf(node, 'music');
        const leg = this.leg(node, span);
        return music === undefined ? { kind: 'Hold', leg, span } : { kind: 'Hold', leg, music: this.expression(music, span), span };
      }
      case 'unholdAction':
        return { kind: 'Unhold', leg: this.leg(node, span), span };
      case 'bridgeAction': {
        const legs = tokensOf(node, 'leg');
        return { kind: 'Bridge', a: this.name(legs[0], span), b: this.name(legs[1], span), span };
      }
      case 'unbridgeAction': {
        const legs = tokensOf(node, 'leg');
        const a = this.name(legs[0], span);
        return legs[1] === undefined ? { kind: 'Unbridge', a, span } : { kind: 'Unbridge', a, b: this.name(legs[1], span), span };
      }
      case 'conferenceAction':
        return { kind: 'Conference', legs: tokensOf(node, 'leg').map((token) => this.name(token, span)), span };
      case 'referAction':
        return this.refer(node, this.leg(node, span), span);
      case 'takeoverAction':
        return { kind: 'Takeover', leg: this.leg(node, span), span };
      case 'notifyAction':
        return { kind: 'Notify', leg: this.leg(node, span), status: this.operand(node, span, 'status'), span };
      case 'playAction':
        return { kind: 'Play', leg: this.leg(node, span), prompt: this.operand(node, span, 'prompt'), span };
      case 'collectAction': {
        const max = this.single(node, 'max', 'maxKeyword', 'max', span);
        const terminator = this.single(node, 'terminator', 'terminatorKeyword', 'terminator', span);
        const timeout = this.single(node, 'timeout', 'timeoutKeyword', 'timeout', span);
        const collect: Mutable<ast.CollectAction> = { kind: 'Collect', leg: this.leg(node, span), span };
        if (max !== undefined) collect.max = max;
        if (terminator !== undefined) collect.terminator = terminator;
        if (timeout !== undefined) collect.timeout = timeout;
        return collect;
      }
      case 'emitAction':
        return { kind: 'Emit', event: this.name(tokenOf(node, 'event'), span), args: this.args(nodeOf(node, 'argumentList'), span), span };
      case 'setAction':
        return { kind: 'Set', variable: this.name(tokenOf(node, 'variable'), span), value: this.operand(node, span, 'value'), span };
      default:
        return {
          kind: 'Send',
          event: this.name(tokenOf(node, 'event'), span),
          args: this.args(nodeOf(node, 'argumentList'), span),
          flow: this.name(tokenOf(node, 'flow'), span),
          key: this.operand(node, span, 'key'),
          span,
        };
    }
  }

  /** The (first) leg a verb names. */
  private leg(node: CstNode, span: Span): ast.Name {
    return this.name(tokenOf(node, 'leg'), span);
  }

  /** The expression under `key`, or a hole where recovery left none. */
  private operand(node: CstNode, span: Span, key: string): ast.Expr {
    return this.expressionOrHole(nodeOf(node, key), span);
  }

  /** `refer a to b replacing` needs a bare leg name before `replacing`; anything else stays a blind refer. */
  private refer(node: CstNode, leg: ast.Name, span: Span): ast.ReferAction | ast.ReferReplacingAction {
    const to = this.expressionOrHole(nodeOf(node, 'to'), span);
    if (!has(node, 'Replacing')) return { kind: 'Refer', leg, to, span };
    if (to.kind === 'NameRef') return { kind: 'ReferReplacing', leg, replacing: to.name, span };
    this.report('FLOW1010', 'expected the name of a leg before `replacing`', to.span);
    return { kind: 'Refer', leg, to, span };
  }

  private headers(node: CstNode, around: Span): ast.HeaderArgument[] {
    return nodesOf(node, 'header').map((header) => {
      const span = this.spanOrHole(header, around);
      const nameToken = tokenOf(header, 'name');
      const headerName: ast.StringLiteral =
        nameToken === undefined
          ? { kind: 'StringLiteral', value: '', span: this.hole(span) }
          : { kind: 'StringLiteral', value: decodeString(nameToken.image).value, span: this.lines.tokenSpan(nameToken) };
      return { kind: 'HeaderArgument', header: headerName, value: this.expressionOrHole(nodeOf(header, 'value'), span), span };
    });
  }

  private args(list: CstNode | undefined, around: Span): ast.Argument[] {
    if (list === undefined) return [];
    return nodesOf(list, 'argument').map((node) => {
      const span = this.spanOrHole(node, around);
      return { kind: 'Argument', name: this.name(tokenOf(node, 'name'), span), value: this.expressionOrHole(nodeOf(node, 'value'), span), span };
    });
  }

  // -------------------------------------------------------------- expressions

  private expressionOrHole(node: CstNode | undefined, around: Span): ast.Expr {
    if (node === undefined) return this.missingExpression(around);
    return this.expression(node, around);
  }

  private missingExpression(around: Span): ast.Expr {
    const name = this.name(undefined, around);
    return { kind: 'NameRef', name, span: name.span };
  }

  /** `operand (op operand)*` as the parser reads it, folded by precedence. */
  private expression(node: CstNode, around: Span): ast.Expr {
    const first = nodeOf(node, 'operand');
    if (first === undefined) return this.missingExpression(this.span(node, around));
    // Most expressions are one operand.
    if (node.children['operator'] === undefined) return this.unary(first, around);
    const operands = nodesOf(node, 'operand');
    const operators = tokensOf(node, 'operator');
    const steps: OperatorStep[] = [];
    for (let i = 0; i < operators.length; i++) {
      const token = operators[i];
      const operandNode = operands[i + 1];
      const operator = token === undefined ? undefined : BINARY_OPERATORS.get(token.tokenType);
      // Recovery may leave an operator without its right operand; the parser has reported it.
      if (token === undefined || operandNode === undefined || operator === undefined) continue;
      steps.push({ operator, token, operand: this.unary(operandNode, around) });
    }
    return applyPrecedence(this.unary(first, around), steps, (token) =>
      this.report('FLOW1011', `comparisons do not chain: parenthesize the left comparison before \`${token.image}\``, this.lines.tokenSpan(token)),
    );
  }

  /** An operand: a `primary`, or a `prefixed` one whose operators apply right to left (`!-x` is `!(-x)`). */
  private unary(node: CstNode, around: Span): ast.Expr {
    if (node.name === 'primary') return this.primary(node, around);
    const primary = nodeOf(node, 'primary');
    const operators = tokensOf(node, 'operator');
    // A primary that recovery left without tokens sits right after the last operator, not at the start of
    // `around`: there its span would end before the operator's and the Unary's span would run backwards.
    const innermost = operators[operators.length - 1];
    const inner = innermost === undefined || !isRealToken(innermost) ? around : emptySpan(this.lines.tokenSpan(innermost).end);
    let operand = primary === undefined ? this.missingExpression(this.span(node, inner)) : this.primary(primary, inner);
    for (let i = operators.length - 1; i >= 0; i--) {
      const token = operators[i];
      if (token === undefined) continue;
      const operator: ast.UnaryOperator = tokenMatcher(token, t.Bang) ? '!' : '-';
      operand = { kind: 'Unary', operator, operand, span: spanFrom(this.lines.tokenSpan(token), operand.span) };
    }
    return operand;
  }

  /**
   * Each alternative of the `primary` rule labels its tokens apart from the others' and a node holds one
   * alternative, so the first label found says which it is: names first, the commonest (the children are
   * dictionaries, so every label tried is a hash lookup).
   */
  private primary(node: CstNode, around: Span): ast.Expr {
    const name = tokenOf(node, 'name');
    if (name !== undefined) {
      if (!has(node, 'Dot')) {
        // A bare name is its name's span: no span of its own to compute.
        const ref = this.name(name, around);
        return { kind: 'NameRef', name: ref, span: ref.span };
      }
      const span = this.spanOrHole(node, around);
      return { kind: 'MemberRef', object: this.name(name, span), property: this.name(tokenOf(node, 'property'), span), span };
    }
    const string = tokenOf(node, 'string');
    if (string !== undefined) return { kind: 'StringLiteral', value: decodeString(string.image).value, span: this.lines.tokenSpan(string) };
    const integer = tokenOf(node, 'integer');
    if (integer !== undefined) return { kind: 'IntLiteral', value: decodeInteger(integer.image), span: this.lines.tokenSpan(integer) };
    const duration = tokenOf(node, 'duration');
    if (duration !== undefined) return { kind: 'DurationLiteral', ms: decodeDuration(duration.image).ms, text: duration.image, span: this.lines.tokenSpan(duration) };
    const boolean = tokenOf(node, 'boolean');
    if (boolean !== undefined) return { kind: 'BoolLiteral', value: boolean.tokenType === t.True, span: this.lines.tokenSpan(boolean) };
    const span = this.spanOrHole(node, around);
    const inner = nodeOf(node, 'inner');
    // Parentheses leave no node of their own; the inner expression's span grows to cover them.
    if (inner !== undefined) return { ...this.expression(inner, span), span };
    if (has(node, 'in') && has(node, 'LParen')) {
      return { kind: 'InState', state: this.name(tokenOf(node, 'state'), span), span };
    }
    return this.missingExpression(span);
  }
}

/** Builds the AST of a parsed file, with the few syntax diagnostics that only the tree shows (duplicate clauses). */
export function toAst(cst: CstNode, source: Source, lines: LineIndex): { file: ast.FlowFile; diagnostics: Diagnostic[] } {
  const builder = new AstBuilder(source, lines);
  const file = builder.file(cst);
  return { file, diagnostics: builder.diagnostics };
}
