/**
 * drachtio-srf rejects a failed INVITE or re-INVITE with a SipError carrying
 * the final status; everything else it throws (a lost connection, a dialog
 * drachtio-server no longer knows) has none. Read without trusting the type.
 */
export function sipErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status: unknown = (error as { status?: unknown }).status;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 699 ? status : undefined;
}

/** drachtio-server answers an in-dialog request for a dialog it has forgotten with this code (drachtio-srf #157). */
export function isDialogGone(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code: unknown = (error as { code?: unknown }).code;
  return code === 'ENODIALOG';
}

/**
 * drachtio-srf refuses a request whose connection has gone: a Dialog keeps
 * the socket it was made on, so after a reconnect its own requests fail
 * this way and must go by drachtio-server's dialog id on the new connection.
 */
export function isSocketGone(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code: unknown = (error as { code?: unknown }).code;
  return code === 'ESOCKETDESTROYED' || code === 'EINVALIDSOCKET';
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return String(error);
}
