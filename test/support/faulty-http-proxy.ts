import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  status: number;
  at: number;
  idempotencyKey: string | undefined;
}

interface Fault {
  pathPrefix: string;
  status: number;
  headers: Record<string, string>;
  remaining: number;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host']);

/**
 * An HTTP proxy on loopback in front of a real hub, for what a client meets on the way: it can
 * answer the next requests itself (a 429 with Retry-After, a 503) and rewrite JSON answers
 * (a document altered in transit). Everything else goes to the hub and back unchanged.
 */
export class FaultyHttpProxy {
  readonly requests: ProxiedRequest[] = [];
  private readonly faults: Fault[] = [];
  private rewrite: { pathPrefix: string; change: (body: any) => any } | undefined;
  url = '';

  private constructor(
    private readonly server: Server,
    private readonly target: string,
  ) {}

  static async start(target: string): Promise<FaultyHttpProxy> {
    const holder: { proxy?: FaultyHttpProxy } = {};
    const server = createServer((request, response) => void holder.proxy!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FaultyHttpProxy(server, target);
    proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    holder.proxy = proxy;
    return proxy;
  }

  /** The next `count` requests to paths starting with `pathPrefix` get this answer from the proxy. */
  failNext(count: number, status: number, headers: Record<string, string> = {}, pathPrefix = '/'): void {
    this.faults.push({ pathPrefix, status, headers, remaining: count });
  }

  /** JSON answers from paths starting with `pathPrefix` are changed on their way back. */
  rewriteJson(pathPrefix: string, change: (body: any) => any): void {
    this.rewrite = { pathPrefix, change };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url ?? '/';
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const fault = this.faults.find((candidate) => candidate.remaining > 0 && path.startsWith(candidate.pathPrefix));
    if (fault) {
      fault.remaining -= 1;
      this.requests.push({ method: request.method ?? 'GET', path, status: fault.status, at: Date.now(), idempotencyKey: request.headers['idempotency-key'] as string | undefined });
      response.writeHead(fault.status, { 'content-type': 'application/problem+json', ...fault.headers }).end(JSON.stringify({ type: 'about:blank', title: 'Injected', status: fault.status, code: 'INJECTED' }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers[name] = value;
    const upstream = await fetch(this.target + path, { method: request.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined, redirect: 'manual' });
    let body = Buffer.from(await upstream.arrayBuffer());
    if (this.rewrite && path.startsWith(this.rewrite.pathPrefix) && upstream.headers.get('content-type')?.includes('json') && upstream.ok) {
      body = Buffer.from(JSON.stringify(this.rewrite.change(JSON.parse(body.toString('utf8')))));
    }
    this.requests.push({ method: request.method ?? 'GET', path, status: upstream.status, at: Date.now(), idempotencyKey: request.headers['idempotency-key'] as string | undefined });
    const answerHeaders: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) answerHeaders[name] = value;
    });
    response.writeHead(upstream.status, answerHeaders).end(body);
  }
}
