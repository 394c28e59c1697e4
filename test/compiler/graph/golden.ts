/** Golden files of the graph tests: compared byte for byte, rewritten with UPDATE_GOLDEN=1. */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export const goldenDir = new URL('./golden/', import.meta.url);

export function goldenText(name: string): string {
  return readFileSync(new URL(name, goldenDir), 'utf8');
}

export function expectGolden(name: string, actual: string): void {
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(new URL(name, goldenDir), actual);
  expect(actual).toBe(goldenText(name));
}
