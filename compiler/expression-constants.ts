/**
 * Constant values of literal expressions, for the checks that bound literals
 * (SIP status ranges, positive delays). Only literals and their negation or
 * sums fold; anything naming a var or input is not a constant.
 */
import type { Expr } from '../grammar/ast.js';

export function constantInt(expr: Expr): number | undefined {
  if (expr.kind === 'IntLiteral') return expr.value;
  if (expr.kind === 'Unary' && expr.operator === '-') {
    const v = constantInt(expr.operand);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** Milliseconds of a constant duration expression (`2s`, `-1s`, `1m - 60s`, `2 * 500ms`). */
export function constantDurationMs(expr: Expr): number | undefined {
  switch (expr.kind) {
    case 'DurationLiteral':
      return expr.ms;
    case 'Unary': {
      if (expr.operator !== '-') return undefined;
      const v = constantDurationMs(expr.operand);
      return v === undefined ? undefined : -v;
    }
    case 'Binary': {
      if (expr.operator === '+' || expr.operator === '-') {
        const l = constantDurationMs(expr.left);
        const r = constantDurationMs(expr.right);
        if (l === undefined || r === undefined) return undefined;
        return expr.operator === '+' ? l + r : l - r;
      }
      if (expr.operator === '*') {
        const [d, n] = [constantDurationMs(expr.left) ?? constantDurationMs(expr.right), constantInt(expr.right) ?? constantInt(expr.left)];
        return d === undefined || n === undefined ? undefined : d * n;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
