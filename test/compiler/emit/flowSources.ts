/** The `.flow` files every generated-code test runs over: the seed flows, the valid fixtures and this folder's own. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Source } from '../../../grammar/source.js';

export const REPO = join(import.meta.dirname, '..', '..', '..');

function flowFiles(dir: string, recursive: boolean): string[] {
  const root = join(REPO, dir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive })
    .map(String)
    .filter((name) => name.endsWith('.flow'))
    .map((name) => join(root, name))
    .sort();
}

export function readSource(absolute: string): Source {
  return { path: relative(REPO, absolute).replace(/\\/g, '/'), text: readFileSync(absolute, 'utf8') };
}

export function allFlowSources(): Source[] {
  return [...flowFiles('flows', true), ...flowFiles('test/fixtures/valid', false), ...flowFiles('test/compiler/emit/fixtures', false)].map(readSource);
}
