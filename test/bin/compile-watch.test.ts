/** `flowc compile --watch` recompiles when a .flow file changes, as a long-running process would. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './run-flowc.js';

const flow = (state: string): string => `flow Ring {
  leg caller inbound
  initial state ${state} {
    entry { answer caller }
    on caller.hangup -> Done
  }
  final state Done
}
`;

/** Resolves once `predicate` holds for the accumulated stderr, polling without a fixed sleep budget per step. */
function waitFor(read: () => string, predicate: (text: string) => boolean, limitMs: number): Promise<string> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const text = read();
      if (predicate(text)) resolve(text);
      else if (Date.now() - started > limitMs) reject(new Error(`gave up waiting; output so far:\n${text}`));
      else setTimeout(poll, 50);
    };
    poll();
  });
}

describe('flowc compile --watch', () => {
  it('recompiles after a change and writes the new output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowc-watch-'));
    const src = join(dir, 'src');
    const out = join(dir, 'out');
    mkdirSync(src);
    writeFileSync(join(src, 'ring.flow'), flow('Offered'));
    const child = spawn(process.execPath, [`${repoRoot}dist/bin/flowc.js`, 'compile', src, '-o', out, '--watch'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await waitFor(() => stderr, (t) => t.includes('[watch] watching'), 30_000);
      expect(readFileSync(join(out, 'Ring.flow.ts'), 'utf8')).toContain('"Offered"');
      writeFileSync(join(src, 'ring.flow'), flow('Alerting'));
      await waitFor(() => stderr, (t) => t.includes('recompiling') && /compiled 1 flow[\s\S]*compiled 1 flow/.test(t), 30_000);
      await waitFor(() => (existsSync(join(out, 'Ring.flow.ts')) ? readFileSync(join(out, 'Ring.flow.ts'), 'utf8') : ''), (t) => t.includes('"Alerting"'), 30_000);
    } finally {
      child.kill();
    }
  });
});
