/** The formats `flowc graph` draws in, which one an output file's name asks for, and drawing in one. */
import { extname } from 'node:path';
import type { FlowModel } from '../model.js';
import { toDot } from './dot.js';
import { toMermaid } from './mermaid.js';
import { renderSvg } from './svg.js';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'svg'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export type GraphResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

const BY_EXTENSION: Readonly<Record<string, GraphFormat>> = {
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.dot': 'dot',
  '.gv': 'dot',
  '.svg': 'svg',
};

/** The format an output file's extension names, if it names one. */
export function formatOfPath(path: string): GraphFormat | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

/** The diagram of `models` in `format`; only svg can fail (Graphviz is a separate engine). */
export async function renderGraph(models: readonly FlowModel[], format: GraphFormat): Promise<GraphResult> {
  switch (format) {
    case 'mermaid':
      return { ok: true, text: toMermaid(models) };
    case 'dot':
      return { ok: true, text: toDot(models) };
    case 'svg': {
      const svg = await renderSvg(toDot(models));
      return svg.ok ? { ok: true, text: svg.svg } : svg;
    }
  }
}
