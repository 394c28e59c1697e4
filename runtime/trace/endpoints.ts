import type { Endpoint } from './trace-item.js';

interface RecentDirection {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly name: string;
}

/** How many recent endpoints and directions are looked at before the maps (a power of two). */
const RECENT = 4;

/** The last few values handed out, the oldest replaced first; callers search `items` themselves (no callback per lookup). */
class RecentValues<T> {
  readonly items: T[] = [];
  #next = 0;

  remember(value: T): void {
    if (this.items.length < RECENT) this.items.push(value);
    else this.items[this.#next++ & (RECENT - 1)] = value;
  }
}

/**
 * Interns endpoints and direction names so a trace of a million messages
 * between a few hosts allocates a few objects, not millions.
 */
export class EndpointTable {
  readonly #endpoints = new Map<string, Map<number, Endpoint>>();
  readonly #directions = new Map<Endpoint, Map<Endpoint, string>>();
  /**
   * The last endpoints and directions handed out, looked at before the maps:
   * consecutive packets are mostly between the same few endpoints, and two
   * map lookups per endpoint and per direction cost more than a few
   * comparisons (addresses come from `IpAddressCache`, so equal ones are
   * usually the same string and compare at once).
   */
  readonly #recentEndpoints = new RecentValues<Endpoint>();
  readonly #recentDirections = new RecentValues<RecentDirection>();

  endpoint(ip: string, port: number): Endpoint {
    for (const e of this.#recentEndpoints.items) if (e.port === port && e.ip === ip) return e;
    const endpoint = this.#intern(ip, port);
    this.#recentEndpoints.remember(endpoint);
    return endpoint;
  }

  #intern(ip: string, port: number): Endpoint {
    let ports = this.#endpoints.get(ip);
    if (ports === undefined) {
      ports = new Map();
      this.#endpoints.set(ip, ports);
    }
    let endpoint = ports.get(port);
    if (endpoint === undefined) {
      endpoint = { ip, port };
      ports.set(port, endpoint);
    }
    return endpoint;
  }

  /** `src -> dst` as one string, the same object every time for the same pair. */
  direction(src: Endpoint, dst: Endpoint): string {
    for (const d of this.#recentDirections.items) if (d.src === src && d.dst === dst) return d.name;
    const name = this.#directionName(src, dst);
    this.#recentDirections.remember({ src, dst, name });
    return name;
  }

  #directionName(src: Endpoint, dst: Endpoint): string {
    let byDst = this.#directions.get(src);
    if (byDst === undefined) {
      byDst = new Map();
      this.#directions.set(src, byDst);
    }
    let name = byDst.get(dst);
    if (name === undefined) {
      name = `${formatEndpoint(src)} -> ${formatEndpoint(dst)}`;
      byDst.set(dst, name);
    }
    return name;
  }
}

/** `10.0.0.1:5060`, `[2001:db8::1]:5060`. */
export function formatEndpoint(endpoint: Endpoint): string {
  return endpoint.ip.includes(':') ? `[${endpoint.ip}]:${endpoint.port}` : `${endpoint.ip}:${endpoint.port}`;
}
