/**
 * Counters and gauges of a live run in the Prometheus text format (0.0.4):
 * calls taken and refused, sessions started and ended, transitions, effects
 * that failed, snapshots not persisted, and at scrape time the sessions by
 * flow and state and whether drachtio-server and FreeSWITCH are connected.
 */
type Labels = Readonly<Record<string, string>>;

const NO_LABELS: Labels = {};

const flowLabelCache = new Map<string, Labels>();

/** `{ flow }` as one object per flow, so counting a call's steps builds no label text. */
export function flowLabels(flow: string): Labels {
  let labels = flowLabelCache.get(flow);
  if (labels === undefined) flowLabelCache.set(flow, (labels = { flow }));
  return labels;
}

const flowReasonCache = new Map<string, Map<string, Labels>>();

/** `{ flow, reason }` as one object per pair: a per-call object made `inc` build its label text and key a WeakMap entry at every call. */
export function flowReasonLabels(flow: string, reason: string): Labels {
  let byReason = flowReasonCache.get(flow);
  if (byReason === undefined) flowReasonCache.set(flow, (byReason = new Map()));
  let labels = byReason.get(reason);
  if (labels === undefined) byReason.set(reason, (labels = { flow, reason }));
  return labels;
}

interface Family {
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly values: Map<string, { readonly labels: Labels; value: number }>;
}

export interface GaugeSample {
  readonly labels: Labels;
  readonly value: number;
}

export class LiveMetrics {
  private readonly families = new Map<string, Family>();
  /** The label text of label objects seen before: hot callers pass the same object each time (flowLabels). */
  private readonly ids = new WeakMap<Labels, string>();
  private readonly gauges = new Map<string, { readonly help: string; readonly read: () => readonly GaugeSample[] }>();

  constructor() {
    this.define('flowc_calls_total', 'New INVITEs taken by a flow', 'counter');
    this.define('flowc_calls_refused_total', 'New INVITEs refused, by reason', 'counter');
    this.define('flowc_sessions_started_total', 'Flow sessions started', 'counter');
    this.define('flowc_sessions_ended_total', 'Flow sessions ended, by reason', 'counter');
    this.define('flowc_transitions_total', 'Transitions taken', 'counter');
    this.define('flowc_effects_failed_total', 'Effects a port refused or failed later, by effect kind', 'counter');
    this.define('flowc_persist_failures_total', 'Session snapshots that could not be saved', 'counter');
  }

  inc(name: string, labels: Labels = NO_LABELS, by = 1): void {
    const family = this.families.get(name);
    if (family === undefined) throw new Error(`metric ${name} is not defined`);
    let id = this.ids.get(labels);
    if (id === undefined) this.ids.set(labels, (id = labelText(labels)));
    const entry = family.values.get(id);
    if (entry === undefined) family.values.set(id, { labels, value: by });
    else entry.value += by;
  }

  /** A gauge read when scraped (sessions by state, connections). */
  gauge(name: string, help: string, read: () => readonly GaugeSample[]): void {
    this.gauges.set(name, { help, read });
  }

  /** A counter summed over all its labels. */
  total(name: string): number {
    let sum = 0;
    for (const entry of this.families.get(name)?.values.values() ?? []) sum += entry.value;
    return sum;
  }

  value(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.values.get(labelText(labels))?.value ?? 0;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, family] of this.families) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`);
      for (const { labels, value } of family.values.values()) lines.push(`${name}${labelText(labels)} ${value}`);
    }
    for (const [name, gauge] of this.gauges) {
      lines.push(`# HELP ${name} ${gauge.help}`, `# TYPE ${name} gauge`);
      let samples: readonly GaugeSample[];
      try {
        samples = gauge.read();
      } catch {
        samples = [];
      }
      for (const sample of samples) lines.push(`${name}${labelText(sample.labels)} ${sample.value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private define(name: string, help: string, type: 'counter' | 'gauge'): void {
    this.families.set(name, { help, type, values: new Map() });
  }
}

/** `{a="1",b="x\"y"}` with the escapes the text format requires; '' without labels. */
export function labelText(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  // Counted on every transition: one label (the flow) is the common case, and most values need no escape.
  if (keys.length > 1) keys.sort();
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? '';
    const value = labels[key] ?? '';
    text += `${i === 0 ? '' : ','}${key}="${NEEDS_ESCAPE.test(value) ? value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"') : value}"`;
  }
  return `${text}}`;
}

const NEEDS_ESCAPE = /[\\\n"]/;
