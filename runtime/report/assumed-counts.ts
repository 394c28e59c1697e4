/**
 * The commands simulate assumed, counted per command once there are more
 * than a line can list: a capture of 10,000 calls has a command assumed in
 * each, and one entry per command made a terminal line of ~950 KB (and an
 * HTML row as long). The JSON output lists them all.
 */
import type { SimulationResult } from '../simulate/index.js';

/** Up to this many assumed commands are listed one by one. */
export const LISTED_ASSUMED = 6;

/** `20000 commands: 10000 Consult (first at frame 38204), 10000 Transfer (first at frame 92276)`; undefined when they are few enough to list. */
export function assumedCounts(assumed: SimulationResult['assumed']): string | undefined {
  if (assumed.length <= LISTED_ASSUMED) return undefined;
  const byEvent = new Map<string, { count: number; first: number }>();
  for (const a of assumed) {
    const seen = byEvent.get(a.event);
    if (seen === undefined) byEvent.set(a.event, { count: 1, first: a.frame });
    else seen.count++;
  }
  const counts = [...byEvent].map(([event, { count, first }]) => `${count} ${event} (first at frame ${first})`);
  return `${assumed.length} commands: ${counts.join(', ')}`;
}
