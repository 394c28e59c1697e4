export { readTrace, openTrace, openTraceFile, type OpenedTrace, type OpenTraceFileOptions, type ReadTraceOptions, type StreamedTrace } from './read-trace.js';
export { mergeOpenedTraces, mergeTraces } from './merge-traces.js';
export { detectTraceFormat } from './trace-format.js';
export { parseDirectionLine, UNNAMED_LOCAL, type Direction } from './direction-line.js';
export { UNKNOWN_ENDPOINT } from './text-log-reader.js';
export { formatEndpoint } from './endpoints.js';
export { LinkType } from './link-layer.js';
export { RETRANSMISSION_WINDOW_MS } from './retransmissions.js';
export type {
  Endpoint,
  TraceTransport,
  TraceItem,
  SipTraceItem,
  EventTraceItem,
  DtmfTraceItem,
  ProblemTraceItem,
  TraceEvent,
  TraceFormat,
  TraceRead,
} from './trace-item.js';
