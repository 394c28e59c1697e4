/**
 * Text forms of IP addresses, cached: a capture has few distinct addresses
 * and many packets, so each is formatted once.
 */
export class IpAddressCache {
  readonly #v4 = new Map<number, string>();
  readonly #v6 = new Map<string, string>();

  ipv4(buf: Buffer, at: number): string {
    const key = buf.readUInt32BE(at);
    let text = this.#v4.get(key);
    if (text === undefined) {
      text = `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`;
      this.#v4.set(key, text);
    }
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
