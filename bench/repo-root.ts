/**
 * The repository root, found from this file: the bench runs both compiled
 * (dist/bench/) and as TypeScript under vitest (bench/), at different depths.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function repoRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'flowc') return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: no flowc package.json above this file');
    dir = parent;
  }
}
