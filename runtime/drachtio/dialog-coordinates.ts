/**
 * What names a SIP dialog from outside (Replaces, Refer-To) and where its
 * peer is: the facts the adapter keeps for every established dialog, taken
 * from drachtio's dialog when it is up and from the saved record after a
 * restart.
 */
export interface DialogCoordinates {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  /** The peer's Contact: where a new INVITE for this peer goes (takeover, Refer-To). */
  readonly remoteTarget: string;
  /** Our address of record in this dialog (From when we called, To when we were called): the Referred-By. */
  readonly localIdentity: string;
}
