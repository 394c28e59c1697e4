/**
 * What a SIP or media port reports about one dialog. The session that owns
 * the dialog prefixes the leg name to make the flow's leg event:
 * `{ type: 'failed', status: 486 }` on the agent's dialog becomes
 * `{ type: 'agent.failed', status: 486 }`. The names are the leg events of
 * the language (docs/language.md).
 */
export type DialogSignal =
  | { readonly type: 'ringing' }
  | { readonly type: 'early' }
  | { readonly type: 'answered' }
  | { readonly type: 'failed'; readonly status: number }
  | { readonly type: 'hangup' }
  | { readonly type: 'cancelled' }
  | { readonly type: 'held' }
  | { readonly type: 'resumed' }
  | { readonly type: 'dtmf'; readonly digits: string }
  | { readonly type: 'collected'; readonly digits: string }
  | { readonly type: 'info'; readonly body: string }
  | { readonly type: 'refer'; readonly to: string }
  | { readonly type: 'referAccepted' }
  | { readonly type: 'referRejected'; readonly status: number }
  | { readonly type: 'notify'; readonly status: number }
  | { readonly type: 'replaced' };

export type DialogSignalType = DialogSignal['type'];
