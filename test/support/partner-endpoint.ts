import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  webhookId: string;
  webhookTimestamp: string;
  contentType: string;
  body: string;
  /** Every header as node:http gave it. */
  headers: import('node:http').IncomingHttpHeaders;
  answeredWith: number;
}

/**
 * A partner's receiving endpoint on loopback: records every push and answers
 * with the statuses it is told to (then 200), optionally after a delay.
 */
export class PartnerEndpoint {
  readonly received: ReceivedPush[] = [];
  private answers: number[] = [];
  /** Pushes whose bodies arrived, answered or not yet. */
  started = 0;
  /** Sent as Retry-After with every answer that is not 2xx, when set. */
  retryAfter: string | undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly delayMs: () => number,
  ) {}

  static async start(options: { answers?: number[]; delayMs?: () => number } = {}): Promise<PartnerEndpoint> {
    const holder: { endpoint?: PartnerEndpoint } = {};
    const server = createServer((request, response) => void holder.endpoint!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = new PartnerEndpoint(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/ocx/referrals`, options.delayMs ?? (() => 0));
    endpoint.answers = [...(options.answers ?? [])];
    holder.endpoint = endpoint;
    return endpoint;
  }

  /** The next pushes get these statuses, then 200 again. */
  answerWith(...statuses: number[]): void {
    this.answers.push(...statuses);
  }

  successes(): ReceivedPush[] {
    return this.received.filter((push) => push.answeredWith >= 200 && push.answeredWith < 300);
  }

  async waitFor(predicate: (endpoint: PartnerEndpoint) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting: ${this.received.length} push(es) received`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    this.started += 1;
    const delay = this.delayMs();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const status = this.answers.shift() ?? 200;
    this.received.push({
      webhookId: String(request.headers['webhook-id']),
      webhookTimestamp: String(request.headers['webhook-timestamp']),
      contentType: String(request.headers['content-type']),
      body: Buffer.concat(chunks).toString('utf8'),
      headers: request.headers,
      answeredWith: status,
    });
    response.writeHead(status, status >= 300 && this.retryAfter ? { 'retry-after': this.retryAfter } : {}).end();
  }
}
