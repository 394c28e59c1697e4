/** The text of every `.flow` file below a folder of the repository (its seed flows, its fixtures), for tests that run over all of them. */
import { readdirSync, readFileSync } from 'node:fs';

const repo = new URL('../../', import.meta.url);

export function flowsUnder(dir: string): string[] {
  const root = new URL(dir, repo);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.flow'))
    .map((name) => readFileSync(new URL(name, root), 'utf8'));
}
