/** Compiles flow source for the graph tests, failing the test on any error diagnostic. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileToModels } from '../../../compiler/compile.js';
import type { FlowModel } from '../../../compiler/model.js';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const externalTransferPath = 'flows/pom/external-transfer.flow';
export const nestedParallelPath = 'test/compiler/graph/fixtures/nested-parallel.flow';

export function modelsOfText(text: string, path = 'test.flow'): FlowModel[] {
  const { models, diagnostics } = compileToModels([{ path, text }]);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`test flow does not compile: ${errors.map((d) => d.message).join('; ')}`);
  return models.map((m) => m.model);
}

/** A repository file, by its path from the repository root. */
export function modelsOfFile(path: string): FlowModel[] {
  return modelsOfText(readFileSync(`${repoRoot}${path}`, 'utf8'), path);
}

export function onlyModel(models: readonly FlowModel[]): FlowModel {
  const [model] = models;
  if (model === undefined || models.length !== 1) throw new Error(`expected one flow, got ${models.length}`);
  return model;
}
