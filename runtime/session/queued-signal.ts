/**
 * A dialog signal that arrived while the session was busy. It waits in the
 * mailbox as it came and finds its leg only when processed: a port may signal
 * inside dial(), before the dial handler has bound the new dialog to its leg.
 */
import type { FlowEvent } from '../machine.js';
import type { DialogSignal } from '../ports/dialog-signal.js';

export class QueuedSignal implements FlowEvent {
  readonly type = '$signal';

  constructor(
    readonly dialogId: string,
    readonly signal: DialogSignal,
  ) {}
}
