import { Logger } from '@nestjs/common';
import pg from 'pg';

const RETRY_MS = 1000;

/** The next attempt a second after a loss. */
function retryInASecond(reconnect: () => Promise<void>): void {
  setTimeout(() => void reconnect(), RETRY_MS).unref();
}

/**
 * A LISTEN on one PostgreSQL channel, on a connection of its own, reconnecting after a
 * loss. Processes that cache what another process can change invalidate by it; while the
 * connection is down (`listening` false) they must not trust their cache.
 *
 * One connection, or one attempt, at a time: a failed attempt reports itself up to three
 * times (its promise, `error`, `end`), and only the first report of the current connection
 * schedules the next attempt. (Each report used to schedule one: the attempts multiplied
 * every second while PostgreSQL was away, to thousands of sockets a second.)
 */
export class NotificationListener {
  private readonly logger: Logger;
  /** The connection listening, or the attempt under way. */
  private client?: pg.Client;
  private stopped = false;
  /** A loss was logged and the connection is not back yet: the next failures are not logged again. */
  private lossLogged = false;
  listening = false;

  constructor(
    private readonly options: {
      url: string;
      channel: string;
      name: string;
      /** Schedules the next attempt after a loss (a second later unless a test holds it). */
      retry?: (reconnect: () => Promise<void>) => void;
    },
    private readonly onNotification: (payload: string) => void,
    private readonly onLost: () => void,
  ) {
    this.logger = new Logger(options.name);
  }

  /** The first attempt; never rejects (a failure is a loss, retried). */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const client = new pg.Client({ connectionString: this.options.url, application_name: `ocx-hub-${this.options.name}` });
    this.client = client;
    const lose = (error?: unknown): void => this.lost(client, error);
    client.on('notification', (message) => this.onNotification(message.payload ?? ''));
    client.on('error', lose);
    client.on('end', () => lose());
    return client
      .connect()
      .then(() => client.query(`LISTEN ${this.options.channel}`))
      .then(() => {
        if (this.client !== client) return;
        this.listening = true;
        if (this.lossLogged) this.logger.log(`notifications on ${this.options.channel} are back`);
        this.lossLogged = false;
      }, lose);
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    void client.end().catch(() => undefined);
    this.onLost();
    if (this.stopped) return;
    if (!this.lossLogged) {
      this.logger.warn(`notifications on ${this.options.channel} lost${error instanceof Error ? ` (${error.message})` : ''}; reading from the database until they are back`);
      this.lossLogged = true;
    }
    (this.options.retry ?? retryInASecond)(() => this.connect());
  }
}
