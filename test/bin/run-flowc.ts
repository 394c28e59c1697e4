/** Runs the built `flowc` as a child process and captures what a user would see. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface FlowcRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runFlowc(args: readonly string[], cwd: string = repoRoot, env: NodeJS.ProcessEnv = {}): FlowcRun {
  const result = spawnSync(process.execPath, [`${repoRoot}dist/bin/flowc.js`, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
