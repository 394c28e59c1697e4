/**
 * Checks the routes of a config against the flows actually loaded, before
 * any call arrives: the flow exists and has an inbound leg for the call,
 * fixed inputs exist and have the input's type, inputs read from the INVITE
 * exist, every required input has a source, and nothing follows a default
 * route (it could never match).
 */
import type { AnyFlowMachine } from '../machine.js';
import type { ConfigProblem } from './config-reader.js';
import { article, inputValue, TYPE_EXAMPLES } from './input-values.js';
import type { RouteConfig } from './live-config.js';

export function checkRoutes(routes: readonly RouteConfig[], machines: readonly AnyFlowMachine[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byName = new Map(machines.map((m) => [m.name, m]));
  const names = machines.map((m) => m.name).join(', ') || 'none';
  let defaultAt: string | undefined;
  for (const route of routes) {
    if (defaultAt !== undefined) problems.push({ path: route.path, message: `comes after the default route \`${defaultAt}\` and can never match` });
    if (route.match.kind === 'default') defaultAt = route.path;
    const machine = byName.get(route.flow);
    if (machine === undefined) {
      problems.push({ path: `${route.path}.flow`, message: `no flow \`${route.flow}\` is loaded (loaded: ${names})` });
      continue;
    }
    if (!machine.legs.some((l) => l.inbound)) {
      problems.push({ path: `${route.path}.flow`, message: `flow \`${route.flow}\` has no inbound leg to take the call (declare \`leg name inbound\`)` });
    }
    const inputs = new Map(machine.inputs.map((i) => [i.name, i]));
    const known = machine.inputs.map((i) => i.name).join(', ') || 'none';
    for (const [name, value] of Object.entries(route.inputs)) {
      const input = inputs.get(name);
      if (input === undefined) problems.push({ path: `${route.path}.inputs.${name}`, message: `flow \`${route.flow}\` has no input \`${name}\` (inputs: ${known})` });
      else if (inputValue(value, input.type) === undefined) {
        problems.push({ path: `${route.path}.inputs.${name}`, message: `is ${article(input.type)} ${input.type}; ${JSON.stringify(value)} is not (${TYPE_EXAMPLES[input.type]})` });
      }
    }
    for (const name of Object.keys(route.invite)) {
      if (!inputs.has(name)) problems.push({ path: `${route.path}.invite.${name}`, message: `flow \`${route.flow}\` has no input \`${name}\` (inputs: ${known})` });
      if (route.inputs[name] !== undefined) problems.push({ path: `${route.path}.invite.${name}`, message: 'is also given in `inputs`: keep one' });
    }
    for (const input of machine.inputs) {
      if (input.optional || route.inputs[input.name] !== undefined || route.invite[input.name] !== undefined) continue;
      problems.push({ path: `${route.path}.inputs`, message: `flow \`${route.flow}\` needs input \`${input.name}\` (${input.type}): give it in \`inputs\` or read it from the INVITE in \`invite\`` });
    }
  }
  return problems;
}
