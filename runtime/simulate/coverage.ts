/** Which states and transitions of the flow the replay exercised, over all its calls. */
import type { FlowDescription, TakenTransition } from '../machine.js';
import type { Coverage } from './simulation-result.js';

export class CoverageTracker {
  readonly #states = new Set<string>();
  readonly #transitions = new Set<number>();
  /** The last configuration seen: consecutive steps usually share the machine's array. */
  #lastConfiguration: readonly string[] | undefined;

  constructor(private readonly flow: FlowDescription) {}

  note(taken: readonly TakenTransition[], configuration: readonly string[]): void {
    for (let i = 0; i < taken.length; i++) {
      const t = taken[i];
      if (t === undefined) continue;
      this.#transitions.add(t.id);
      // A state entered and left within one step is never in a configuration after a step.
      const target = this.flow.transitions[t.id]?.target;
      if (target !== undefined) this.#states.add(target);
    }
    if (configuration === this.#lastConfiguration) return;
    this.#lastConfiguration = configuration;
    for (let i = 0; i < configuration.length; i++) {
      const s = configuration[i];
      if (s !== undefined) this.#states.add(s);
    }
  }

  result(): Coverage {
    return {
      states: this.flow.states.map((s) => s.name).filter((name) => this.#states.has(name)),
      transitions: [...this.#transitions].sort((a, b) => a - b),
      totalStates: this.flow.states.length,
      totalTransitions: this.flow.transitions.length,
    };
  }
}
