/**
 * Reads untrusted JSON and says where it is wrong: every problem names the
 * key it is about as a path (`routes[2].header.name`), so a message points
 * at the line to fix. Readers return a value or undefined and never throw.
 */

export interface ConfigProblem {
  /** Where in the file: `drachtio.port`, `routes[0].flow`; '' for the whole document. */
  readonly path: string;
  readonly message: string;
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export class ConfigReader {
  readonly problems: ConfigProblem[] = [];

  problem(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  /** An object with only the keys listed; unknown keys are reported (a typo otherwise goes unnoticed). */
  object(value: unknown, path: string, keys: readonly string[]): JsonObject | undefined {
    if (!isObject(value)) return this.problem(path, `must be an object, not ${describeJson(value)}`);
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) this.problem(join(path, key), `unknown key (expected one of: ${keys.join(', ')})`);
    }
    return value;
  }

  /** An object whose keys are the user's own (input names). */
  record(value: unknown, path: string): JsonObject | undefined {
    if (!isObject(value)) return this.problem(path, `must be an object, not ${describeJson(value)}`);
    return value;
  }

  string(value: unknown, path: string): string | undefined {
    if (value === undefined) return this.problem(path, 'is required (a non-empty string)');
    if (typeof value !== 'string' || value.trim() === '') return this.problem(path, `must be a non-empty string, not ${describeJson(value)}`);
    return value;
  }

  optionalString(value: unknown, path: string): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  port(value: unknown, path: string): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
      return this.problem(path, `must be a port number (0 to 65535), not ${describeJson(value)}`);
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value !== 'boolean') return this.problem(path, `must be true or false, not ${describeJson(value)}`);
    return value;
  }

  positive(value: unknown, path: string): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return this.problem(path, `must be a number of seconds (0 or more), not ${describeJson(value)}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T | undefined {
    const found = choices.find((c) => c === value);
    if (found === undefined) return this.problem(path, `must be one of ${choices.map((c) => `"${c}"`).join(', ')}, not ${describeJson(value)}`);
    return found;
  }

  stringList(value: unknown, path: string): string[] | undefined {
    if (!Array.isArray(value)) return this.problem(path, `must be a list of strings, not ${describeJson(value)}`);
    const out: string[] = [];
    value.forEach((item, i) => {
      const s = this.string(item, `${path}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out;
  }
}

export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** `path: message`, or the message alone for the whole document. */
export function formatProblem(problem: ConfigProblem): string {
  return problem.path === '' ? problem.message : `\`${problem.path}\`: ${problem.message}`;
}
