/**
 * Mermaid `stateDiagram-v2` of one or more flows. One flow is the whole
 * diagram, titled with its name; several flows share one diagram, each in a
 * composite labelled `flow Name`, so the output is always a single valid
 * Mermaid document. Edges that are not between siblings come last, at the
 * diagram's top level (see mermaid-transitions.ts).
 */
import type { FlowModel } from '../model.js';
import { mermaidIds } from './mermaid-ids.js';
import { mermaidBody, mermaidTopLevelEdges } from './mermaid-states.js';
import type { MermaidFlow } from './mermaid-states.js';
import { edgesByScope } from './mermaid-transitions.js';

export function toMermaid(models: readonly FlowModel[]): string {
  const ids = mermaidIds(models);
  const flows = models.flatMap((model, index): MermaidFlow[] => {
    const flowIds = ids[index];
    return flowIds === undefined ? [] : [{ model, ids: flowIds, edges: edgesByScope(model) }];
  });
  const only = models.length === 1 ? models[0] : undefined;
  const title = only === undefined ? [] : ['---', `title: flow ${only.name}`, '---'];
  const body = [...flows.flatMap((flow) => mermaidFlow(flow)), ...flows.flatMap((flow) => mermaidTopLevelEdges(flow))];
  return `${[...title, 'stateDiagram-v2', ...body.map((line) => `  ${line}`)].join('\n')}\n`;
}

function mermaidFlow(flow: MermaidFlow): string[] {
  const body = mermaidBody(flow, undefined);
  const wrapper = flow.ids.wrapper;
  if (wrapper === undefined) return body;
  return [`state "flow ${flow.model.name}" as ${wrapper} {`, ...body.map((line) => `  ${line}`), '}'];
}
