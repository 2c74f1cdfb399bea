import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aComplaint } from '../support/complaint-builder.js';
import { TestHub } from '../support/hub-harness.js';
import { TestDatabase } from '../support/hub-harness.js';
import { PartnerClient } from '../support/partner-client.js';

/**
 * Every list that can grow pages one way (common/paging.ts): `cursor` and `limit` in,
 * `nextCursor` out, null on the last page; a cursor that the list did not issue is a
 * 400 CURSOR_INVALID, never a 500.
 */
describe('paging', () => {
  let hub: TestHub;
  let staff: string;
  let auditor: string;
  let agency: PartnerClient;
  const referralIds: string[] = [];

  beforeAll(async () => {
    // A database of its own, so that the delivery list holds only this file's pushes; no worker sends them.
    const databaseUrl = await TestDatabase.createIsolated('paging');
    hub = await TestHub.start({ databaseUrl, env: { DELIVERY_WORKER: 'false', DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true' } });
    staff = await hub.token('staff', 'somchai');
    auditor = await hub.token('auditor', 'committee-1');
    agency = await PartnerClient.register(hub, { deliveryMode: 'push', endpointUrl: 'http://127.0.0.1:9/ocx' });
    for (let index = 0; index < 5; index++) {
      const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
      const dispatched = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id] } });
      referralIds.push(dispatched.body.referrals[0].id);
    }
  });

  afterAll(async () => {
    await hub.stop();
  });

  /** Follows nextCursor from the first page to the last; returns every item in order. */
  async function allPages(path: string, token: string, items: string, limit: number): Promise<{ items: any[]; pages: number }> {
    const collected: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const response: { status: number; body: any } = await hub.request('GET', `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
      expect(response.status).toBe(200);
      collected.push(...response.body[items]);
      cursor = response.body.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(20);
    } while (cursor);
    return { items: collected, pages };
  }

  it('pages the staff work list, the deliveries, the audit log and the partner feed without gaps or repeats', async () => {
    const referrals = await allPages(`/v1/referrals?partner=${agency.id}`, staff, 'referrals', 2);
    expect(referrals.pages).toBe(3);
    expect(referrals.items.map((referral) => referral.id)).toEqual((await hub.request('GET', `/v1/referrals?partner=${agency.id}`, { token: staff })).body.referrals.map((referral: { id: string }) => referral.id));
    expect(new Set(referrals.items.map((referral) => referral.id))).toEqual(new Set(referralIds));

    const deliveries = await allPages(`/v1/deliveries?partner=${agency.id}`, staff, 'deliveries', 2);
    expect((await hub.request('GET', '/v1/deliveries?partner=nobody-here', { token: staff })).body.deliveries).toEqual([]);
    expect(deliveries.items.map((delivery) => delivery.referralId).sort()).toEqual([...referralIds].sort());
    expect(new Set(deliveries.items.map((delivery) => delivery.id)).size).toBe(5);

    const audit = await allPages(`/v1/audit/entries?partner=${agency.id}`, auditor, 'entries', 2);
    const whole = (await hub.request('GET', `/v1/audit/entries?partner=${agency.id}`, { token: auditor })).body;
    expect(whole.nextCursor).toBeNull();
    expect(audit.items.map((entry) => entry.seq)).toEqual(whole.entries.map((entry: { seq: number }) => entry.seq));

    const token = await agency.token();
    const feed = await allPages('/v1/partner/referrals', token, 'referrals', 2);
    expect(feed.items.map((entry) => entry.referral.id).sort()).toEqual([...referralIds].sort());
  });

  it('refuses a cursor the list did not issue with 400 CURSOR_INVALID', async () => {
    const token = await agency.token();
    const complaintsCursor = (await hub.request('GET', '/v1/complaints?limit=1', { token: staff })).body.nextCursor as string;
    const forged = [
      complaintsCursor,
      Buffer.from('f1:9999999999999999999').toString('base64url'),
      Buffer.from('a1:-1').toString('base64url'),
      Buffer.from('d1:1|not-a-uuid').toString('base64url'),
      'not a cursor at all',
    ];
    const lists: Array<[string, string]> = [
      ['/v1/referrals', staff], ['/v1/deliveries', staff], ['/v1/audit/entries', auditor],
      ['/v1/partner/referrals', token], ['/v1/partner/match-notices', token], ['/v1/partner/matches', token],
    ];
    for (const [path, bearer] of lists) {
      for (const cursor of forged) {
        const response = await hub.request('GET', `${path}?cursor=${encodeURIComponent(cursor)}`, { token: bearer });
        expect({ path, cursor, status: response.status, code: response.body.code }).toEqual({ path, cursor, status: 400, code: 'CURSOR_INVALID' });
      }
    }
    const complaints = await hub.request('GET', `/v1/complaints?cursor=${Buffer.from('f1:12').toString('base64url')}`, { token: staff });
    expect(complaints.body.code).toBe('CURSOR_INVALID');
  });
});
