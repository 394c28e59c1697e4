/**
 * `flowc run` assembled: drachtio-server (inbound or outbound mode), media
 * on FreeSWITCH or a fixed SDP, the sessions with their snapshots, saved
 * sessions resumed, calls routed to flows, the control API, and a graceful
 * drain. Everything that depends on a server is reached through the
 * adapters of runtime/drachtio; nothing here imports drachtio.
 */
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../api/api-server.js';
import type { Clock } from '../clock/clock.js';
import { SystemClock } from '../clock/system-clock.js';
import type { AdapterLog } from '../drachtio/adapter-log.js';
import { DrachtioConnection } from '../drachtio/drachtio-connection.js';
import { DrachtioSipPort } from '../drachtio/drachtio-sip-port.js';
import { FixedSdpAnchor } from '../drachtio/fixed-sdp-anchor.js';
import { FreeswitchConnection } from '../drachtio/freeswitch-connection.js';
import { FreeswitchMedia } from '../drachtio/freeswitch-media.js';
import type { EslChannelConnection, MrfApi } from '../drachtio/fsmrf-api.js';
import { connectEsl, createMrf } from '../drachtio/load-fsmrf.js';
import type { MediaAnchor } from '../drachtio/media-anchor.js';
import { NoMediaPort } from '../drachtio/no-media-port.js';
import type { SrfApi } from '../drachtio/srf-api.js';
import type { AnyFlowMachine } from '../machine.js';
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { MediaPort } from '../ports/media-port.js';
import { FlowSession } from '../session/flow-session.js';
import { callIntake } from './call-intake.js';
import type { ConfigProblem } from './config-reader.js';
import { drainSessions } from './graceful-drain.js';
import type { LiveConfig } from './live-config.js';
import { openStores, type LiveStores } from './live-stores.js';
import { LiveSystem, type ResumeReport } from './live-system.js';
import { checkRoutes } from './route-check.js';
import { RoutingTable } from './routing-table.js';

export interface LiveAppOptions {
  readonly config: LiveConfig;
  readonly machines: readonly AnyFlowMachine[];
  readonly log: AdapterLog;
  readonly clock?: Clock;
  /** Tests pass fakes; the defaults are drachtio-srf and drachtio-fsmrf (and its event-socket library). */
  readonly srf?: SrfApi;
  readonly mrf?: MrfApi;
  readonly connectEsl?: () => Promise<EslChannelConnection>;
}

export type LiveAppStart = { readonly ok: true; readonly app: LiveApp; readonly resumed: ResumeReport } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

interface Media {
  readonly anchor: MediaAnchor;
  readonly port: MediaPort;
  readonly connection: FreeswitchConnection | undefined;
}

export class LiveApp {
  private api: FastifyInstance | undefined;
  private draining: Promise<void> | undefined;

  private constructor(
    readonly config: LiveConfig,
    readonly system: LiveSystem,
    readonly sip: DrachtioSipPort,
    readonly drachtio: DrachtioConnection,
    private readonly media: Media,
    private readonly stores: LiveStores,
    private readonly log: AdapterLog,
  ) {}

  static async start(options: LiveAppOptions): Promise<LiveAppStart> {
    const { config, machines, log } = options;
    const problems: ConfigProblem[] = checkRoutes(config.routes, machines);
    if (config.drachtio === undefined) problems.push({ path: 'drachtio', message: 'no drachtio-server to connect to: give --drachtio host:port:secret, --listen port:secret, or `drachtio` in the config' });
    if (problems.length > 0 || config.drachtio === undefined) return { ok: false, problems };
    const clock = options.clock ?? new SystemClock();
    // Before any connection: an unreachable store is a startup error, not calls taken unprotected.
    const stores = await openStores(config.store, log);
    if ('path' in stores) return { ok: false, problems: [stores] };

    // Filled in once the system exists: adapters report lost calls and media to it.
    let system: LiveSystem | undefined;
    const endLost = (owner: DialogOwner, dialogId: string, reason: string): void => {
      if (!(owner instanceof FlowSession) || system === undefined) return;
      system.events.publish({ type: 'error', flow: owner.flow, key: owner.key, kind: reason, message: `dialog \`${dialogId}\`: ${reason}`, at: new Date(clock.now()).toISOString() });
      if (reason === 'media lost' && system.registry.get(owner.flow, owner.key ?? '') === owner) system.end(owner, reason);
    };

    let port: DrachtioSipPort | undefined;
    const ownerOf = (dialogId: string): DialogOwner | undefined => port?.dialogs.get(dialogId)?.owner;
    const drachtio = new DrachtioConnection({
      target: config.drachtio,
      log,
      ...(options.srf === undefined ? {} : { srf: options.srf }),
      onChange: (connected) => {
        // After drachtio-server comes back, the dialogs it lost are found out and their legs hung up.
        if (connected && port !== undefined) {
          const probed = port.probeAll();
          if (probed > 0) log.info({ dialogs: probed }, 'checking the calls that were up');
        }
      },
    });
    const media = LiveApp.media(options, drachtio.srf, log, (owner, id) => endLost(owner, id, 'media lost'), ownerOf);
    port = new DrachtioSipPort({
      srf: drachtio.srf,
      clock,
      media: media.anchor,
      log,
      connected: () => drachtio.connected,
      dialogLost: (owner, id) => endLost(owner, id, 'call lost'),
      ...(config.drachtio?.orphanProbeMs === undefined ? {} : { orphanProbeMs: config.drachtio.orphanProbeMs }),
    });
    const sipPort = port;
    system = new LiveSystem({
      machines,
      sip: sipPort,
      media: media.port,
      calls: sipPort,
      clock,
      store: stores.snapshots,
      facts: stores.facts,
      persist: stores.durable,
      log,
      health: () => ({ drachtio: drachtio.connected, ...(media.connection === undefined ? {} : { freeswitch: media.connection.server !== undefined }) }),
    });
    const live = system;
    live.liveMetrics.gauge('flowc_drachtio_connected', 'Whether drachtio-server is connected (1) or not (0)', () => [{ labels: {}, value: drachtio.connected ? 1 : 0 }]);
    live.liveMetrics.gauge('flowc_dialogs', 'SIP dialogs held by the adapter', () => [{ labels: {}, value: sipPort.dialogs.size }]);
    if (media.connection !== undefined) {
      const connection = media.connection;
      live.liveMetrics.gauge('flowc_freeswitch_connected', 'Whether FreeSWITCH is connected (1) or not (0)', () => [{ labels: {}, value: connection.server === undefined ? 0 : 1 }]);
    }

    const resumed = await live.resume({ recover: (facts) => sipPort.recover(facts), probe: (id) => (drachtio.connected ? sipPort.probe(id) : undefined) });
    log.info({ sessions: resumed.sessions, dialogs: resumed.dialogs, lostLegs: resumed.lostLegs, problems: resumed.problems }, 'saved sessions resumed');

    const app = new LiveApp(config, live, sipPort, drachtio, media, stores, log);
    drachtio.start();
    if (media.connection !== undefined) await media.connection.start();
    sipPort.takeCalls(callIntake({ routes: new RoutingTable(config.routes, machines), sessions: live.sessions, metrics: live.liveMetrics, log }));
    if (config.api !== undefined) {
      const api = await buildApi(live, { ...(config.api.token === undefined ? {} : { token: config.api.token }), log });
      try {
        await api.listen({ host: config.api.host, port: config.api.port });
      } catch (error) {
        await app.drain(0);
        return { ok: false, problems: [{ path: 'api', message: `cannot listen on ${config.api.host}:${config.api.port}: ${error instanceof Error ? error.message : String(error)}` }] };
      }
      app.api = api;
      log.info({ api: app.apiAddress(), token: config.api.token !== undefined }, 'control API listening');
    }
    return { ok: true, app, resumed };
  }

  /** The API's address once listening (port 0 in tests picks a free one). */
  apiAddress(): string | undefined {
    const address = this.api?.server.address();
    if (address === null || address === undefined || typeof address === 'string') return address ?? undefined;
    return `http://${address.address}:${address.port}`;
  }

  /** A FreeSWITCH API command (`show channels count`), when FreeSWITCH is connected. */
  async freeswitchApi(command: string): Promise<string | undefined> {
    const server = this.media.connection?.server;
    return server === undefined ? undefined : server.api(command);
  }

  /**
   * Graceful shutdown: no new calls (503), running calls may finish until
   * the deadline, then the rest are ended cleanly; sessions without calls
   * stay saved and resume on the next start. Calling it again waits for the
   * same drain.
   */
  drain(deadlineMs = this.config.drainMs): Promise<void> {
    this.draining ??= (async () => {
      this.system.draining = true;
      this.sip.takeCalls(undefined);
      await drainSessions({ sessions: this.system.sessions, deadlineMs, log: this.log, end: (s) => this.system.end(s, 'shutdown') });
      await Promise.race([this.sip.idle(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      await this.system.persister.flush();
      // What is left has no calls and is saved: its timers must not keep the process alive.
      for (const session of [...this.system.registry.sessions()]) session.dispose();
      await this.stores.close();
      await this.api?.close();
      this.media.connection?.stop();
      this.sip.stopWatching();
      this.drachtio.stop();
      this.log.info({}, 'stopped');
    })();
    return this.draining;
  }

  private static media(options: LiveAppOptions, srf: SrfApi, log: AdapterLog, lost: (owner: DialogOwner, dialogId: string) => void, ownerOf: (dialogId: string) => DialogOwner | undefined): Media {
    const fs = options.config.freeswitch;
    if (fs === undefined) {
      return { anchor: new FixedSdpAnchor(options.config.sdp), port: new NoMediaPort(log), connection: undefined };
    }
    let connection: FreeswitchConnection | undefined;
    const media = new FreeswitchMedia({
      server: () => connection?.server,
      log,
      lost,
      ownerOf,
      srf,
      // Channels of calls recovered after a restart are taken up on event-socket connections of their own.
      connectEsl: options.connectEsl ?? (() => connectEsl({ host: fs.host, port: fs.port, secret: fs.secret })),
    });
    connection = new FreeswitchConnection({
      mrf: options.mrf ?? createMrf(srf),
      connect: {
        address: fs.host,
        port: fs.port,
        secret: fs.secret,
        ...(fs.listenAddress === undefined ? {} : { listenAddress: fs.listenAddress }),
        ...(fs.listenPort === undefined ? {} : { listenPort: fs.listenPort }),
        ...(fs.advertisedAddress === undefined ? {} : { advertisedAddress: fs.advertisedAddress }),
        ...(fs.profile === undefined ? {} : { profile: fs.profile }),
      },
      log,
      lost: () => media.serverLost(),
      connected: () => {
        void media.attachRecovered().catch((error: unknown) => log.error({ error: error instanceof Error ? error.message : String(error) }, 'recovered media not taken up'));
      },
    });
    return { anchor: media, port: media, connection };
  }
}
