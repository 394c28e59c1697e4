/**
 * Numbers for values the reader sends once and then names by number
 * (strings and endpoints that recur in every batch): `fresh` holds those
 * numbered since the last `take`, for the batch to carry to the main
 * thread, which numbers them in the same order.
 */
export class InternTable<T> {
  readonly #ids = new Map<T, number>();
  #fresh: T[] = [];

  get size(): number {
    return this.#ids.size;
  }

  id(value: T): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(value, id);
      this.#fresh.push(value);
    }
    return id;
  }

  /** The values numbered since the last call, in order; the next ones go into a new list. */
  takeFresh(): T[] {
    const fresh = this.#fresh;
    this.#fresh = [];
    return fresh;
  }

  /** Forgets every number (the main thread is told to do the same). */
  clear(): void {
    this.#ids.clear();
    this.#fresh = [];
  }
}
