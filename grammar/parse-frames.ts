/**
 * What the parser's rules build: one small frame per rule invocation with
 * the tokens and sub-frames toAst reads, where chevrotain's CST would give a
 * node whose children are a dictionary of arrays per label (and a location
 * object) — most of the parse time and memory of a big file went into those.
 *
 * A frame keeps exactly what toAst read from the CST: the first real token
 * of a label (recovery may invent tokens, which are no part of the text),
 * the real tokens of a repeated label, the first sub-frame of a single label
 * and every sub-frame of a list, in document order. Its `start`/`end` follow
 * chevrotain's node locations in 'onlyOffset' tracking, partial nodes left by
 * error recovery included, so spans and the holes toAst makes come out as
 * they did from the CST.
 */
import type { IToken } from 'chevrotain';
import type { Action, Block, Declaration, StateDecl, Transition } from './ast.js';

export type RuleName =
  | 'flowFile'
  | 'flowDecl'
  | 'legDecl'
  | 'inputDecl'
  | 'varDecl'
  | 'eventDecl'
  | 'emitDecl'
  | 'keyDecl'
  | 'fieldList'
  | 'fieldDecl'
  | 'typeRef'
  | 'stateDecl'
  | 'entryBlock'
  | 'exitBlock'
  | 'onTransition'
  | 'afterTransition'
  | 'transitionTail'
  | 'trigger'
  | 'block'
  | 'dialAction'
  | 'headerList'
  | 'header'
  | 'answerAction'
  | 'rejectAction'
  | 'hangupAction'
  | 'cancelAction'
  | 'holdAction'
  | 'unholdAction'
  | 'bridgeAction'
  | 'unbridgeAction'
  | 'conferenceAction'
  | 'referAction'
  | 'takeoverAction'
  | 'notifyAction'
  | 'playAction'
  | 'collectAction'
  | 'emitAction'
  | 'setAction'
  | 'sendAction'
  | 'argumentList'
  | 'argument'
  | 'expression'
  | 'prefixed'
  | 'primary';

/** Where a frame hangs in the frame of the rule that called it (the CST label it had). */
export type Slot =
  | 'root'
  | 'flow'
  | 'declaration'
  | 'state'
  | 'item'
  | 'typeRef'
  | 'default'
  | 'initial'
  | 'fieldList'
  | 'field'
  | 'block'
  | 'trigger'
  | 'tail'
  | 'delay'
  | 'guard'
  | 'action'
  | 'to'
  | 'from'
  | 'timeout'
  | 'headerList'
  | 'header'
  | 'value'
  | 'status'
  | 'music'
  | 'prompt'
  | 'max'
  | 'terminator'
  | 'key'
  | 'argumentList'
  | 'argument'
  | 'operand'
  | 'primary'
  | 'inner';

/** Which alternative of `primary` a frame holds (they are exclusive). */
export const PRIMARY = { none: 0, name: 1, string: 2, integer: 3, duration: 4, boolean: 5, paren: 6, in: 7 } as const;

/**
 * One rule invocation. Each rule's literal sets the fields it uses (so a
 * rule's frames share one shape); the rest stay absent.
 */
export interface Frame {
  readonly rule: RuleName;
  readonly slot: Slot;
  /** chevrotain's node location (offsets, end inclusive); NaN where recovery left the node without real tokens. */
  start: number;
  end: number;

  // The first real token of a label.
  name?: IToken | undefined;
  leg?: IToken | undefined;
  target?: IToken | undefined;
  arrow?: IToken | undefined;
  stateName?: IToken | undefined;
  head?: IToken | undefined;
  event?: IToken | undefined;
  property?: IToken | undefined;
  variable?: IToken | undefined;
  flowName?: IToken | undefined;
  type?: IToken | undefined;
  headersKeyword?: IToken | undefined;
  /** A primary's alternative (`PRIMARY`) and the token that says it: its name, literal or `in`. */
  alt?: number;
  token?: IToken | undefined;

  // Whether a real token of that kind was read.
  inbound?: boolean;
  nailed?: boolean;
  done?: boolean;
  lparen?: boolean;
  dot?: boolean;
  replacing?: boolean;
  /** An operator token was read at all (real or invented): toAst's one-operand shortcut keys on it. */
  anyOperator?: boolean;

  // The real tokens of a repeated label, in order (created on the first).
  legs?: IToken[];
  modifiers?: IToken[];
  operators?: IToken[];
  fromKeywords?: IToken[] | undefined;
  timeoutKeywords?: IToken[] | undefined;
  maxKeywords?: IToken[] | undefined;
  terminatorKeywords?: IToken[] | undefined;

  // Lists of sub-frames.
  flows?: Frame[];
  declarations?: Frame[];
  states?: Frame[];
  items?: Frame[];
  fields?: Frame[];
  actions?: Frame[];
  headerLists?: Frame[];
  headers?: Frame[];
  args?: Frame[];
  operands?: Frame[];

  // The first sub-frame of a single label.
  typeRef?: Frame | undefined;
  default?: Frame | undefined;
  initial?: Frame | undefined;
  fieldList?: Frame | undefined;
  block?: Frame | undefined;
  trigger?: Frame | undefined;
  tail?: Frame | undefined;
  delay?: Frame | undefined;
  guard?: Frame | undefined;
  to?: Frame | undefined;
  from?: Frame | undefined;
  timeout?: Frame | undefined;
  value?: Frame | undefined;
  status?: Frame | undefined;
  music?: Frame | undefined;
  prompt?: Frame | undefined;
  max?: Frame | undefined;
  terminator?: Frame | undefined;
  key?: Frame | undefined;
  argumentList?: Frame | undefined;
  primary?: Frame | undefined;
  inner?: Frame | undefined;

  // The AST of a frame read without recovery, built when it closed (`Settle`); its sub-frames are gone then.
  declarationNode?: Declaration;
  stateNode?: StateDecl;
  transitionNode?: Transition;
  blockNode?: Block;
  actionNode?: Action;
}

/**
 * What the parser hands each frame it closes with nothing recovered in it (no invented token, no
 * rule left by an exception, below it either): toAst.ts builds the AST of declarations, states,
 * transitions, blocks and actions right then and returns a small frame holding it, so the
 * sub-frames die young instead of living through the parse (a clean frame's AST needs nothing
 * from its callers: only holes look outside their frame). Other frames come back as they are.
 */
export type Settle = (frame: Frame) => Frame;

/**
 * Hangs a partial frame (its rule left by an exception) in its caller's, as chevrotain adds a
 * partial node to its parent; finished frames are stored by the caller from what SUBRULE returns.
 */
export function attach(parent: Frame, child: Frame): void {
  switch (child.slot) {
    case 'root':
      return;
    case 'flow':
      parent.flows?.push(child);
      return;
    case 'declaration':
      parent.declarations?.push(child);
      return;
    case 'state':
      parent.states?.push(child);
      return;
    case 'item':
      parent.items?.push(child);
      return;
    case 'field':
      parent.fields?.push(child);
      return;
    case 'action':
      parent.actions?.push(child);
      return;
    case 'headerList':
      parent.headerLists?.push(child);
      return;
    case 'header':
      parent.headers?.push(child);
      return;
    case 'argument':
      parent.args?.push(child);
      return;
    case 'operand':
      parent.operands?.push(child);
      return;
    case 'typeRef':
      parent.typeRef ??= child;
      return;
    case 'default':
      parent.default ??= child;
      return;
    case 'initial':
      parent.initial ??= child;
      return;
    case 'fieldList':
      parent.fieldList ??= child;
      return;
    case 'block':
      parent.block ??= child;
      return;
    case 'trigger':
      parent.trigger ??= child;
      return;
    case 'tail':
      parent.tail ??= child;
      return;
    case 'delay':
      parent.delay ??= child;
      return;
    case 'guard':
      parent.guard ??= child;
      return;
    case 'to':
      parent.to ??= child;
      return;
    case 'from':
      parent.from ??= child;
      return;
    case 'timeout':
      parent.timeout ??= child;
      return;
    case 'value':
      parent.value ??= child;
      return;
    case 'status':
      parent.status ??= child;
      return;
    case 'music':
      parent.music ??= child;
      return;
    case 'prompt':
      parent.prompt ??= child;
      return;
    case 'max':
      parent.max ??= child;
      return;
    case 'terminator':
      parent.terminator ??= child;
      return;
    case 'key':
      parent.key ??= child;
      return;
    case 'argumentList':
      parent.argumentList ??= child;
      return;
    case 'primary':
      parent.primary ??= child;
      return;
    case 'inner':
      parent.inner ??= child;
      return;
  }
}
