/**
 * A SipPort for the memory figure that keeps no dialog table: dial and
 * takeover hand out dialog ids allocated before the heap is measured, and
 * every other request succeeds. A real port keeps its own table (drachtio's
 * dialogs); leaving it out measures what the session itself holds, which is
 * what the XState actor it is compared with holds too.
 */
import { AcceptingSipPort } from '../runtime/ports/accepting-sip-port.js';

export class TablelessSipPort extends AcceptingSipPort {
  private next = 0;

  constructor(private readonly ids: readonly string[]) {
    super();
  }

  protected newDialogId(): string {
    const id = this.ids[this.next++ % this.ids.length];
    if (id === undefined) throw new Error('bench: TablelessSipPort has no dialog ids');
    return id;
  }
}
