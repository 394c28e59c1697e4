import { describe, expect, it } from 'vitest';
import { chooseFlow } from '../../bin/simulate-flow.js';

describe('chooseFlow', () => {
  it('takes the only flow of a file, or the one named', () => {
    expect(chooseFlow('a.flow', ['Ring'], undefined)).toBe('Ring');
    expect(chooseFlow('a.flow', ['Ring', 'Agent'], 'Agent')).toBe('Agent');
  });

  it('asks for --flow when the file has several, naming them', () => {
    expect(chooseFlow('a.flow', ['Ring', 'Agent'], undefined)).toEqual({ message: '`a.flow` has several flows (`Ring`, `Agent`): choose one with --flow' });
  });

  it('says which flows there are when the one named is not among them', () => {
    expect(chooseFlow('a.flow', ['Ring'], 'Rnig')).toEqual({ message: '`a.flow` has no flow `Rnig` (it has `Ring`)' });
    expect(chooseFlow('a.flow', [], undefined)).toEqual({ message: '`a.flow` has no flow to simulate' });
  });
});
