import { describe, expect, it } from 'vitest';
import { dotStatement, dotString, htmlText } from '../../../compiler/graph/dot-text.js';

describe('dot-text', () => {
  it('quotes DOT strings, escaping quotes and backslashes, keeping newlines as \\n', () => {
    expect(dotString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\nd"');
  });

  it('escapes HTML-like label text', () => {
    expect(htmlText('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; &quot;d&quot;');
  });

  it('writes attribute lists only when there are attributes', () => {
    expect(dotStatement('"A"', [])).toBe('"A";');
    expect(dotStatement('"A" -> "B"', ['label="x"', 'dir=back'])).toBe('"A" -> "B" [label="x", dir=back];');
  });
});
