/**
 * A set of 64-bit fingerprints (two int32 halves), open-addressed in typed
 * arrays: adding or finding one allocates nothing, where a `Set` of
 * 53-bit numbers boxes each key. Grows by doubling at half load; `clear`
 * keeps the memory for the next generation of the retransmission detector.
 */
export class FingerprintSet {
  #a: Int32Array;
  /** The second halves, with bit 0 forced to 1 so that 0 marks an empty slot. */
  #b: Int32Array;
  #mask: number;
  #size = 0;

  constructor(capacity = 1024) {
    this.#a = new Int32Array(capacity);
    this.#b = new Int32Array(capacity);
    this.#mask = capacity - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** Adds the fingerprint; true when it was already there. */
  add(a: number, b: number): boolean {
    const tagged = b | 1;
    let slot = this.#slot(a, tagged);
    if (this.#b[slot] === tagged) return true;
    if (2 * (this.#size + 1) > this.#a.length) {
      this.#grow();
      slot = this.#slot(a, tagged);
    }
    this.#a[slot] = a;
    this.#b[slot] = tagged;
    this.#size++;
    return false;
  }

  has(a: number, b: number): boolean {
    const tagged = b | 1;
    return this.#b[this.#slot(a, tagged)] === tagged;
  }

  clear(): void {
    if (this.#size === 0) return;
    this.#a.fill(0);
    this.#b.fill(0);
    this.#size = 0;
  }

  /** The slot holding the fingerprint, or the empty slot where it would go (linear probing). */
  #slot(a: number, tagged: number): number {
    const keysA = this.#a;
    const keysB = this.#b;
    const mask = this.#mask;
    let slot = (a ^ (tagged >>> 7)) & mask;
    for (;;) {
      const stored = keysB[slot];
      if (stored === 0 || (stored === tagged && keysA[slot] === a)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  #grow(): void {
    const oldA = this.#a;
    const oldB = this.#b;
    const capacity = oldA.length * 2;
    this.#a = new Int32Array(capacity);
    this.#b = new Int32Array(capacity);
    this.#mask = capacity - 1;
    for (let i = 0; i < oldA.length; i++) {
      const b = oldB[i] ?? 0;
      if (b === 0) continue;
      const a = oldA[i] ?? 0;
      const slot = this.#slot(a, b);
      this.#a[slot] = a;
      this.#b[slot] = b;
    }
  }
}
