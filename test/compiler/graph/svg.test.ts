import { afterEach, describe, expect, it, vi } from 'vitest';
import { toDot } from '../../../compiler/graph/dot.js';
import { renderSvg } from '../../../compiler/graph/svg.js';
import { externalTransferPath, modelsOfFile, nestedParallelPath } from './flow-models.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Graphviz must render offline: a fetch (of the wasm, say) is refused and counted, since the loader would swallow the error and fall back. */
const forbidFetch = (): (() => number) => {
  const fetch = vi.fn(() => {
    throw new Error('renderSvg must not fetch anything');
  });
  vi.stubGlobal('fetch', fetch);
  return () => fetch.mock.calls.length;
};

describe('renderSvg', () => {
  it('renders every state of external-transfer offline', async () => {
    const fetches = forbidFetch();
    const models = modelsOfFile(externalTransferPath);
    const result = await renderSvg(toDot(models));
    if (!result.ok) throw new Error(result.message);
    expect(fetches()).toBe(0);
    expect(result.svg.startsWith('<svg') || result.svg.startsWith('<?xml')).toBe(true);
    expect(result.svg).toContain('</svg>');
    for (const state of models.flatMap((m) => m.states)) expect(result.svg).toContain(`>${state.name}<`);
  });

  it('renders nested clusters and parallel regions', async () => {
    const result = await renderSvg(toDot(modelsOfFile(nestedParallelPath)));
    if (!result.ok) throw new Error(result.message);
    expect(result.svg).toContain('<title>cluster_Working</title>');
    expect(result.svg).toContain('<title>cluster_Connected</title>');
    expect(result.svg).toContain('>(parallel)<');
  });

  it('reports DOT that Graphviz rejects instead of throwing', async () => {
    const result = await renderSvg('digraph { a -> ');
    expect(result.ok).toBe(false);
  });
});
