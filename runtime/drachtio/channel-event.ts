/**
 * Waiting for FreeSWITCH to have done what an API command only started.
 * `uuid_bridge` and `uuid_transfer` answer +OK as soon as the channels are
 * told; the bridge or the park happens afterwards on the channels' own
 * threads. A command on either channel meanwhile races it: a transfer to
 * park while the uuid_bridge is still being set up makes FreeSWITCH hang the
 * partner up (DESTINATION_OUT_OF_ORDER, seen live when a consult followed a
 * bridge within milliseconds). FreeSWITCH reports both steps as
 * CHANNEL_EXECUTE on the channel (Application `uuid_bridge` once the bridge
 * starts, `park` once parked), which fsmrf already subscribes each endpoint to.
 */
import type { EndpointApi, EslEventApi } from './fsmrf-api.js';

export interface PendingChannelEvent {
  /** true once the event came; false when the wait ran out or the channel has no connection. */
  readonly seen: Promise<boolean>;
  /** Stops listening (the command that was to cause the event failed). */
  cancel(): void;
}

/**
 * Starts listening for a CHANNEL_EXECUTE of `application` on the endpoint's
 * channel. Call it before sending the command that causes it: the event can
 * come before the command's reply.
 */
export function channelExecuted(endpoint: EndpointApi, application: string, timeoutMs: number): PendingChannelEvent {
  const conn = endpoint.conn;
  if (conn === null) return { seen: Promise.resolve(false), cancel: () => undefined };
  const name = `esl::event::CHANNEL_EXECUTE::${endpoint.uuid}`;
  let finish: (seen: boolean) => void = () => undefined;
  const seen = new Promise<boolean>((resolve) => (finish = resolve));
  const listener = (event: EslEventApi): void => {
    if (event.getHeader('Application') === application) done(true);
  };
  const timer = setTimeout(() => done(false), timeoutMs);
  const done = (result: boolean): void => {
    clearTimeout(timer);
    conn.removeListener(name, listener);
    finish(result);
  };
  conn.on(name, listener);
  return { seen, cancel: () => done(false) };
}
