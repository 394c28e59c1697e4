/**
 * A SipPort for the memory figure that keeps no dialog table: dial and
 * takeover hand out dialog ids allocated before the heap is measured, and
 * every other request succeeds. A real port keeps its own table (drachtio's
 * dialogs); leaving it out measures what the session itself holds, which is
 * what the XState actor it is compared with holds too.
 */
import type { DialRequest, SipPort } from '../runtime/ports/sip-port.js';
import type { DialogOwner } from '../runtime/ports/dialog-owner.js';

export class TablelessSipPort implements SipPort {
  private next = 0;

  constructor(private readonly ids: readonly string[]) {}

  dial(_owner: DialogOwner, _request: DialRequest): string {
    return this.take();
  }

  takeover(_owner: DialogOwner, _leg: string, _dialogId: string): string {
    return this.take();
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

  private take(): string {
    const id = this.ids[this.next++ % this.ids.length];
    if (id === undefined) throw new Error('bench: TablelessSipPort has no dialog ids');
    return id;
  }
}
