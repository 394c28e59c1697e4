import { describe, expect, it } from 'vitest';
import { toDot } from '../../../compiler/graph/dot.js';
import { expectGolden } from './golden.js';
import { externalTransferPath, modelsOfFile, modelsOfText, nestedParallelPath } from './flow-models.js';
import { dotOutline } from './outline.js';

/** The statement of the edge `from -> to` (as written), or undefined. */
const edgeLine = (text: string, from: string, to: string): string | undefined =>
  text.split('\n').find((line) => line.trim().startsWith(`"${from}" -> "${to}"`))?.trim();

describe('toDot', () => {
  it('draws external-transfer as the golden graph', () => {
    expectGolden('external-transfer.dot', toDot(modelsOfFile(externalTransferPath)));
  });

  it('has an initial point, final states as double circles and labelled edges', () => {
    const text = toDot(modelsOfFile(externalTransferPath));
    expect(text.startsWith('digraph "ExternalTransfer" {\n  compound=true;\n')).toBe(true);
    expect(text).toContain('\n  "#initial" [shape=point, width=0.12, label=""];\n  "#initial" -> "Nailing";\n');
    for (const final of ['Disposed', 'NoCustomer', 'Failed']) expect(text).toContain(`\n  "${final}" [shape=doublecircle];\n`);
    expect(edgeLine(text, 'Nailing', 'Outreach')).toBe('"Nailing" -> "Outreach" [label="agent.answered"];');
    expect(edgeLine(text, 'Transferring', 'Transferred')).toBe('"Transferring" -> "Transferred" [label="external.notify [status >= 200 && status < 300]"];');
  });

  it('draws edges up the document order reversed, so states rank in the order they are written', () => {
    const text = toDot(modelsOfFile(externalTransferPath));
    expect(edgeLine(text, 'Consult', 'Transferring')).toBe('"Consult" -> "Transferring" [label="Transfer"];');
    expect(text).toContain('"Consult" -> "Transferring" [label="external.referRejected\\nexternal.notify [status >= 300]\\nafter 32s", dir=back];');
  });

  it('lists targetless transitions inside the state, under a rule', () => {
    const text = toDot(modelsOfFile(externalTransferPath));
    const transferring = text.split('\n').find((line) => line.trim().startsWith('"Transferring" [')) ?? '';
    expect(transferring).toContain('<TD>Transferring</TD></TR><HR/>');
    expect(transferring).toContain('<HR/><TR><TD ALIGN="LEFT" BALIGN="LEFT">external.notify [status &gt;= 100 &amp;&amp; status &lt; 200]<BR ALIGN="LEFT"/>');
    expect(edgeLine(text, 'Transferring', 'Transferring')).toBeUndefined();
  });

  describe('nested and parallel states', () => {
    const text = toDot(modelsOfFile(nestedParallelPath));
    const outline = dotOutline(text);

    it('draws composite states as clusters holding their children', () => {
      const expected: Record<string, string | undefined> = {
        '#initial': undefined,
        Off: undefined,
        Working: undefined,
        Phone: 'Working',
        'Phone#anchor': 'Phone',
        'Phone#initial': 'Phone',
        Quiet: 'Phone',
        Busy: 'Phone',
        'Busy#initial': 'Busy',
        Alerting: 'Busy',
        Connected: 'Busy',
        'Connected#initial': 'Connected',
        Talking: 'Connected',
        Held: 'Connected',
        Hung: 'Busy',
        Notes: 'Working',
        'Notes#initial': 'Notes',
        Empty: 'Notes',
        Written: 'Notes',
      };
      expect(Object.fromEntries(outline.parentOf)).toEqual(expected);
    });

    it('labels a parallel state parallel and draws its regions as dashed clusters, with no initial marker of its own', () => {
      expect(text).toContain('subgraph "cluster_Working" {\n    label=<Working&#160;<I>(parallel)</I>>;\n    style="rounded";\n');
      expect(text).toContain('subgraph "cluster_Phone" {\n      label="Phone";\n      style="rounded,dashed";\n');
      expect(text).toMatch(/subgraph "cluster_Notes" \{\n {6}label=<.*>;\n {6}style="rounded,dashed";\n/);
      expect(text).toContain('subgraph "cluster_Busy" {\n        label="Busy";\n        style="rounded";\n');
      expect(outline.parentOf.has('Working#initial')).toBe(false);
    });

    it('clips edges at the clusters of composite states', () => {
      // into a parallel state: to its first region's initial marker, clipped at the parallel state
      expect(edgeLine(text, 'Off', 'Phone#initial')).toBe('"Off" -> "Phone#initial" [label="Login", lhead="cluster_Working"];');
      // out of a compound state: from its last state, clipped at its cluster
      expect(text).toContain('"Held" -> "Hung" [label="Drop", ltail="cluster_Connected"];');
      // out of a parallel state, up the document order: reversed, so the clip is at the head
      expect(text).toContain('"Off" -> "Written" [label="Logout", dir=back, lhead="cluster_Working"];');
      // to a state inside the source: cannot clip, starts at the source's anchor
      expect(edgeLine(text, 'Phone#anchor', 'Quiet')).toBe('"Phone#anchor" -> "Quiet" [label="done(Busy)"];');
    });

    it('lists targetless transitions of a composite in its cluster label', () => {
      expect(text).toContain('<TD>Notes</TD></TR><HR/><TR><TD ALIGN="LEFT" BALIGN="LEFT">Ping [!in(Quiet)]<BR ALIGN="LEFT"/>');
    });
  });

  it('puts several flows in one graph, each in a cluster with its own node ids', () => {
    const text = toDot(
      modelsOfText(`
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
`),
    );
    const outline = dotOutline(text);
    expect(text.startsWith('digraph "flows" {\n')).toBe(true);
    expect(outline.parentOf.get('A/Idle')).toBe('A/');
    expect(outline.parentOf.get('B/Done')).toBe('B/');
    expect(text).toContain('"A/Idle" [label="Idle"];');
    expect(text).toContain('"B/Idle" -> "B/Done" [label="Go"];');
    expect(text).toContain('label="flow B";');
  });
});
