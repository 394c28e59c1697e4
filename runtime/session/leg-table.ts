/**
 * Which port-level dialog each leg is on, so a SIP event on a dialog finds
 * its leg. A flow has a handful of legs, so the table is one flat array
 * `[leg, dialogId, leg, dialogId, ...]` scanned linearly: smaller and faster
 * than two Maps. Binding copies the array (binding is rare: dial, offer,
 * takeover), which keeps it exactly as long as it needs to be.
 */
export interface LegBinding {
  readonly leg: string;
  readonly dialogId: string;
}

export type LegTable = readonly string[];

/** Rebinding a leg (redial, takeover) forgets its previous dialog. */
export function bindLeg(table: LegTable | undefined, leg: string, dialogId: string): LegTable {
  if (table === undefined) return [leg, dialogId];
  for (let i = 0; i < table.length; i += 2) {
    if (table[i] === leg) {
      const copy = table.slice();
      copy[i + 1] = dialogId;
      return copy;
    }
  }
  // concat, not a spread: a spread literal grows its backing store as it goes and keeps the slack
  // (20 slots for 4 entries: ~130 bytes a live call).
  return table.concat(leg, dialogId);
}

export function dialogOfLeg(table: LegTable | undefined, leg: string): string | undefined {
  if (table === undefined) return undefined;
  for (let i = 0; i < table.length; i += 2) if (table[i] === leg) return table[i + 1];
  return undefined;
}

export function legOfDialog(table: LegTable | undefined, dialogId: string): string | undefined {
  if (table === undefined) return undefined;
  for (let i = 1; i < table.length; i += 2) if (table[i] === dialogId) return table[i - 1];
  return undefined;
}

export function legBindings(table: LegTable | undefined): LegBinding[] {
  const out: LegBinding[] = [];
  if (table === undefined) return out;
  for (let i = 0; i + 1 < table.length; i += 2) {
    const leg = table[i];
    const dialogId = table[i + 1];
    if (leg !== undefined && dialogId !== undefined) out.push({ leg, dialogId });
  }
  return out;
}
