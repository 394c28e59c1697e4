/**
 * Binary operator precedence, applied to the flat `operand (op operand)*`
 * list the parser produces: || < && < comparisons < + - < * / %, all left
 * associative, except that comparisons do not chain (`a < b < c` is reported;
 * it never means what it looks like).
 */
import type { IToken } from 'chevrotain';
import type { Binary, BinaryOperator, Expr } from './ast.js';
import { spanFrom } from './spans.js';

const PRECEDENCE: Readonly<Record<BinaryOperator, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
};
const COMPARISON = 3;

/** One `op operand` step after the first operand. */
export interface OperatorStep {
  readonly operator: BinaryOperator;
  readonly token: IToken;
  readonly operand: Expr;
}

/** Folds `first op operand op operand ...` into a tree by precedence climbing; `reportChain` gets each operator that chains a comparison. */
export function applyPrecedence(first: Expr, steps: readonly OperatorStep[], reportChain: (token: IToken) => void): Expr {
  let next = 0;
  const climb = (start: Expr, minimum: number): Expr => {
    let left = start;
    let step = steps[next];
    while (step !== undefined && PRECEDENCE[step.operator] >= minimum) {
      const precedence = PRECEDENCE[step.operator];
      next++;
      let right = step.operand;
      let ahead = steps[next];
      while (ahead !== undefined && PRECEDENCE[ahead.operator] > precedence) {
        right = climb(right, precedence + 1);
        ahead = steps[next];
      }
      if (precedence === COMPARISON && ahead !== undefined && PRECEDENCE[ahead.operator] === COMPARISON) reportChain(ahead.token);
      left = binary(step.operator, left, right);
      step = steps[next];
    }
    return left;
  };
  return climb(first, 1);
}

function binary(operator: BinaryOperator, left: Expr, right: Expr): Binary {
  return { kind: 'Binary', operator, left, right, span: spanFrom(left.span, right.span) };
}
