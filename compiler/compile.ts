/**
 * compile(): per file, parse -> check -> lower -> emit, stopping that file
 * at the first phase with errors (warnings do not stop it); a bad file never
 * stops the others. Never throws on user input: an exception inside a phase
 * is a compiler bug and becomes a FLOW3001 diagnostic on that file.
 */
import type { Diagnostic } from '../grammar/diagnostic.js';
import { parseFlowFile } from '../grammar/parse.js';
import type { Source, Span } from '../grammar/source.js';
import type { EMIT_CODES } from './catalog.js';
import { check } from './check.js';
import type { GeneratedKind } from './emit/emitFlow.js';
import { reservedNameClash } from './emit/generatedNames.js';
import { lowerFlow } from './lower/lowerFlow.js';
import type { FlowModel } from './model.js';

export type { GeneratedKind } from './emit/emitFlow.js';

export interface CompileOptions {
  /** Which files to produce per flow; default `['ts']`. */
  readonly kinds?: readonly GeneratedKind[];
  /** Directory of the generated files; default: beside each `.flow` file. */
  readonly outDir?: string;
}

export interface GeneratedFile {
  /** `<dir>/<Flow>.flow.ts` (or `.js`, `.d.ts`), `/`-separated. */
  readonly path: string;
  /** The flow's name. */
  readonly flow: string;
  readonly kind: GeneratedKind;
  readonly text: string;
}

export interface CompileResult {
  readonly files: GeneratedFile[];
  readonly diagnostics: Diagnostic[];
}

export interface CompiledModel {
  readonly source: Source;
  readonly model: FlowModel;
}

export interface ModelsResult {
  readonly models: CompiledModel[];
  readonly diagnostics: Diagnostic[];
}

const INTERNAL_ERROR: keyof typeof EMIT_CODES = 'FLOW3001';

/** The front half: parse, check and lower every source. */
export function compileToModels(sources: readonly Source[]): ModelsResult {
  const models: CompiledModel[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const found = guarded(source.path, 'compiling', () => modelsOf(source));
    diagnostics.push(...found.diagnostics);
    models.push(...found.models);
  }
  return { models, diagnostics };
}

function modelsOf(source: Source): ModelsResult {
  const parsed = parseFlowFile(source);
  if (hasErrors(parsed.diagnostics)) return { models: [], diagnostics: parsed.diagnostics };
  const checked = [...parsed.diagnostics, ...check(parsed.file)];
  if (hasErrors(checked)) return { models: [], diagnostics: checked };
  const diagnostics = [...checked];
  const models: CompiledModel[] = [];
  for (const flow of parsed.file.flows) {
    const lowered = lowerFlow(flow, source.path);
    diagnostics.push(...lowered.diagnostics);
    if (lowered.model === undefined) continue;
    const clash = reservedNameClash(lowered.model);
    if (clash !== undefined) {
      diagnostics.push(internalError(source.path, `flow \`${flow.name.text}\` would generate \`${clash}\`, a name generated code reserves`, flow.name.span, 'rename the flow'));
      continue;
    }
    models.push({ source, model: lowered.model });
  }
  return { models, diagnostics };
}

/** Parse, check, lower, then print each flow as text (synchronous work behind the Promise callers await). */
export async function compile(sources: readonly Source[], options: CompileOptions = {}): Promise<CompileResult> {
  const { models, diagnostics } = compileToModels(sources);
  const files: GeneratedFile[] = [];
  if (models.length === 0) return { files, diagnostics };
  // Loaded here, not at the top: `flowc check` and the graph command use the front half only.
  const { emitFlow } = await import('./emit/emitFlow.js');
  const kinds = new Set<GeneratedKind>(options.kinds ?? ['ts']);
  for (const { source, model } of models) {
    const emitted = guarded(source.path, 'generating code for', () => {
      const out = emitFlow(model, kinds);
      const base = `${options.outDir === undefined ? directoryOf(source.path) : asDirectory(options.outDir)}${model.name}.flow`;
      const produced: GeneratedFile[] = [];
      if (out.ts !== undefined) produced.push({ path: `${base}.ts`, flow: model.name, kind: 'ts', text: out.ts });
      if (out.js !== undefined) produced.push({ path: `${base}.js`, flow: model.name, kind: 'js', text: out.js });
      if (out.dts !== undefined) produced.push({ path: `${base}.d.ts`, flow: model.name, kind: 'd.ts', text: out.dts });
      return { models: produced, diagnostics: [] };
    });
    files.push(...emitted.models);
    diagnostics.push(...emitted.diagnostics);
  }
  return { files, diagnostics };
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `a/b/c.flow` -> `a/b/`; a bare name -> `` (paths are `/`-separated; Windows separators are accepted). */
function directoryOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : `${path.slice(0, cut).replace(/\\/g, '/')}/`;
}

function asDirectory(dir: string): string {
  const slashed = dir.replace(/\\/g, '/');
  return slashed === '' || slashed.endsWith('/') ? slashed : `${slashed}/`;
}

/** Runs a phase; an exception (a compiler bug, never the user's fault) becomes a diagnostic on that file. */
function guarded<T>(path: string, doing: string, phase: () => { models: T[]; diagnostics: Diagnostic[] }): { models: T[]; diagnostics: Diagnostic[] } {
  try {
    return phase();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { models: [], diagnostics: [internalError(path, `internal error while ${doing} this file: ${reason}`, START, 'please report a flowc bug with this file')] };
  }
}

const START: Span = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

function internalError(path: string, message: string, span: Span, help: string): Diagnostic {
  return { code: INTERNAL_ERROR, severity: 'error', message, path, span, related: [], help };
}
