/**
 * An application event posted to a session, checked against the flow's
 * FlowDescription before it goes anywhere: the type must be one of the
 * flow's application events (never a leg event or a timer, which only SIP
 * and the clock may deliver), every field declared and of its type, and no
 * field the event does not declare.
 */
import type { EventInfo, FlowDescription } from '../machine.js';
import type { InboundEvent } from '../session/event-check.js';
import type { Value, ValueType } from '../values.js';
import { article, inputValue } from '../live/input-values.js';

export type EventBodyRead =
  | { readonly ok: true; readonly event: InboundEvent }
  | { readonly ok: false; readonly code: 'bad_request' | 'undeclared_event' | 'invalid_event'; readonly message: string };

export function readEventBody(flow: FlowDescription, body: unknown): EventBodyRead {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, code: 'bad_request', message: 'the body must be a JSON object like {"type": "Consult"}' };
  const fields = body as Readonly<Record<string, unknown>>;
  const type = fields['type'];
  if (typeof type !== 'string' || type === '') return { ok: false, code: 'bad_request', message: 'the event needs a string `type`' };
  const info = flow.events.find((e) => e.type === type && e.source === 'application');
  if (info === undefined) return { ok: false, code: 'undeclared_event', message: `flow \`${flow.name}\` has no application event \`${type}\` (its events: ${applicationEvents(flow)})` };
  const event: Record<string, Value> = {};
  for (const [name, raw] of Object.entries(fields)) {
    if (name === 'type') continue;
    const declared = info.fields[name];
    if (declared === undefined) return { ok: false, code: 'invalid_event', message: `event \`${type}\` has no field \`${name}\`${describeFields(info)}` };
    const value = jsonValue(raw, declared);
    if (value === undefined) {
      return { ok: false, code: 'invalid_event', message: `field \`${name}\` of \`${type}\` must be ${article(declared)} ${declared}, not ${JSON.stringify(raw)}` };
    }
    event[name] = value;
  }
  const missing = Object.keys(info.fields).filter((name) => event[name] === undefined);
  if (missing.length > 0) return { ok: false, code: 'invalid_event', message: `event \`${type}\` needs field${missing.length === 1 ? '' : 's'} ${missing.map((m) => `\`${m}\``).join(', ')}` };
  return { ok: true, event: { ...event, type } };
}

/** JSON says its types itself: a status is a number, not "486"; only a duration may also be written "30s". */
function jsonValue(raw: unknown, type: ValueType): Value | undefined {
  switch (type) {
    case 'string':
    case 'uri':
      return typeof raw === 'string' ? raw : undefined;
    case 'bool':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'int':
    case 'status':
      return typeof raw === 'number' ? inputValue(raw, type) : undefined;
    case 'duration':
      return inputValue(raw, type);
  }
}

function applicationEvents(flow: FlowDescription): string {
  const names = flow.events.filter((e) => e.source === 'application').map((e) => e.type);
  return names.length === 0 ? 'none' : names.join(', ');
}

function describeFields(info: EventInfo): string {
  const names = Object.keys(info.fields);
  return names.length === 0 ? ' (it has none)' : ` (its fields: ${names.join(', ')})`;
}
