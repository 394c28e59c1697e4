/** What each kind of divergence means, in one phrase, for every renderer. */
import type { Divergence } from '../simulate/index.js';

const PHRASES: Readonly<Record<Divergence['reason'], string>> = {
  unexpected: 'the flow side sent a message the flow does not explain',
  mismatch: 'the flow side sent the expected message, but it differs in a detail',
  missing: 'the trace lacks a message the flow sends',
  overdue: 'the flow side went on before sending a message the flow expected',
  noCall: 'the trace holds no call of the flow: nothing was compared',
};

export function divergencePhrase(reason: Divergence['reason']): string {
  return PHRASES[reason];
}
