import { Logger } from '@nestjs/common';
import pg from 'pg';

/**
 * A LISTEN on one PostgreSQL channel, on a connection of its own, reconnecting after a
 * loss. Processes that cache what another process can change invalidate by it; while the
 * connection is down (`listening` false) they must not trust their cache.
 */
export class NotificationListener {
  private readonly logger: Logger;
  private client?: pg.Client;
  private stopped = false;
  listening = false;

  constructor(
    private readonly options: { url: string; channel: string; name: string },
    private readonly onNotification: (payload: string) => void,
    private readonly onLost: () => void,
  ) {
    this.logger = new Logger(options.name);
  }

  async start(): Promise<void> {
    await this.connect().catch((error: unknown) => this.lost(error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: `ocx-hub-${this.options.name}` });
    client.on('notification', (message) => this.onNotification(message.payload ?? ''));
    client.on('error', (error) => this.lost(error));
    client.on('end', () => this.lost());
    await client.connect();
    await client.query(`LISTEN ${this.options.channel}`);
    this.client = client;
    this.listening = true;
  }

  private lost(error?: unknown): void {
    if (!this.listening && this.client === undefined && this.stopped) return;
    this.listening = false;
    this.client = undefined;
    this.onLost();
    if (this.stopped) return;
    this.logger.warn(`notifications on ${this.options.channel} lost${error instanceof Error ? ` (${error.message})` : ''}; reading from the database until they are back`);
    setTimeout(() => void this.connect().catch((next: unknown) => this.lost(next)), 1000).unref();
  }
}
