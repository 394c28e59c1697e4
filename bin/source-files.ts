/**
 * The file system edge of the CLI: find `.flow` files under the paths a user
 * names, read them, and write outputs only when their content changed (so
 * builds that watch mtimes stay incremental).
 */
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type { Source } from '../grammar/source.js';

export interface CollectResult {
  readonly sources: Source[];
  /** Paths that do not exist or cannot be read, with the reason. */
  readonly problems: { readonly path: string; readonly reason: string }[];
}

async function walk(path: string, out: string[]): Promise<void> {
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) await walk(child, out);
    else if (extname(entry.name) === '.flow') out.push(child);
  }
}

export async function collectSources(paths: readonly string[]): Promise<CollectResult> {
  const files: string[] = [];
  const problems: { path: string; reason: string }[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) await walk(path, files);
      else files.push(path);
    } catch (error) {
      problems.push({ path, reason: describeFsError(error) });
    }
  }
  const sources: Source[] = [];
  for (const path of files) {
    try {
      sources.push({ path, text: await readFile(path, 'utf8') });
    } catch (error) {
      problems.push({ path, reason: describeFsError(error) });
    }
  }
  return { sources, problems };
}

export function describeFsError(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
  }
  return error instanceof Error ? error.message : String(error);
}

/** Writes `text` to `path` unless the file already holds exactly that text. Returns whether it wrote. */
export async function writeIfChanged(path: string, text: string): Promise<boolean> {
  try {
    if ((await readFile(path, 'utf8')) === text) return false;
  } catch {
    // missing file: write it
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return true;
}
