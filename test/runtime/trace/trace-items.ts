import type { ProblemTraceItem, SipTraceItem, TraceItem, TraceRead } from '../../../runtime/trace/index.js';

export function sipItems(read: TraceRead | readonly TraceItem[]): SipTraceItem[] {
  const items = 'items' in read ? read.items : read;
  return items.filter((i): i is SipTraceItem => i.kind === 'sip');
}

export function problems(read: TraceRead | readonly TraceItem[]): ProblemTraceItem[] {
  const items = 'items' in read ? read.items : read;
  return items.filter((i): i is ProblemTraceItem => i.kind === 'problem');
}

/** `INVITE`, `200 INVITE`: a message in one word for compact assertions. */
export function label(item: SipTraceItem): string {
  const m = item.message;
  return m.kind === 'request' ? m.method : `${m.status} ${m.cseq.method}`;
}
