import type { NameAddr } from '../../../runtime/sip/index.js';
import type { TraceItem } from '../../../runtime/trace/index.js';

/** Everything a replay can read of an item, as plain data: the lazy parts of a message (headers, From, To, Via, body) read through their getters. */
export function readable(item: TraceItem): unknown {
  if (item.kind !== 'sip') return item;
  const m = item.message;
  const nameAddr = (n: NameAddr): unknown => ({ displayName: n.displayName, uri: n.uri, tag: n.tag, params: [...n.params] });
  return {
    ...item,
    message: {
      kind: m.kind,
      startLine: m.kind === 'request' ? [m.method, m.requestUri] : [m.status, m.reason],
      callId: m.callId,
      cseq: m.cseq,
      branch: m.branch,
      from: nameAddr(m.from),
      to: nameAddr(m.to),
      via: m.via.map((v) => ({ ...v, params: [...v.params] })),
      headers: [...m.headers],
      body: Buffer.from(m.body).toString('latin1'),
      bytes: Buffer.from(m.bytes).toString('latin1'),
    },
  };
}

