import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../../compiler/graph/mermaid.js';
import { expectGolden } from './golden.js';
import { externalTransferPath, modelsOfFile, modelsOfText, nestedParallelPath, onlyModel, repoRoot } from './flow-models.js';
import { mermaidOutline } from './outline.js';

describe('toMermaid', () => {
  it('draws external-transfer as the golden diagram', () => {
    expectGolden('external-transfer.mmd', toMermaid(modelsOfFile(externalTransferPath)));
  });

  it('is the diagram docs/graph.md shows', () => {
    const docs = readFileSync(`${repoRoot}docs/graph.md`, 'utf8');
    expect(docs).toContain(`\`\`\`mermaid\n${toMermaid(modelsOfFile(externalTransferPath))}\`\`\`\n`);
  });

  it('is a titled stateDiagram-v2 with the initial marker and final states as [*]', () => {
    const text = toMermaid(modelsOfFile(externalTransferPath));
    expect(text.startsWith('---\ntitle: flow ExternalTransfer\n---\nstateDiagram-v2\n')).toBe(true);
    expect(text).toContain('\n  [*] --> Nailing\n');
    for (const final of ['Disposed', 'NoCustomer', 'Failed']) expect(text).toContain(`\n  ${final} --> [*]\n`);
    expect(text).not.toContain('Talking --> [*]');
  });

  it('labels edges with trigger, [guard] and timers, one edge per pair of states', () => {
    const text = toMermaid(modelsOfFile(externalTransferPath));
    expect(text).toContain('  Nailing --> Outreach : agent.answered\n');
    expect(text).toContain('  Transferring --> Transferred : external.notify [status >= 200 && status < 300]\n');
    expect(text).toContain('  Transferring --> Consult : external.referRejected<br/>external.notify [status >= 300]<br/>after 32s\n');
    expect(text.match(/^ {2}Transferring --> Consult /gm)).toHaveLength(1);
  });

  it('lists targetless transitions inside a leaf, as its description lines', () => {
    const text = toMermaid(modelsOfFile(externalTransferPath));
    expect(text).toContain('  Transferring : Transferring\n  Transferring : external.notify [status >= 100 && status < 200]\n');
    expect(text).not.toMatch(/Transferring --> Transferring/);
  });

  describe('nested and parallel states', () => {
    const text = toMermaid(modelsOfFile(nestedParallelPath));
    const outline = mermaidOutline(text);

    it('declares each state inside its parent composite', () => {
      const expected: Record<string, string | undefined> = {
        Off: undefined,
        Working: undefined,
        Phone: 'Working',
        Notes: 'Working',
        Quiet: 'Phone',
        Busy: 'Phone',
        Alerting: 'Busy',
        Connected: 'Busy',
        Hung: 'Busy',
        Talking: 'Connected',
        Held: 'Connected',
        Empty: 'Notes',
        Written: 'Notes',
      };
      expect(Object.fromEntries(outline.parentOf)).toEqual(expected);
    });

    it('mentions a state in no composite but its parent, so Mermaid keeps it there', () => {
      for (const [id, blocks] of outline.mentionedIn) {
        expect([...blocks], id).toEqual([outline.parentOf.get(id)]);
      }
    });

    it('separates the regions of a parallel state with --, labelled parallel, without an initial marker', () => {
      expect(outline.parts.get('Working')).toEqual([['Phone'], ['Notes']]);
      expect(text).toContain('state "Working (parallel)" as Working {\n');
      expect(text).not.toMatch(/\[\*\] --> (Phone|Notes)\b/);
      expect(outline.parts.get('Phone')).toEqual([['Quiet', 'Busy']]);
    });

    it('marks initial children inside their composite and nested final states inside theirs', () => {
      expect(text).toMatch(/state Busy \{\n {8}\[\*\] --> Alerting\n/);
      expect(text).toMatch(/state Connected \{\n {10}\[\*\] --> Talking\n/);
      expect(text).toContain('\n        Hung --> [*]\n');
    });

    it('writes sibling edges in their parent and every other edge at the top level', () => {
      expect(text).toContain('\n          Talking --> Held : Hold\n');
      expect(text).toContain('\n  Held --> Hung : after wrapupTime + 5s [calls > 1]\n');
      expect(text).toContain('\n  Working --> Off : Logout\n');
      expect(text).toContain('\n  Phone --> Quiet : done(Busy)\n');
    });

    it('lists targetless transitions of a composite in a note beside it', () => {
      expect(text).toContain('\n    note right of Notes\n    Ping [!in(Quiet)]\n    end note\n');
    });
  });

  it('puts several flows in one diagram, each in a composite with its own ids', () => {
    const models = modelsOfText(`
flow A {
  event Go
  initial state Idle { on Go -> Done }
  final state Done
}
flow B {
  event Go
  initial state Idle { on Go -> Done }
  final state Done
}
`);
    const text = toMermaid(models);
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(text).toContain('  state "flow A" as A {\n    [*] --> A_Idle\n    state "Idle" as A_Idle\n');
    expect(text).toContain('  state "flow B" as B {\n');
    expect(text).toContain('\n  A_Idle --> A_Done : Go\n  B_Idle --> B_Done : Go\n');
    expect(mermaidOutline(text).parentOf.get('B_Done')).toBe('B');
  });

  it('aliases a state whose name Mermaid reads as a keyword', () => {
    const text = toMermaid([
      onlyModel(
        modelsOfText(`
flow K {
  event Go
  initial state Default { on Go -> Note }
  final state Note
}
`),
      ),
    ]);
    expect(text).toContain('  state "Default" as Default_\n');
    expect(text).toContain('  Default_ --> Note_ : Go\n');
  });
});
