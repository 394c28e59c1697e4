/**
 * chevrotain's runtime values, loaded from the single-file ESM build that the
 * package ships. The package entry (`lib/src/api.js`) pulls lodash-es in
 * module by module, ~0.45 s of CPU on every cold `flowc check`; the bundled
 * `lib/chevrotain.mjs` of the same release loads in ~0.07 s. The package's
 * exports map does not expose that file, so it is found beside the entry;
 * any other layout falls back to the entry. Types still come from 'chevrotain'.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Chevrotain = typeof import('chevrotain');

async function loadChevrotain(): Promise<Chevrotain> {
  try {
    const entry = createRequire(import.meta.url).resolve('chevrotain');
    const bundled = join(dirname(entry), '..', 'chevrotain.mjs');
    if (existsSync(bundled)) return (await import(pathToFileURL(bundled).href)) as Chevrotain;
  } catch {
    // an unexpected layout: the package entry below always works
  }
  return import('chevrotain');
}

const chevrotain = await loadChevrotain();

export const EmbeddedActionsParser: Chevrotain['EmbeddedActionsParser'] = chevrotain.EmbeddedActionsParser;
export const EOF: Chevrotain['EOF'] = chevrotain.EOF;
export const Lexer: Chevrotain['Lexer'] = chevrotain.Lexer;
export const createToken: Chevrotain['createToken'] = chevrotain.createToken;
export const tokenMatcher: Chevrotain['tokenMatcher'] = chevrotain.tokenMatcher;

// The classes are also types where the grammar annotates instances.
export type EmbeddedActionsParser = import('chevrotain').EmbeddedActionsParser;
export type Lexer = import('chevrotain').Lexer;
