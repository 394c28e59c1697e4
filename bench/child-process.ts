/**
 * Runs a node child to completion and reports its wall time and, on Linux,
 * its CPU time (user + system, from /proc/self/stat's children fields, which
 * grow when a waited-for child exits). CPU time stays honest when other
 * processes share the cores; wall time is what a user waits.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ChildRun {
  readonly wallMs: number;
  /** Undefined where /proc is not there. */
  readonly cpuMs: number | undefined;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runNode(args: readonly string[], cwd: string): ChildRun {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  return {
    wallMs,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** cutime + cstime of this process (fields 16 and 17 of /proc/self/stat), in ms. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cutime = Number(fields[13]);
    const cstime = Number(fields[14]);
    if (!Number.isFinite(cutime) || !Number.isFinite(cstime)) return undefined;
    // Clock ticks are 100 per second on every Linux node supports.
    return (cutime + cstime) * 10;
  } catch {
    return undefined;
  }
}
