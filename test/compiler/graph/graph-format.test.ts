import { describe, expect, it } from 'vitest';
import { formatOfPath, renderGraph } from '../../../compiler/graph/graph-format.js';
import { toDot } from '../../../compiler/graph/dot.js';
import { toMermaid } from '../../../compiler/graph/mermaid.js';
import { externalTransferPath, modelsOfFile } from './flow-models.js';

describe('graph-format', () => {
  it('reads the format from an output file extension', () => {
    expect(formatOfPath('out/a.mmd')).toBe('mermaid');
    expect(formatOfPath('a.MERMAID')).toBe('mermaid');
    expect(formatOfPath('a.dot')).toBe('dot');
    expect(formatOfPath('a.gv')).toBe('dot');
    expect(formatOfPath('a.svg')).toBe('svg');
    expect(formatOfPath('a.png')).toBeUndefined();
    expect(formatOfPath('dir.svg/file')).toBeUndefined();
  });

  it('renders text formats with the generators', async () => {
    const models = modelsOfFile(externalTransferPath);
    expect(await renderGraph(models, 'mermaid')).toEqual({ ok: true, text: toMermaid(models) });
    expect(await renderGraph(models, 'dot')).toEqual({ ok: true, text: toDot(models) });
  });
});
