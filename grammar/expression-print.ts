/**
 * A canonical text of an expression, fully parenthesised: two guards with the
 * same canonical text are the same guard whatever their spacing or comments.
 */
import type { Expr } from './ast.js';

export function printExpression(expr: Expr): string {
  switch (expr.kind) {
    case 'StringLiteral':
      return JSON.stringify(expr.value);
    case 'IntLiteral':
      return String(expr.value);
    case 'BoolLiteral':
      return String(expr.value);
    case 'DurationLiteral':
      return `${expr.ms}ms`;
    case 'NameRef':
      return expr.name.text;
    case 'MemberRef':
      return `${expr.object.text}.${expr.property.text}`;
    case 'InState':
      return `in(${expr.state.text})`;
    case 'Unary':
      return `(${expr.operator}${printExpression(expr.operand)})`;
    case 'Binary':
      return `(${printExpression(expr.left)} ${expr.operator} ${printExpression(expr.right)})`;
  }
}
