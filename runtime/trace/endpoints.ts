import type { Endpoint } from './trace-item.js';

interface RecentDirection {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly name: string;
}

/** How many recent endpoints and directions are looked at before the maps (a power of two). */
const RECENT = 4;

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
  readonly #recentEndpoints: Endpoint[] = [];
  readonly #recentDirections: RecentDirection[] = [];
  #nextEndpoint = 0;
  #nextDirection = 0;

  endpoint(ip: string, port: number): Endpoint {
    const recent = this.#recentEndpoints;
    for (const e of recent) if (e.port === port && e.ip === ip) return e;
    const endpoint = this.#intern(ip, port);
    if (recent.length < RECENT) recent.push(endpoint);
    else recent[this.#nextEndpoint++ & (RECENT - 1)] = endpoint;
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
    const recent = this.#recentDirections;
    for (const d of recent) if (d.src === src && d.dst === dst) return d.name;
    const name = this.#directionName(src, dst);
    const entry: RecentDirection = { src, dst, name };
    if (recent.length < RECENT) recent.push(entry);
    else recent[this.#nextDirection++ & (RECENT - 1)] = entry;
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
