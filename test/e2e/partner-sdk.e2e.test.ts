import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OcxDeliveryError, OcxEvidenceMismatchError, OcxProblemError, OcxVerificationError, MemoryReplayStore, type OcxClient } from '@ocx/partner-sdk';
import Fastify from 'fastify';
import { CompactSign, importJWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workReferrals } from '../../partner-sdk/examples/agency-worker.js';
import { createReceiver } from '../../partner-sdk/examples/receiver.js';
import { aDispatchedComplaint } from '../support/dispatched-complaint.js';
import { FaultyHttpProxy } from '../support/faulty-http-proxy.js';
import { TestHub } from '../support/hub-harness.js';
import { anEcKeyPair } from '../support/partner-builder.js';
import { PartnerClient } from '../support/partner-client.js';
import { PartnerEndpoint } from '../support/partner-endpoint.js';
import { exampleDocument } from '../support/signed-documents.js';

/** The partner SDK (partner-sdk/) against a real hub, PostgreSQL and S3 store, as a partner's program would use it. */
describe('partner SDK', () => {
  let hub: TestHub;
  let staff: string;
  let downloads: string;

  beforeAll(async () => {
    hub = await TestHub.start({ env: { DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true', DELIVERY_POLL_MS: '20', MATCHING_NOTIFIER_POLL_MS: '20' } });
    staff = await hub.token('staff', 'somchai');
    downloads = await mkdtemp(path.join(tmpdir(), 'ocx-sdk-downloads-'));
  });

  afterAll(async () => {
    await hub.stop();
    await rm(downloads, { recursive: true, force: true });
  });

  const dispatchedCase = (partnerIds: string[]) => aDispatchedComplaint(hub, staff, partnerIds);

  it('the example agency worker pulls a referral, checks its evidence, acknowledges and resolves it', async () => {
    const agency = await PartnerClient.register(hub);
    const { referralOf, evidence } = await dispatchedCase([agency.id]);
    const lines: string[] = [];

    const worked = await workReferrals(agency.sdk(), downloads, (line) => lines.push(line));

    expect(worked.map((referral) => referral.referralId)).toEqual([referralOf[agency.id]]);
    expect(await readFile(worked[0].evidenceFiles[0])).toEqual(evidence);
    const { state } = await agency.sdk().referrals.get(referralOf[agency.id]);
    expect(state.status).toBe('resolved');
    // A second pass finds nothing left to do.
    expect(await workReferrals(agency.sdk(), downloads, () => undefined)).toEqual([]);
  });

  it('a hub answer is a typed OcxProblemError carrying the problem document', async () => {
    const agency = await PartnerClient.register(hub);
    const { referralOf } = await dispatchedCase([agency.id]);
    const client = agency.sdk();
    await client.referrals.updateStatus(referralOf[agency.id], { status: 'acknowledged' });
    await client.referrals.updateStatus(referralOf[agency.id], { status: 'resolved', resolution: { summary: 'done' } });

    const refused = await client.referrals.updateStatus(referralOf[agency.id], { status: 'in_progress' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OcxProblemError);
    expect(refused).toMatchObject({ status: 409, code: 'TRANSITION_NOT_ALLOWED', problem: { currentStatus: 'resolved' } });
    // Another partner's referral does not exist for this one.
    const other = await PartnerClient.register(hub);
    expect(await other.sdk().referrals.get(referralOf[agency.id]).catch((error: unknown) => error)).toMatchObject({ status: 404 });
  });

  it('refuses a referral whose JWS was altered on the way, and returns only what the hub signed', async () => {
    const agency = await PartnerClient.register(hub);
    const { referralOf } = await dispatchedCase([agency.id]);
    const proxy = await FaultyHttpProxy.start(hub.baseUrl);
    try {
      const client = agency.sdk({ baseUrl: proxy.url });
      // The decoded copy beside the JWS is changed: the SDK never returns it.
      proxy.rewriteJson('/v1/partner/referrals/', (view) => ({ ...view, document: { ...view.document, referenceCode: 'FORGED' } }));
      const genuine = await client.referrals.get(referralOf[agency.id]);
      expect(genuine.document.referenceCode).not.toBe('FORGED');
      expect(genuine.document.recipient).toBe(agency.id);

      // The signed payload itself is changed: refused.
      proxy.rewriteJson('/v1/partner/referrals/', (view) => {
        const [header, payload, signature] = view.jws.split('.');
        const document = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        const forged = Buffer.from(JSON.stringify({ ...document, requestedAction: 'for_information' })).toString('base64url');
        return { ...view, jws: [header, forged, signature].join('.') };
      });
      const altered = await client.referrals.get(referralOf[agency.id]).catch((error: unknown) => error);
      expect(altered).toBeInstanceOf(OcxVerificationError);
      expect(altered).toMatchObject({ code: 'SIGNATURE_INVALID' });

      // Signed by someone else under the hub's key id: refused too.
      const impostor = await importJWK(anEcKeyPair().privateJwk as never, 'ES256');
      const forgedJws = await (async () => {
        const view = (await hub.request('GET', `/v1/partner/referrals/${referralOf[agency.id]}`, { token: await agency.token() })).body;
        const [header, payload] = view.jws.split('.');
        return new CompactSign(Buffer.from(payload, 'base64url')).setProtectedHeader(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).sign(impostor);
      })();
      proxy.rewriteJson('/v1/partner/referrals/', (view) => ({ ...view, jws: forgedJws }));
      expect(await client.referrals.get(referralOf[agency.id]).catch((error: unknown) => error)).toMatchObject({ code: 'SIGNATURE_INVALID' });
    } finally {
      await proxy.stop();
    }
  });

  it('a download that does not match the signed manifest leaves no file and throws', async () => {
    const agency = await PartnerClient.register(hub);
    const { referralOf } = await dispatchedCase([agency.id]);
    const client = agency.sdk();
    const referral = await client.referrals.get(referralOf[agency.id]);
    const item = referral.document.evidence[0];
    // Checked against the signed manifest entry: a caller's copy with another digest does not weaken the check,
    // so the mismatch is shown by pointing the download at a manifest whose entry says otherwise.
    const tampered = { ...referral, document: { ...referral.document, evidence: [{ ...item, sha256: '0'.repeat(64) }] } };
    const folder = await mkdtemp(path.join(downloads, 'mismatch-'));
    const refused = await client.evidence.download(tampered, item.id, path.join(folder, 'slip.jpg')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OcxEvidenceMismatchError);
    expect(await readdir(folder)).toEqual([]);
    const kept = await client.evidence.download(referral, item, path.join(folder, 'slip.jpg'));
    expect(kept).toMatchObject({ size: item.size, sha256: item.sha256 });
  });

  it('retries a 429 after Retry-After, with the same idempotency key', async () => {
    const agency = await PartnerClient.register(hub);
    const { referralOf } = await dispatchedCase([agency.id]);
    const proxy = await FaultyHttpProxy.start(hub.baseUrl);
    try {
      const client = agency.sdk({ baseUrl: proxy.url });
      proxy.failNext(1, 429, { 'retry-after': '1' }, `/v1/partner/referrals/${referralOf[agency.id]}/events`);
      const view = await client.referrals.updateStatus(referralOf[agency.id], { status: 'acknowledged' });
      expect(view.status).toBe('acknowledged');
      const attempts = proxy.requests.filter((request) => request.path.endsWith('/events'));
      expect(attempts.map((attempt) => attempt.status)).toEqual([429, 201]);
      expect(attempts[0].idempotencyKey).toEqual(expect.any(String));
      expect(attempts[1].idempotencyKey).toBe(attempts[0].idempotencyKey);
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(950);

      proxy.failNext(2, 503, {}, '/v1/partner/referrals');
      const entries = [];
      for await (const entry of client.referrals.list()) entries.push(entry);
      expect(entries.map((entry) => entry.referral.id)).toEqual([referralOf[agency.id]]);

      // Retries are bounded: past them, the hub's answer is the error.
      const impatient = agency.sdk({ baseUrl: proxy.url, retry: { retries: 1, baseDelayMs: 10 } });
      proxy.failNext(2, 503, {}, '/v1/partner/referrals');
      const gaveUp = await impatient.referrals.get(referralOf[agency.id]).catch((error: unknown) => error);
      expect(gaveUp).toMatchObject({ status: 503, code: 'INJECTED' });
    } finally {
      await proxy.stop();
    }
  });

  describe('pushed deliveries', () => {
    let endpoint: PartnerEndpoint;
    let agency: PartnerClient;
    let client: OcxClient;

    beforeAll(async () => {
      endpoint = await PartnerEndpoint.start();
      agency = await PartnerClient.register(hub, { deliveryMode: 'push', endpointUrl: endpoint.url });
      client = agency.sdk();
      await dispatchedCase([agency.id]);
      await endpoint.waitFor((received) => received.successes().length > 0);
    });

    afterAll(() => endpoint.stop());

    it('verifies a push as node:http hands it over, and returns the typed document', async () => {
      const push = endpoint.successes()[0];
      const delivery = await client.verifyDelivery(push.body, push.headers);
      expect(delivery.documentType).toBe('ocx.referral');
      if (delivery.documentType !== 'ocx.referral') throw new Error('unreachable');
      expect(delivery.document.recipient).toBe(agency.id);
      expect(delivery.webhookId).toBe(push.webhookId);
      // As fetch's Headers (and bytes) too.
      expect((await client.verifyDelivery(Buffer.from(push.body), new Headers(push.headers as Record<string, string>))).document.id).toBe(delivery.document.id);
    });

    it('refuses a stale or future timestamp, another key, a wrong type, and a replay', async () => {
      const push = endpoint.successes()[0];
      const refusal = (body: string, headers: Record<string, unknown>, options = {}) =>
        client.verifyDelivery(body, { ...push.headers, ...headers } as Record<string, string>, options).then(
          () => 'accepted',
          (error: unknown) => (error instanceof OcxDeliveryError ? error.code : String(error)),
        );
      const now = Math.floor(Date.now() / 1000);
      expect(await refusal(push.body, { 'webhook-timestamp': String(now - 600) })).toBe('STALE_TIMESTAMP');
      expect(await refusal(push.body, { 'webhook-timestamp': String(now + 600) })).toBe('FUTURE_TIMESTAMP');
      expect(await refusal(push.body, { 'webhook-id': undefined })).toBe('MISSING_HEADER');
      expect(await refusal(push.body, { 'ocx-document-type': 'ocx.match-notice' })).toBe('DOCUMENT_TYPE_MISMATCH');

      const [header, payload] = push.body.split('.');
      const impostor = await importJWK(anEcKeyPair().privateJwk as never, 'ES256');
      const hubHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
      const resign = (kid: string) => new CompactSign(Buffer.from(payload, 'base64url')).setProtectedHeader({ ...hubHeader, kid }).sign(impostor);
      expect(await refusal(await resign(hubHeader.kid), { 'webhook-timestamp': String(now) })).toBe('SIGNATURE_INVALID');
      expect(await refusal(await resign('not-a-hub-key'), { 'webhook-timestamp': String(now) })).toBe('UNKNOWN_KEY');
      const unsigned = `${Buffer.from(JSON.stringify({ ...hubHeader, alg: 'none' })).toString('base64url')}.${payload}.`;
      expect(await refusal(unsigned, { 'webhook-timestamp': String(now) })).toBe('MALFORMED');

      const replayStore = new MemoryReplayStore();
      expect(await refusal(push.body, { 'webhook-timestamp': String(now), 'webhook-id': randomUUID() }, { replayStore })).toBe('accepted');
      const again = { 'webhook-timestamp': String(now), 'webhook-id': randomUUID() };
      expect(await refusal(push.body, again, { replayStore })).toBe('accepted');
      expect(await refusal(push.body, again, { replayStore })).toBe('REPLAYED');
    });

    it('verifies a push received by Fastify, with the body kept as a string', async () => {
      const server = Fastify();
      server.addContentTypeParser('application/jose', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      server.post('/ocx', async (request, reply) => {
        const delivery = await client.verifyDelivery(request.body as string, request.headers).catch((error: unknown) => error);
        return delivery instanceof OcxDeliveryError ? reply.code(400).send(delivery.code) : reply.code(204).send();
      });
      const url = await server.listen({ port: 0, host: '127.0.0.1' });
      try {
        const push = endpoint.successes()[0];
        const forward = (timestamp: string) =>
          fetch(`${url}/ocx`, { method: 'POST', body: push.body, headers: { 'content-type': 'application/jose', 'webhook-id': push.webhookId, 'webhook-timestamp': timestamp, 'ocx-document-type': 'ocx.referral' } });
        expect((await forward(String(Math.floor(Date.now() / 1000)))).status).toBe(204);
        const stale = await forward('1700000000');
        expect([stale.status, await stale.text()]).toEqual([400, 'STALE_TIMESTAMP']);
      } finally {
        await server.close();
      }
    });

    it('the example receiver takes a real push (204) and refuses a forged one (400)', async () => {
      const seen: string[] = [];
      const receiver = createReceiver(client, (delivery) => void seen.push(delivery.document.id));
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/`;
      try {
        const push = endpoint.successes()[0];
        const send = (headers: Record<string, string>) =>
          fetch(url, { method: 'POST', body: push.body, headers: { 'content-type': 'application/jose', 'webhook-id': randomUUID(), 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'ocx-document-type': 'ocx.referral', ...headers } });
        expect((await send({})).status).toBe(204);
        expect(seen).toHaveLength(1);
        const stale = await send({ 'webhook-timestamp': '1700000000' });
        expect(stale.status).toBe(400);
        expect(await stale.text()).toContain('STALE_TIMESTAMP');
        expect(seen).toHaveLength(1);
      } finally {
        await new Promise((resolve) => receiver.close(resolve));
      }
    });
  });

  it('shares cases, and lists the matches and verified MatchNotices that link them', async () => {
    const police = await PartnerClient.register(hub, { categories: ['shopping', 'platform_service'] });
    const consumers = await PartnerClient.register(hub, { categories: ['shopping', 'platform_service'] });
    const promptpay = `08${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const { type: _type, ocxVersion: _version, id: _id, issuedAt: _issued, partnerId: _partner, ...shared } = exampleDocument('case-share.job-scam-with-promptpay');
    const share = (partner: PartnerClient, caseNumber: string) =>
      partner.sdk().cases.share({ ...(shared as never as Parameters<OcxClient['cases']['share']>[0]), partnerCaseNumber: caseNumber, subjects: [{ type: 'promptpay', value: promptpay }] });

    const first = await share(police, `CCIB-${randomUUID().slice(0, 8)}`);
    expect(first).toMatchObject({ replay: false, subjects: 1 });
    await share(consumers, `OCPB-${randomUUID().slice(0, 8)}`);

    const matches = [];
    for await (const match of police.sdk().matches.list()) matches.push(match);
    expect(matches.length).toBeGreaterThan(0);
    // The notifier sends MatchNotices in its own rounds: the feed is read until the first one is there.
    const notices = [];
    let feed = police.sdk().matchNotices.list();
    for (const deadline = Date.now() + 5_000; notices.length === 0 && Date.now() < deadline; ) {
      feed = police.sdk().matchNotices.list();
      for await (const notice of feed) notices.push(notice);
      if (notices.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0].document.recipient).toBe(police.id);
    // The feed says where it ended: polling from there brings nothing already seen.
    expect(feed.cursor).toEqual(expect.any(String));
    const later = [];
    for await (const notice of police.sdk().matchNotices.list({ cursor: feed.cursor })) later.push(notice);
    expect(later).toEqual([]);
  });

  it('a platform lists, reads and answers its takedown requests', async () => {
    const domain = `sdk-${randomUUID().slice(0, 8)}.co.th`;
    const platform = await PartnerClient.register(hub, { kind: 'platform', platformDomains: [domain] });
    const issued = await hub.request('POST', '/v1/takedowns', {
      token: staff,
      json: {
        legalBasis: { code: 'food_drug' },
        requestedAction: 'remove',
        targets: [{ kind: 'listing', url: `https://${domain}/product/1` }, { kind: 'shop', url: `https://${domain}/shop/2` }],
        statementOfReasons: { ground: 'illegal_health_product', explanation: 'ผลิตภัณฑ์ไม่มีเลขสารบบอาหาร' },
      },
    });
    expect(issued.status).toBe(201);
    const client = platform.sdk();
    const listed = [];
    for await (const takedown of client.takedowns.list()) listed.push(takedown);
    expect(listed.map((takedown) => takedown.id)).toEqual([issued.body.takedowns[0].id]);

    const request = await client.takedowns.get(listed[0].id);
    expect(request.document.platform).toBe(platform.id);
    const answered = await client.takedowns.respond(request.document.takedownId, {
      outcomes: request.document.targets.map((target) => ({ targetId: target.targetId, outcome: 'removed' as const, actedAt: new Date().toISOString() })),
    });
    expect(answered.status).toBe('completed');
  });
});
