/**
 * Which port-level dialog each leg is on, so a SIP event on a dialog finds
 * its leg. A flow has a handful of legs: a flat array scanned linearly is
 * smaller and faster than two Maps.
 */
export interface LegBinding {
  readonly leg: string;
  readonly dialogId: string;
}

export class LegTable {
  // leg, dialogId, leg, dialogId, ...
  private readonly pairs: string[] = [];

  /** Rebinding a leg (redial, takeover) forgets its previous dialog. */
  bind(leg: string, dialogId: string): void {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === leg) {
        pairs[i + 1] = dialogId;
        return;
      }
    }
    pairs.push(leg, dialogId);
  }

  dialogOf(leg: string): string | undefined {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === leg) return pairs[i + 1];
    return undefined;
  }

  legOf(dialogId: string): string | undefined {
    const pairs = this.pairs;
    for (let i = 1; i < pairs.length; i += 2) if (pairs[i] === dialogId) return pairs[i - 1];
    return undefined;
  }

  bindings(): LegBinding[] {
    const out: LegBinding[] = [];
    const pairs = this.pairs;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const leg = pairs[i];
      const dialogId = pairs[i + 1];
      if (leg !== undefined && dialogId !== undefined) out.push({ leg, dialogId });
    }
    return out;
  }
}
