import type { Endpoint } from './trace-item.js';

/**
 * Interns endpoints and direction names so a trace of a million messages
 * between a few hosts allocates a few objects, not millions.
 */
export class EndpointTable {
  readonly #endpoints = new Map<string, Map<number, Endpoint>>();
  readonly #directions = new Map<Endpoint, Map<Endpoint, string>>();

  endpoint(ip: string, port: number): Endpoint {
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
