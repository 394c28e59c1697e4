/**
 * What the live app needs of the SIP side beyond the SipPort contract: end
 * a session's calls, name a dialog's Call-ID for the logs, and the dialog
 * facts to save. DrachtioSipPort provides it; tests pass a stand-in.
 */
import type { DialogFacts } from '../drachtio/dialog-facts.js';
import type { DialogOwner } from '../ports/dialog-owner.js';

export interface CallControl {
  /** BYE, CANCEL or a final failure for every call `owner` still has but those in `keep`; returns how many. */
  endCalls(owner: DialogOwner, keep?: ReadonlySet<string>): number;
  callIdOf(dialogId: string): string | undefined;
  factsOf(owner: DialogOwner): DialogFacts[];
}
