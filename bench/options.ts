/** Command-line options of `npm run bench` and the sizes each mode uses. */

export interface BenchOptions {
  readonly quick: boolean;
  readonly json: boolean;
  /** Sections to run (all when empty): dispatch, compile, cli, replay, live. */
  readonly only: readonly string[];
  /** Paired rounds per ratio. */
  readonly rounds: number;
  /** Target duration of one timed batch. */
  readonly batchMs: number;
  /** Sessions and actors held at once for the memory figure. */
  readonly liveSessions: number;
  /** Lines of the generated flow for the compile figures. */
  readonly generatedLines: number;
  /** Cold processes per CLI figure. */
  readonly processes: number;
  /** Calls in the synthetic replay capture. */
  readonly calls: number;
  /** The live section (real drachtio-server): calls per burst, calls held at once, paired rounds. */
  readonly live: { readonly calls: number; readonly held: number; readonly rounds: number };
}

export const SECTIONS = ['dispatch', 'compile', 'cli', 'replay', 'live'] as const;

export function parseOptions(argv: readonly string[]): BenchOptions | string {
  let quick = false;
  let json = false;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg === '--only') {
      const value = argv[++i];
      if (value === undefined) return '--only needs a section';
      for (const s of value.split(',')) {
        if (!(SECTIONS as readonly string[]).includes(s)) return `unknown section \`${s}\` (expected ${SECTIONS.join(', ')})`;
        only.push(s);
      }
    } else if (arg === '--help' || arg === '-h') return 'help';
    else return `unknown option \`${arg ?? ''}\``;
  }
  // Quick: a smoke run in seconds; its figures are rough and say so in the header.
  return quick
    ? { quick, json, only, rounds: 3, batchMs: 20, liveSessions: 10_000, generatedLines: 500, processes: 1, calls: 500, live: { calls: 200, held: 100, rounds: 1 } }
    : { quick, json, only, rounds: 9, batchMs: 60, liveSessions: 100_000, generatedLines: 10_000, processes: 5, calls: 10_000, live: { calls: 1_000, held: 500, rounds: 3 } };
}

export const USAGE = `usage: npm run bench -- [--quick] [--json] [--only ${SECTIONS.join(',')}]
  --quick   small sizes, few rounds: a smoke run, rough figures
  --json    one JSON document on stdout instead of the table
  --only    run only the named sections`;
