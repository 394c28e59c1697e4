#!/usr/bin/env node
/**
 * The `flowc` command line: argument parsing, then one command module, loaded
 * only when it runs (chevrotain and ts-morph are slow to load; `--help` must
 * not pay for them).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { exitQuietlyOnBrokenPipe } from './broken-pipe.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Colours only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
const color = (stream: NodeJS.WriteStream): boolean => stream.isTTY === true && process.env['NO_COLOR'] === undefined;

const formatOption = (): Option => new Option('--format <format>', 'diagnostics as text or json').choices(['text', 'json']).default('text');

function program(setExit: (code: number) => void): Command {
  const cli = new Command('flowc')
    .description('Declarative call flows: compile, check, graph, simulate and run .flow files')
    .version(version, '-V, --version')
    .showHelpAfterError('(run `flowc --help` for usage)')
    .exitOverride();

  cli
    .command('compile')
    .description('check .flow files and generate a typed TypeScript state machine per flow')
    .argument('<paths...>', '.flow files or directories (searched recursively)')
    .option('-o, --out-dir <dir>', 'directory for the generated files (default: beside each .flow file)')
    .addOption(formatOption())
    .option('--strict', 'treat warnings as errors', false)
    .option('--emit <kinds>', 'comma-separated outputs: ts, js, d.ts', 'ts,js,d.ts')
    .option('-w, --watch', 'recompile when a file changes', false)
    .option('--typecheck', 'also type-check the generated .ts and .d.ts with TypeScript, strict, no `any` (loads TypeScript: ~1-2 s more)', false)
    .addHelpText('after', '\nExamples:\n  flowc compile flows/\n  flowc compile flows/pom/external-transfer.flow --out-dir out --emit js,d.ts\n  flowc compile flows --format json --strict\n  flowc compile flows --typecheck')
    .action(async (paths: string[], opts: { outDir?: string; format: 'text' | 'json'; strict: boolean; emit: string; watch: boolean; typecheck: boolean }) => {
      const kinds = opts.emit.split(',').map((k) => k.trim());
      const bad = kinds.filter((k) => k !== 'ts' && k !== 'js' && k !== 'd.ts');
      if (bad.length > 0) {
        process.stderr.write(`error: unknown --emit kind \`${bad.join('`, `')}\` (expected ts, js, d.ts)\n`);
        setExit(EXIT_USAGE);
        return;
      }
      const { runCompile } = await import('./commands/compile.js');
      setExit(
        await runCompile(paths, {
          ...(opts.outDir === undefined ? {} : { outDir: opts.outDir }),
          format: opts.format,
          strict: opts.strict,
          color: color(process.stderr),
          kinds: kinds as ('ts' | 'js' | 'd.ts')[],
          watch: opts.watch,
          typecheck: opts.typecheck,
        }),
      );
    });

  cli
    .command('check')
    .description('report diagnostics only (no code generation)')
    .argument('<paths...>', '.flow files or directories')
    .addOption(formatOption())
    .option('--strict', 'treat warnings as errors', false)
    .addHelpText('after', '\nExamples:\n  flowc check flows/pom/agent.flow\n  flowc check flows --format json')
    .action(async (paths: string[], opts: { format: 'text' | 'json'; strict: boolean }) => {
      const { runCheck } = await import('./commands/check.js');
      setExit(await runCheck(paths, { format: opts.format, strict: opts.strict, color: color(process.stderr) }));
    });

  cli
    .command('graph')
    .description('draw the statechart of each flow in a .flow file (Mermaid, Graphviz DOT or SVG)')
    .argument('<file>', 'a .flow file')
    .option('--flow <name>', 'draw only this flow (default: every flow in the file)')
    .addOption(new Option('--format <format>', 'mermaid, dot or svg (default: from the -o extension, else mermaid)').choices(['mermaid', 'dot', 'svg']))
    .option('-o, --out <file>', 'write the diagram to this file instead of stdout')
    .addHelpText('after', '\nExamples:\n  flowc graph flows/pom/external-transfer.flow\n  flowc graph flows/pom/external-transfer.flow --flow ExternalTransfer --format dot\n  flowc graph flows/pom/external-transfer.flow -o external-transfer.svg')
    .action(async (file: string, opts: { flow?: string; format?: 'mermaid' | 'dot' | 'svg'; out?: string }) => {
      const { runGraph } = await import('./commands/graph.js');
      setExit(
        await runGraph(file, {
          ...(opts.flow === undefined ? {} : { flow: opts.flow }),
          ...(opts.format === undefined ? {} : { format: opts.format }),
          ...(opts.out === undefined ? {} : { out: opts.out }),
          color: color(process.stderr),
        }),
      );
    });

  const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
  cli
    .command('simulate')
    .description('replay SIP captures (pcap, pcapng, text logs) and JSONL event logs through a flow and report where they diverge')
    .argument('<flow>', 'a .flow file')
    .argument('<traces...>', 'pcap, pcapng or text-log captures, and .jsonl event logs')
    .option('--flow <name>', 'the flow to replay when the file has several')
    .option('--as <addr[:port]>', 'an address of the flow side (repeatable; default: inferred from the trace)', collect)
    .option('--input <name=value>', 'a flow input (repeatable; inputs not given match any value)', collect)
    .option('--inputs <file.json>', 'flow inputs as a JSON object (--input wins over it; <capture>.inputs.json beside a capture gives that trace its own)')
    .option('--strict-commands', 'never assume application commands the trace lacks')
    .option('--json', 'print one JSON document (results and totals) on stdout')
    .option('--report <out.html>', 'also write a self-contained HTML report with SVG ladders')
    .option('--ladder', 'always draw the whole ladder (default: whole for short traces, around the divergence for long ones)')
    .option('--no-ladder', 'never draw the ladder')
    .option('-q, --quiet', 'only verdicts, divergences and totals')
    .option('--no-read-ahead', 'read captures on the main thread (default: a capture of 64 MB or more is read in a worker thread while it replays, when the machine has more than one core)')
    .addHelpText(
      'after',
      '\nEvent logs (.jsonl, .ndjson) are merged by time into the capture with the same name (call.pcap + call.jsonl),' +
        '\nor into every capture when they share no capture\'s name. See docs/simulate-output.md.' +
        '\nCaptures of FLOWC_READ_AHEAD_MIN_BYTES bytes or more are read ahead (default 67108864; see docs/simulate.md).' +
        '\n\nExamples:\n  flowc simulate flows/pom/external-transfer.flow test/fixtures/traces/external-transfer-happy.pcap' +
        '\n  flowc simulate flows/pom/external-transfer.flow call.pcap desktop.jsonl --as 10.0.0.10 --input agentUri=sip:5020@10.0.0.20' +
        '\n  flowc simulate flows/pom/external-transfer.flow captures/*.pcap --quiet --report report.html' +
        '\n  flowc simulate flows/pom/external-transfer.flow call.pcap --strict-commands --json',
    )
    .action(
      async (
        flow: string,
        traces: string[],
        opts: {
          flow?: string;
          as?: string[];
          input?: string[];
          inputs?: string;
          strictCommands?: boolean;
          json?: boolean;
          report?: string;
          ladder?: boolean;
          quiet?: boolean;
          readAhead?: boolean;
        },
      ) => {
        const { runSimulate } = await import('./commands/simulate.js');
        setExit(
          await runSimulate(flow, traces, {
            ...opts,
            as: opts.as ?? [],
            input: opts.input ?? [],
            strictCommands: opts.strictCommands === true,
            json: opts.json === true,
            quiet: opts.quiet === true,
            color: color(process.stdout),
            errorColor: color(process.stderr),
            progress: process.stderr.isTTY === true,
            readAhead: opts.readAhead !== false,
          }),
        );
      },
    );

  cli
    .command('run')
    .description('run flows live: SIP through drachtio-server, media through FreeSWITCH, a control API; SIGTERM drains')
    .argument('[paths...]', '.flow files or directories (besides `flows` in the config)')
    .option('-c, --config <file>', 'a JSON config file (docs/run.md); flags override it')
    .option('--drachtio <host:port:secret>', 'connect to drachtio-server (inbound mode)')
    .option('--listen <[host:]port:secret>', 'let drachtio-server connect to flowc (outbound mode)')
    .option('--freeswitch <host:port:secret>', 'FreeSWITCH event socket for media (without it, signalling only)')
    .option('--api <[host:]port>', 'serve the HTTP + WebSocket control API')
    .option('--api-token <token>', 'require this bearer token on the API (or set FLOWC_API_TOKEN)')
    .option('--store <dir>', 'keep session snapshots in this directory (default: flowc-state)')
    .option('--store-url <redis-url>', 'keep session snapshots in Redis: redis://host:port/db (docs/run.md)')
    .option('--memory-store', 'keep session snapshots in memory only (no resume after a restart)')
    .option('--sdp-address <address>', 'the address in the SDP offered when there is no FreeSWITCH')
    .option('--drain <seconds>', 'how long calls may go on after SIGTERM before they are ended')
    .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .addHelpText(
      'after',
      '\nExamples:\n  flowc run flows/kalliope --drachtio 127.0.0.1:9022:cymru --freeswitch 127.0.0.1:8021:ClueCon --config run.json' +
        '\n  flowc run flows/pom --listen 4000:cymru --api 127.0.0.1:8080 --api-token $TOKEN --log-level debug',
    )
    .action(
      async (
        paths: string[],
        opts: { config?: string; drachtio?: string; listen?: string; freeswitch?: string; api?: string; apiToken?: string; store?: string; storeUrl?: string; memoryStore?: boolean; sdpAddress?: string; drain?: string; logLevel?: string },
      ) => {
        const { runRun } = await import('./commands/run.js');
        setExit(await runRun(paths, { ...opts, color: color(process.stderr) }));
      },
    );

  return cli;
}

async function main(): Promise<void> {
  let exitCode = EXIT_OK;
  const cli = program((code) => {
    exitCode = code;
  });
  try {
    await cli.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are not errors; everything else commander rejects is bad usage
      exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    } else {
      // an exception here is a flowc bug, not bad input: say so plainly, keep the trace for reports
      process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nplease report this with the command you ran\n`);
      exitCode = 70;
    }
  }
  process.exitCode = exitCode;
}

exitQuietlyOnBrokenPipe();
await main();
