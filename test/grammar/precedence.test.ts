import { describe, expect, it } from 'vitest';
import { codes, expression, inFlow, show, slice } from './harness.js';

const grouped = (source: string): string => show(expression(source).expr);

describe('operator precedence', () => {
  it('orders || < && < comparison < + - < * / % < unary', () => {
    expect(grouped('a || b && c')).toBe('(a || (b && c))');
    expect(grouped('a && b || c')).toBe('((a && b) || c)');
    expect(grouped('a && b == c')).toBe('(a && (b == c))');
    expect(grouped('a < b + c')).toBe('(a < (b + c))');
    expect(grouped('a + b * c')).toBe('(a + (b * c))');
    expect(grouped('a * b + c % d')).toBe('((a * b) + (c % d))');
    expect(grouped('-a * b')).toBe('((-a) * b)');
    expect(grouped('!a && b')).toBe('((!a) && b)');
    expect(grouped('a || b && c == d + e * -f')).toBe('(a || (b && (c == (d + (e * (-f))))))');
  });

  it('associates to the left within a level', () => {
    expect(grouped('a - b - c')).toBe('((a - b) - c)');
    expect(grouped('a / b * c % d')).toBe('(((a / b) * c) % d)');
    expect(grouped('a || b || c')).toBe('((a || b) || c)');
    expect(grouped('a && b && c')).toBe('((a && b) && c)');
  });

  it('applies prefix operators right to left', () => {
    expect(grouped('!!a')).toBe('(!(!a))');
    expect(grouped('!-a')).toBe('(!(-a))');
    expect(grouped('a - -b')).toBe('(a - (-b))');
  });

  it('lets parentheses override, and widens the span to cover them', () => {
    const { expr, text } = expression('(a + b) * c');
    expect(show(expr)).toBe('((a + b) * c)');
    expect(slice(text, expr.span)).toBe('(a + b) * c');
    expect(expr.kind === 'Binary' && slice(text, expr.left.span)).toBe('(a + b)');
  });

  it('gives binary and unary nodes spans from their first to their last token', () => {
    const { expr, text } = expression('x.y >= 100 && !in(S)');
    expect(slice(text, expr.span)).toBe('x.y >= 100 && !in(S)');
    expect(expr.kind === 'Binary' && slice(text, expr.right.span)).toBe('!in(S)');
    expect(expr.kind === 'Binary' && expr.left.kind === 'Binary' && slice(text, expr.left.left.span)).toBe('x.y');
  });

  it('reads every comparison operator', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) expect(grouped(`a ${op} b`)).toBe(`(a ${op} b)`);
  });

  it('reports chained comparisons at the operator that chains', () => {
    expect(codes(inFlow('var v: bool = a < b < c'))).toEqual([{ code: 'FLOW1011', line: 2, column: 21 }]);
    expect(codes(inFlow('var v: bool = a == b != c && d'))).toEqual([{ code: 'FLOW1011', line: 2, column: 22 }]);
    expect(codes(inFlow('var v: bool = (a < b) == c && a < b'))).toEqual([]);
  });
});
