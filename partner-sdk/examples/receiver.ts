/**
 * A push receiver on node:http: the hub POSTs each referral (and takedown request, MatchNotice)
 * to your endpoint; `verifyDelivery` checks it before anything is stored. With Express, read the
 * body raw (`express.text({ type: 'application/jose' })`) and pass `req.body, req.headers`; with
 * Fastify, add a content-type parser for application/jose that keeps the string, then pass
 * `request.body, request.headers`.
 *
 *   OCX_HUB_URL=… OCX_PARTNER_ID=… OCX_PRIVATE_JWK=… PORT=8080 npm run example:receiver -w @ocx/partner-sdk
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { MemoryReplayStore, OcxClient, OcxDeliveryError, type VerifiedDelivery } from '@ocx/partner-sdk';

export function createReceiver(client: OcxClient, onDelivery: (delivery: VerifiedDelivery) => Promise<void> | void): Server {
  const replayStore = new MemoryReplayStore();
  return createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > 20 * 1024 * 1024) return void response.writeHead(413).end();
      chunks.push(chunk as Buffer);
    }
    try {
      const delivery = await client.verifyDelivery(Buffer.concat(chunks), request.headers, { replayStore });
      await onDelivery(delivery);
      response.writeHead(204).end();
    } catch (error) {
      if (error instanceof OcxDeliveryError && error.code === 'REPLAYED') return void response.writeHead(204).end(); // already have it
      if (error instanceof OcxDeliveryError) return void response.writeHead(400, { 'content-type': 'text/plain' }).end(`${error.code}: ${error.message}`);
      response.writeHead(503, { 'retry-after': '30' }).end(); // our side failed: the hub sends it again later
    }
  });
}

async function main(): Promise<void> {
  const client = new OcxClient({
    baseUrl: process.env.OCX_HUB_URL ?? 'http://127.0.0.1:3000',
    partnerId: process.env.OCX_PARTNER_ID ?? '',
    privateJwk: JSON.parse(await readFile(process.env.OCX_PRIVATE_JWK ?? '', 'utf8')),
  });
  const port = Number(process.env.PORT ?? 8080);
  createReceiver(client, (delivery) => {
    console.log(`${delivery.documentType} ${delivery.document.id} (delivery ${delivery.webhookId}), signed by ${String(delivery.kid)}`);
  }).listen(port, () => console.log(`receiving pushes on http://127.0.0.1:${port}/`));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
