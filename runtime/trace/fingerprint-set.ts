/**
 * A set of 64-bit fingerprints (two int32 halves), open-addressed in one
 * typed array with the halves side by side (a probe touches one cache line):
 * adding or finding one allocates nothing, where a `Set` of 53-bit numbers
 * boxes each key. Grows by doubling at half load; `clear` keeps the memory
 * for the next generation of the retransmission detector.
 */
export class FingerprintSet {
  /** Slot k is `keys[2k]` (first half) and `keys[2k + 1]` (second half, bit 0 forced to 1 so that 0 marks an empty slot). */
  #keys: Int32Array;
  #mask: number;
  #size = 0;

  constructor(capacity = 1024) {
    this.#keys = new Int32Array(2 * capacity);
    this.#mask = capacity - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** Adds the fingerprint; true when it was already there. */
  add(a: number, b: number): boolean {
    const tagged = b | 1;
    let slot = this.#slot(a, tagged);
    if (this.#keys[slot + 1] === tagged) return true;
    if (2 * (this.#size + 1) > this.#mask + 1) {
      this.#grow();
      slot = this.#slot(a, tagged);
    }
    this.#keys[slot] = a;
    this.#keys[slot + 1] = tagged;
    this.#size++;
    return false;
  }

  has(a: number, b: number): boolean {
    const tagged = b | 1;
    return this.#keys[this.#slot(a, tagged) + 1] === tagged;
  }

  clear(): void {
    if (this.#size === 0) return;
    this.#keys.fill(0);
    this.#size = 0;
  }

  /** Where (index of the first half) the fingerprint is, or the empty slot where it would go (linear probing). */
  #slot(a: number, tagged: number): number {
    const keys = this.#keys;
    const mask = this.#mask;
    let slot = (a ^ (tagged >>> 7)) & mask;
    for (;;) {
      const at = 2 * slot;
      const stored = keys[at + 1];
      if (stored === 0 || (stored === tagged && keys[at] === a)) return at;
      slot = (slot + 1) & mask;
    }
  }

  #grow(): void {
    const old = this.#keys;
    const capacity = old.length; // twice the slots
    this.#keys = new Int32Array(2 * capacity);
    this.#mask = capacity - 1;
    for (let at = 0; at < old.length; at += 2) {
      const b = old[at + 1] ?? 0;
      if (b === 0) continue;
      const a = old[at] ?? 0;
      const slot = this.#slot(a, b);
      this.#keys[slot] = a;
      this.#keys[slot + 1] = b;
    }
  }
}
