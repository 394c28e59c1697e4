/**
 * A SipPort that accepts every request and keeps nothing: only the ids of
 * new dialogs (dial, takeover) are left to the subclass. For where effects
 * need to succeed but no SIP goes anywhere: replay (the trace is the other
 * side) and the bench's memory figure (the session's own heap, no table).
 */
import type { SipPort } from './sip-port.js';

export abstract class AcceptingSipPort implements SipPort {
  /** The id of a dialog the flow creates (dial or takeover). */
  protected abstract newDialogId(): string;

  dial(): string {
    return this.newDialogId();
  }

  takeover(): string {
    return this.newDialogId();
  }

  answer(): undefined {
    return undefined;
  }

  reject(): undefined {
    return undefined;
  }

  hangup(): undefined {
    return undefined;
  }

  cancel(): undefined {
    return undefined;
  }

  hold(): undefined {
    return undefined;
  }

  unhold(): undefined {
    return undefined;
  }

  refer(): undefined {
    return undefined;
  }

  referReplacing(): undefined {
    return undefined;
  }

  notify(): undefined {
    return undefined;
  }

  adopt(): undefined {
    return undefined;
  }
}
