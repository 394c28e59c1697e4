/** Lowers the first flow of a `.flow` text (parsed by the real grammar) for the lowering tests. */
import { expect } from 'vitest';
import { lowerFlow, type LowerResult } from '../../../compiler/lower/lowerFlow.js';
import type { FlowModel, StateId } from '../../../compiler/model.js';
import { parseFlowFile } from '../../../grammar/parse.js';

export function lowerSource(text: string): LowerResult {
  const parsed = parseFlowFile({ path: 'test.flow', text });
  expect(parsed.diagnostics).toEqual([]);
  const flow = parsed.file.flows[0];
  if (flow === undefined) throw new Error('no flow in the test source');
  return lowerFlow(flow, 'test.flow');
}

export function modelOf(text: string): FlowModel {
  const { model, diagnostics } = lowerSource(text);
  expect(diagnostics).toEqual([]);
  if (model === undefined) throw new Error('lowering produced no model');
  return model;
}

export function names(model: FlowModel, ids: readonly StateId[]): string[] {
  return ids.map((id) => model.states[id]?.name ?? `?${id}`);
}
