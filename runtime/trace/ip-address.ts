/**
 * Text forms of IP addresses, cached: a capture has few distinct addresses
 * and many packets, so each is formatted once.
 */
/** Slots of the recent-address table (a power of two). */
const RECENT = 64;

export class IpAddressCache {
  readonly #v4 = new Map<number, string>();
  readonly #v6 = new Map<string, string>();
  /**
   * The last IPv4 addresses seen, direct-mapped by their low byte in front
   * of the map: every packet looks up two addresses, and a map keyed by
   * numbers above 2**30 boxes each key and hashes it.
   */
  readonly #recentKeys = new Int32Array(RECENT);
  readonly #recentTexts: (string | undefined)[] = new Array<string | undefined>(RECENT).fill(undefined);

  ipv4(buf: Buffer, at: number): string {
    const key = (((buf[at] ?? 0) << 24) | ((buf[at + 1] ?? 0) << 16) | ((buf[at + 2] ?? 0) << 8) | (buf[at + 3] ?? 0)) | 0;
    const slot = (key ^ (key >>> 8)) & (RECENT - 1);
    const recent = this.#recentTexts[slot];
    if (recent !== undefined && this.#recentKeys[slot] === key) return recent;
    let text = this.#v4.get(key);
    if (text === undefined) {
      text = `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`;
      this.#v4.set(key, text);
    }
    this.#recentKeys[slot] = key;
    this.#recentTexts[slot] = text;
    return text;
  }

  ipv6(buf: Buffer, at: number): string {
    const key = buf.toString('latin1', at, at + 16);
    let text = this.#v6.get(key);
    if (text === undefined) {
      text = formatIpv6(buf, at);
      this.#v6.set(key, text);
    }
    return text;
  }
}

/** RFC 5952 text: lowercase hex, the longest run of two or more zero groups as `::`. */
export function formatIpv6(buf: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((buf[at + 2 * i] ?? 0) << 8) | (buf[at + 2 * i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
