/**
 * Addresses, endpoints and directions are interned, with the last few
 * looked at before the maps (ip-address.ts, endpoints.ts). Lookups that
 * hit, miss and evict those recent entries must all give the right text,
 * and the same endpoint object for the same address and port.
 */
import { describe, expect, it } from 'vitest';
import { EndpointTable } from '../../../runtime/trace/endpoints.js';
import { IpAddressCache } from '../../../runtime/trace/ip-address.js';

describe('IpAddressCache', () => {
  it('gives each IPv4 address its dotted text, whatever was looked up between', () => {
    const cache = new IpAddressCache();
    // 0.0.0.0 (key 0, as an unused slot holds) and many addresses whose keys share low bits: recent slots collide and are replaced.
    const addresses = [[0, 0, 0, 0], ...Array.from({ length: 300 }, (_, i) => [10, (i * 7) & 0xff, i >> 1, (i * 64) & 0xff]), [255, 255, 255, 255]];
    for (const sequence of [addresses, [...addresses].reverse(), addresses.flatMap((a) => [a, a])]) {
      for (const bytes of sequence) expect(cache.ipv4(Buffer.from(bytes), 0)).toBe(bytes.join('.'));
    }
  });
});

describe('EndpointTable', () => {
  it('gives the same endpoint and direction objects for the same keys, across more keys than it keeps recent', () => {
    const table = new EndpointTable();
    const keys = Array.from({ length: 12 }, (_, i) => ({ ip: `10.0.0.${i % 5}`, port: 5060 + (i % 3) }));
    const endpoints = new Map<string, ReturnType<EndpointTable['endpoint']>>();
    for (let round = 0; round < 4; round++) {
      for (const [i, key] of keys.entries()) {
        // A fresh string each time: equal addresses need not be the same string.
        const endpoint = table.endpoint(`${key.ip}`, key.port);
        expect(endpoint).toEqual(key);
        const name = `${key.ip}:${key.port}`;
        const seen = endpoints.get(name) ?? endpoint;
        endpoints.set(name, seen);
        expect(endpoint).toBe(seen);
        const other = keys[(i * 5 + round) % keys.length] ?? key;
        const dst = table.endpoint(other.ip, other.port);
        expect(table.direction(endpoint, dst)).toBe(`${name} -> ${other.ip}:${other.port}`);
      }
    }
    expect(endpoints.size).toBe(new Set(keys.map((k) => `${k.ip}:${k.port}`)).size);
  });
});
