/**
 * Waiting for FreeSWITCH to have done what an API command only started.
 * `uuid_bridge`, `uuid_transfer` and `uuid_park` answer +OK as soon as the channels are
 * told; the bridge or the park happens afterwards on the channels' own
 * threads. A command on either channel meanwhile races it: a transfer to
 * park while the uuid_bridge was still being set up made FreeSWITCH hang the
 * partner up (DESTINATION_OUT_OF_ORDER, seen live when a consult followed a
 * bridge within milliseconds). FreeSWITCH reports the bridge as
 * CHANNEL_EXECUTE (Application `uuid_bridge`) on the channel, which fsmrf
 * subscribes each endpoint to, and the park as CHANNEL_PARK, which
 * FreeswitchMedia subscribes them to.
 */
import type { EndpointApi, EslEventApi } from './fsmrf-api.js';

export interface PendingChannelEvent {
  /** true once the event came; false when the wait ran out or the channel has no connection. */
  readonly seen: Promise<boolean>;
  /** Stops listening (the command that was to cause the event failed). */
  cancel(): void;
}

/**
 * Starts listening for the channel's event `name` (that `match` accepts).
 * Call it before sending the command that causes it: the event can come
 * before the command's reply.
 */
export function channelEvent(endpoint: EndpointApi, name: string, match: (event: EslEventApi) => boolean, timeoutMs: number): PendingChannelEvent {
  const conn = endpoint.conn;
  if (conn === null) return { seen: Promise.resolve(false), cancel: () => undefined };
  const eventName = `esl::event::${name}::${endpoint.uuid}`;
  let finish: (seen: boolean) => void = () => undefined;
  const seen = new Promise<boolean>((resolve) => (finish = resolve));
  const listener = (event: EslEventApi): void => {
    if (match(event)) done(true);
  };
  const timer = setTimeout(() => done(false), timeoutMs);
  const done = (result: boolean): void => {
    clearTimeout(timer);
    conn.removeListener(eventName, listener);
    finish(result);
  };
  conn.on(eventName, listener);
  return { seen, cancel: () => done(false) };
}

/** The channel executes `application` (CHANNEL_EXECUTE). */
export function channelExecuted(endpoint: EndpointApi, application: string, timeoutMs: number): PendingChannelEvent {
  return channelEvent(endpoint, 'CHANNEL_EXECUTE', (event) => event.getHeader('Application') === application, timeoutMs);
}

/** The channel is parked (CHANNEL_PARK). */
export function channelParked(endpoint: EndpointApi, timeoutMs: number): PendingChannelEvent {
  return channelEvent(endpoint, 'CHANNEL_PARK', () => true, timeoutMs);
}
