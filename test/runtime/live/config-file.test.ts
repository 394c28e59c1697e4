import { describe, expect, it } from 'vitest';
import { formatProblem, readConfig, readConfigText } from '../../../runtime/live/config-file.js';
import { DEFAULT_CONFIG } from '../../../runtime/live/live-config.js';

function problems(json: unknown, env: Record<string, string> = {}): string[] {
  const read = readConfig(json, env);
  return read.ok ? [] : read.problems.map(formatProblem);
}

describe('config file', () => {
  it('reads a full config', () => {
    const read = readConfig(
      {
        flows: ['flows/pom', 'flows/kalliope/attended-transfer.flow'],
        drachtio: { host: '10.0.0.2', port: 9022, secret: 'cymru' },
        freeswitch: { host: '10.0.0.3', secret: 'ClueCon', listenAddress: '10.0.0.1' },
        sdp: { address: '10.0.0.1' },
        routes: [
          { flow: 'AttendedTransfer', user: '100', inputs: { extensionDomain: 'pbx.example', digitTimeout: '2s' }, invite: { transferredUri: 'header:X-Transfer-To', failoverUri: 'toUri' } },
          { flow: 'AttendedTransfer', header: { name: 'X-Flow', pattern: '^kalliope' }, key: 'header:X-Call' },
          { flow: 'AttendedTransfer', default: true },
        ],
        api: { port: 8080, tokenEnv: 'FLOWC_TOKEN' },
        store: { type: 'file', directory: '/var/lib/flowc', sync: false },
        shutdown: { drainSeconds: 5 },
        log: { level: 'debug' },
      },
      { FLOWC_TOKEN: 'abc' },
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const c = read.config;
    expect(c.drachtio).toEqual({ mode: 'inbound', host: '10.0.0.2', port: 9022, secret: 'cymru' });
    expect(c.freeswitch).toEqual({ host: '10.0.0.3', port: 8021, secret: 'ClueCon', listenAddress: '10.0.0.1' });
    expect(c.sdp).toEqual({ address: '10.0.0.1', port: 9 });
    expect(c.routes.map((r) => r.match.kind)).toEqual(['user', 'header', 'default']);
    expect(c.routes[0]?.invite).toEqual({ transferredUri: { from: 'header', name: 'X-Transfer-To' }, failoverUri: { from: 'toUri' } });
    expect(c.routes[0]?.key).toEqual({ from: 'callId' });
    expect(c.routes[1]?.key).toEqual({ from: 'header', name: 'X-Call' });
    expect(c.routes[1]?.match).toMatchObject({ kind: 'header', name: 'X-Flow', pattern: /^kalliope/ });
    expect(c.api).toEqual({ host: '127.0.0.1', port: 8080, token: 'abc' });
    expect(c.store).toEqual({ type: 'file', directory: '/var/lib/flowc', sync: false });
    expect(c.drainMs).toBe(5000);
    expect(c.logLevel).toBe('debug');
  });

  it('takes the defaults for what an empty file leaves out', () => {
    expect(readConfig({})).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });

  it('reads outbound mode', () => {
    const read = readConfig({ drachtio: { listen: { port: 4000, secret: 's' } } });
    expect(read.ok && read.config.drachtio).toEqual({ mode: 'outbound', port: 4000, secret: 's' });
  });

  it('reads how often calls from before a restart are probed, in either mode', () => {
    expect(readConfig({ drachtio: { secret: 's', orphanProbeSeconds: 5 } })).toMatchObject({ ok: true, config: { drachtio: { mode: 'inbound', orphanProbeMs: 5000 } } });
    expect(readConfig({ drachtio: { listen: { port: 4000, secret: 's' }, orphanProbeSeconds: 0.5 } })).toMatchObject({ ok: true, config: { drachtio: { mode: 'outbound', orphanProbeMs: 500 } } });
    expect(problems({ drachtio: { secret: 's', orphanProbeSeconds: 0 } })).toEqual(['`drachtio.orphanProbeSeconds`: must be more than 0 seconds']);
    expect(problems({ drachtio: { secret: 's', orphanProbeSeconds: '30s' } })).toEqual(['`drachtio.orphanProbeSeconds`: must be a number of seconds (0 or more), not string "30s"']);
  });

  it('names the key of every problem', () => {
    expect(
      problems({
        drachtio: { host: '', port: 70000 },
        freeswitch: { port: 'x' },
        routs: [],
        routes: [{ flow: 'A' }, { flow: 'B', user: '1', default: true }, { flow: 'C', header: { name: 'X', value: 'a', pattern: 'b' } }, { flow: 'D', header: { name: 'X', pattern: '(' } }, { flow: 'E', default: true, invite: { a: 'fromHost', b: 'header:' } }],
        api: { port: -1, token: 't', tokenEnv: 'X' },
        store: { type: 'redis' },
        shutdown: { drainSeconds: 'soon' },
        log: { level: 'loud' },
      }),
    ).toEqual([
      '`routs`: unknown key (expected one of: flows, drachtio, freeswitch, sdp, routes, api, store, shutdown, log)',
      '`drachtio.host`: must be a non-empty string, not string ""',
      '`drachtio.port`: must be a port number (0 to 65535), not number 70000',
      '`drachtio.secret`: is required (a non-empty string)',
      '`freeswitch.host`: is required (a non-empty string)',
      '`freeswitch.port`: must be a port number (0 to 65535), not string "x"',
      '`routes[0]`: needs one of `user`, `header` or `default: true` to say which INVITEs it takes',
      '`routes[1]`: has `user` and `default`: give exactly one',
      '`routes[2].header`: `value` and `pattern` exclude each other',
      expect.stringMatching(/^`routes\[3\]\.header\.pattern`: is not a regular expression: /),
      '`routes[4].invite.a`: must be one of "requestUser", "requestUri", "callId", "fromUser", "fromUri", "toUser", "toUri" or "header:<Name>", not "fromHost"',
      '`routes[4].invite.b`: `header:` names no header (write header:X-Name)',
      '`api.port`: must be a port number (0 to 65535), not number -1',
      '`api.tokenEnv`: `token` and `tokenEnv` exclude each other',
      '`store.url`: is required (a non-empty string)',
      '`shutdown.drainSeconds`: must be a number of seconds (0 or more), not string "soon"',
      '`log.level`: must be one of "fatal", "error", "warn", "info", "debug", "trace", "silent", not string "loud"',
    ]);
  });

  it('says when the token variable is missing, and when the file is not JSON or not an object', () => {
    expect(problems({ api: { tokenEnv: 'NOPE' } })).toEqual(['`api.tokenEnv`: environment variable NOPE is not set']);
    const notJson = readConfigText('{ "drachtio": ');
    expect(notJson.ok === false && notJson.problems[0]?.message).toMatch(/^not JSON: /);
    expect(problems([1, 2])).toEqual(['must be an object, not a list']);
    expect(problems({ drachtio: { listen: { port: 1 }, host: 'x' } })).toEqual(['`drachtio.listen`: outbound mode (`listen`) and inbound mode (`host`, `port`) exclude each other', '`drachtio.secret`: is required (a non-empty string)']);
  });
});
