/**
 * Test helper: the flow, run through `script`, must behave the same when its
 * session is saved and restored between any two steps. Returns the
 * uninterrupted run so a test can also assert what the script did (a check
 * over a script that does nothing would pass vacuously).
 */
import { expect } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import {
  findResumeDivergences,
  runScript,
  type ResumeOptions,
  type RunOutcome,
  type ScriptStep,
} from '../../../runtime/persist/resume-check.js';
import type { Value } from '../../../runtime/values.js';

export function assertResumableAtEveryStep(
  machine: AnyFlowMachine,
  input: Readonly<Record<string, Value>>,
  script: readonly ScriptStep[],
  options: ResumeOptions = {},
): RunOutcome {
  expect(findResumeDivergences(machine, input, script, options)).toEqual([]);
  return runScript(machine, input, script, options);
}
