/**
 * The waiting part of a graceful shutdown: calls in progress may finish on
 * their own until the deadline; whatever still has calls then is ended
 * cleanly (its calls hung up, `ended` with reason `shutdown` on the stream).
 * Sessions without calls are not touched: they stay saved.
 */
import type { AdapterLog } from '../drachtio/adapter-log.js';
import type { FlowSession } from '../session/flow-session.js';

export interface DrainOptions {
  readonly sessions: { withCalls(): FlowSession[] };
  readonly deadlineMs: number;
  readonly log: AdapterLog;
  readonly end: (session: FlowSession) => void;
  /** How often to look again (tests shorten it). */
  readonly pollMs?: number;
}

export async function drainSessions(options: DrainOptions): Promise<{ readonly finished: boolean; readonly ended: number }> {
  const { sessions, deadlineMs, log } = options;
  const until = Date.now() + deadlineMs;
  let busy = sessions.withCalls();
  if (busy.length > 0) log.info({ sessions: busy.length, deadlineMs }, 'draining: no new calls; waiting for the calls in progress');
  while (busy.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs ?? 200, Math.max(0, until - Date.now()))));
    busy = sessions.withCalls();
  }
  for (const session of busy) options.end(session);
  if (busy.length > 0) log.warn({ sessions: busy.length }, 'drain deadline reached: remaining calls ended');
  return { finished: busy.length === 0, ended: busy.length };
}
