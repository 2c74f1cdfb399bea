import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback in front of a real server, which can turn into a black hole:
 * from then on it accepts connections and takes what is sent, and nothing comes back,
 * on new connections and on the ones already open (a store that hangs mid-request).
 * Or it can refuse: every connection is closed as it comes, as by a server that is down,
 * until it forwards again. `accepted` counts the connections it was asked for.
 */
export class SwitchableProxy {
  private blackHole = false;
  private refusing = false;
  accepted = 0;
  private readonly clients = new Set<Socket>();
  private readonly links = new Set<{ client: Socket; upstream: Socket }>();
  private readonly server: Server;
  url = '';

  private constructor(private readonly target: URL) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(target: string): Promise<SwitchableProxy> {
    const proxy = new SwitchableProxy(new URL(target));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** Nothing answers from now on, on any connection. */
  swallowEverything(): void {
    this.blackHole = true;
    for (const { client, upstream } of this.links) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      upstream.destroy();
      client.resume();
    }
    this.links.clear();
  }

  /** Every connection is closed, the open ones now and each new one as it comes, until forwardAgain. */
  refuseEverything(): void {
    this.refusing = true;
    for (const client of this.clients) client.destroy();
  }

  forwardAgain(): void {
    this.refusing = false;
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket): void {
    this.accepted++;
    if (this.refusing) {
      client.destroy();
      return;
    }
    this.clients.add(client);
    client.on('close', () => this.clients.delete(client));
    client.on('error', () => undefined);
    if (this.blackHole) {
      client.resume();
      return;
    }
    const upstream = createConnection({ host: this.target.hostname, port: Number(this.target.port) });
    upstream.on('error', () => client.destroy());
    const link = { client, upstream };
    this.links.add(link);
    client.on('close', () => {
      upstream.destroy();
      this.links.delete(link);
    });
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
