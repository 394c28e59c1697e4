// `flowc compile` prints modules as text: a whole compile process never loads TypeScript or ts-morph (~0.5 s of import).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { REPO } from './flowSources.js';

/** Records every module the process loads: ESM through a resolve hook, CommonJS from require.cache at exit. */
const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(log, resolved.url + '\\n');
  return resolved;
}
`;

const REGISTER = (log: string, hooks: string): string => `
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register(${JSON.stringify(hooks)}, import.meta.url, { data: { log: ${JSON.stringify(log)} } });
process.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n'));
`;

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('flowc compile (ts, js, d.ts) loads neither typescript nor ts-morph', () => {
  dir = mkdtempSync(join(tmpdir(), 'flowc-no-typescript-'));
  const log = join(dir, 'loaded.txt');
  const hooks = join(dir, 'hooks.mjs');
  const register = join(dir, 'register.mjs');
  writeFileSync(log, '');
  writeFileSync(hooks, HOOKS);
  writeFileSync(register, REGISTER(log, pathToFileURL(hooks).href));
  const out = join(dir, 'out');
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, join(REPO, 'dist', 'bin', 'flowc.js'), 'compile', 'flows/pom/external-transfer.flow', '--out-dir', out], {
    cwd: REPO,
    encoding: 'utf8',
  });
  expect(run.stderr).toContain('3 written');
  expect(run.status).toBe(0);
  expect(existsSync(join(out, 'ExternalTransfer.flow.js'))).toBe(true);
  const loaded = readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
  // The recording works: it saw the compiler and the grammar's parser library.
  expect(loaded.some((url) => url.includes('/dist/compiler/emit/emitFlow.js'))).toBe(true);
  expect(loaded.some((url) => url.includes('/node_modules/chevrotain/'))).toBe(true);
  expect(loaded.filter((url) => /[\\/]node_modules[\\/](typescript|ts-morph|@ts-morph)[\\/]/.test(url))).toEqual([]);
});
