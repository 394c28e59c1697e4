/**
 * Graphviz DOT of one or more flows: states as rounded boxes, composite
 * states as clusters holding their children, edges after all states (a node
 * belongs to the cluster it is first declared in). Several flows share one
 * graph, each in a cluster labelled `flow Name`.
 */
import type { FlowModel } from '../model.js';
import { anchoredComposites, dotTransition } from './dot-edges.js';
import type { DotFlow } from './dot-edges.js';
import { dotIds } from './dot-ids.js';
import { dotBody } from './dot-states.js';
import { dotString } from './dot-text.js';
import { parallelEdges } from './parallel-edges.js';
import { targetedTransitions } from './state-tree.js';

const FONT = 'Helvetica';

const HEADER: readonly string[] = [
  'compound=true;',
  `fontname=${dotString(FONT)};`,
  'fontsize=12;',
  'nodesep=0.5;',
  // room for label text when the viewer's font is wider than the one Graphviz measured
  'pad=0.3;',
  'labelloc=t;',
  `node [shape=box, style=rounded, fontname=${dotString(FONT)}, fontsize=11];`,
  `edge [fontname=${dotString(FONT)}, fontsize=9, arrowsize=0.7];`,
];

const indent = (lines: readonly string[]): string[] => lines.map((line) => `  ${line}`);

export function toDot(models: readonly FlowModel[]): string {
  const shared = models.length > 1;
  const flows = models.map((model): DotFlow => ({ model, ids: dotIds(model, shared), anchored: anchoredComposites(model) }));
  const only = models.length === 1 ? models[0] : undefined;
  const name = only === undefined ? 'flows' : only.name;
  const title = only === undefined ? [] : [`label=${dotString(`flow ${only.name}`)};`];
  const states = flows.flatMap((flow) => dotFlow(flow));
  const edges = flows.flatMap((flow) => parallelEdges(targetedTransitions(flow.model)).flatMap((edge) => dotTransition(flow, edge)));
  return `${[`digraph ${dotString(name)} {`, ...indent([...HEADER, ...title, ...states, ...edges]), '}'].join('\n')}\n`;
}

function dotFlow(flow: DotFlow): string[] {
  const body = dotBody(flow, undefined);
  const wrapper = flow.ids.wrapper;
  if (wrapper === undefined) return body;
  return [`subgraph ${wrapper} {`, ...indent([`label=${dotString(`flow ${flow.model.name}`)};`, 'style=bold;', ...body]), '}'];
}
