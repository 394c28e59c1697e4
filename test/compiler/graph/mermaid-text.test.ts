import { describe, expect, it } from 'vitest';
import { mermaidText } from '../../../compiler/graph/mermaid-text.js';

describe('mermaidText', () => {
  it('encodes the characters that end or split a Mermaid label', () => {
    expect(mermaidText('a;b:c#d')).toBe('a#59;b#58;c#35;d');
  });

  it('encodes < and & only where HTML would read a tag or an entity', () => {
    expect(mermaidText('status < 200 && status <= 3')).toBe('status < 200 && status <= 3');
    expect(mermaidText('"<b>" & "&amp;"')).toBe('"#60;b>" & "#38;amp#59;"');
  });
});
