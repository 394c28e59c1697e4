/**
 * A loopback TCP server speaking drachtio-server's side of the wire protocol
 * (`<length>#<id>|<verb>|...`) far enough for a real drachtio-srf client:
 * it authenticates the secret, acknowledges what the client sends, and can
 * drop the connection. Enough to test connecting, reconnecting and outbound
 * mode without a drachtio-server.
 */
import { randomUUID } from 'node:crypto';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

/** What the server does with the application's `sip|...` messages (fake-sip-network.ts). */
export interface SipHandler {
  /** `leader` is the `sip|txn|dialog` line, `message` the SIP text after it; `reply` answers the client's request id. */
  fromApp(leader: readonly string[], message: string, reply: (payload: string) => void): void;
}

export class FakeDrachtioServer {
  readonly received: string[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Set to play the SIP network behind the server. */
  sip: SipHandler | undefined;

  constructor(private readonly secret: string) {}

  /** Starts listening on 127.0.0.1 (port 0: any free one); resolves with the port. */
  async listen(port = 0): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  /** Connects to an application listening in outbound mode, as drachtio-server does. */
  dial(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.once('error', reject);
      socket.connect(port, '127.0.0.1', () => {
        this.accept(socket);
        resolve();
      });
    });
  }

  /** Drops every connection and stops listening (the server "dies"). */
  async kill(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Drops the connections but keeps listening (a network blip; the server keeps its dialogs). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  get connections(): number {
    return this.sockets.size;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const hash = buffer.indexOf('#');
        if (hash <= 0) return;
        const length = Number(buffer.toString('utf8', 0, hash));
        if (buffer.length < hash + 1 + length) return;
        const message = buffer.toString('utf8', hash + 1, hash + 1 + length);
        buffer = buffer.subarray(hash + 1 + length);
        this.handle(socket, message);
      }
    });
  }

  private handle(socket: Socket, message: string): void {
    this.received.push(message);
    const crlf = message.indexOf('\r\n');
    const leader = (crlf < 0 ? message : message.slice(0, crlf)).split('|');
    const [id, verb, secret] = leader;
    if (verb === 'authenticate') {
      const ok = secret === this.secret;
      this.send(socket, `response|${id ?? ''}|${ok ? 'OK|udp/127.0.0.1:5060|v0.9.3' : 'NOK|incorrect secret'}`);
    } else if (verb === 'sip' && this.sip !== undefined) {
      this.sip.fromApp(leader.slice(1), crlf < 0 ? '' : message.slice(crlf + 2), (payload) => this.send(socket, `response|${id ?? ''}|${payload}`));
    }
  }

  /** Sends a message to every connected application (a SIP message from the network). */
  broadcast(payload: string): void {
    for (const socket of this.sockets) this.send(socket, payload);
  }

  private send(socket: Socket, payload: string): void {
    const framed = `${randomUUID()}|${payload}`;
    socket.write(`${Buffer.byteLength(framed)}#${framed}`);
  }
}
