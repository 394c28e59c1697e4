import { describe, expect, it } from 'vitest';
import { labelText, LiveMetrics } from '../../../runtime/live/live-metrics.js';

describe('LiveMetrics', () => {
  it('renders counters and gauges in the Prometheus text format', () => {
    const metrics = new LiveMetrics();
    metrics.inc('flowc_calls_total', { flow: 'A' });
    metrics.inc('flowc_calls_total', { flow: 'A' });
    metrics.inc('flowc_effects_failed_total', { flow: 'A', effect: 'dial' });
    metrics.gauge('flowc_dialogs', 'dialogs', () => [{ labels: {}, value: 3 }]);
    metrics.gauge('flowc_broken', 'a gauge that throws', () => {
      throw new Error('no');
    });
    const text = metrics.render();
    expect(text).toContain('# HELP flowc_calls_total New INVITEs taken by a flow\n# TYPE flowc_calls_total counter\nflowc_calls_total{flow="A"} 2\n');
    expect(text).toContain('flowc_effects_failed_total{effect="dial",flow="A"} 1\n');
    expect(text).toContain('# TYPE flowc_dialogs gauge\nflowc_dialogs 3\n');
    expect(text).toContain('# TYPE flowc_broken gauge\n');
    expect(metrics.value('flowc_calls_total', { flow: 'A' })).toBe(2);
    expect(() => metrics.inc('nope')).toThrow();
  });

  it('escapes label values', () => {
    expect(labelText({ b: 'x"y\\z\nw', a: '1' })).toBe('{a="1",b="x\\"y\\\\z\\nw"}');
    expect(labelText({})).toBe('');
  });
});
