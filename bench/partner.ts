import 'reflect-metadata';
import { generateKeyPairSync, randomUUID, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompactSign, importJWK, type JWK } from 'jose';
import { measure } from './harness.js';
import { cpuSecondsOf, describeCpuSplit, load, partnerToken, splitCpu, withBenchHub } from './support.js';

/**
 * `npm run bench:partner`: signed status events accepted per second (verify,
 * schema, replay check, transition, history) and feed pages per second through
 * the partner API, next to the raw ES256 verify rate of node:crypto in this run.
 */
const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 2000);
const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  await withBenchHub({ PARTNER_RATE_PER_MINUTE: '1000000' }, async ({ hub, base, client, token: tokenFor }) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const input = Buffer.from('x'.repeat(1400));
    const signature = cryptoSign('sha256', input, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const rawVerify = await measure('raw', () => cryptoVerify('sha256', input, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature), 2000);

    const admin = await tokenFor('admin');
    const staff = await tokenFor('staff');

    // One agency with a registered key, and REFERRALS referrals dispatched to it.
    const partnerId = 'bench-agency';
    await client.post(`/v1/partners`, admin, { id: partnerId, nameTh: 'หน่วยงานทดสอบ', nameEn: 'Bench agency', kind: 'government', categories: ['shopping'], deliveryMode: 'pull', serviceLevel: { acknowledgeWithinHours: 24, resolveWithinDays: 30 } });
    const partnerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicJwk = partnerKey.publicKey.export({ format: 'jwk' });
    const { kid } = (await client.post(`/v1/partners/${partnerId}/keys`, admin, { jwk: publicJwk })) as { kid: string };
    const privateJwk = partnerKey.privateKey.export({ format: 'jwk' }) as JWK;
    const complaint = JSON.parse(readFileSync(path.join(here, '..', '..', 'bench', 'complaint.json'), 'utf8')) as Record<string, unknown>;
    const referralIds: string[] = [];
    await load(REFERRALS, async () => {
      const created = (await client.post(`/v1/complaints`, staff, complaint)) as { id: string };
      const dispatched = (await client.post(`/v1/complaints/${created.id}/referrals`, staff, { partners: [partnerId] })) as { referrals: Array<{ id: string }> };
      referralIds.push(dispatched.referrals[0]!.id);
    });
    const token = await partnerToken(base, partnerId, kid, privateJwk);

    // Events are signed before the clock starts: the bench measures the hub, not the partner's signing.
    const key = await importJWK(privateJwk, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const events = await Promise.all(
      referralIds.map((referralId) =>
        new CompactSign(Buffer.from(JSON.stringify({ type: 'ocx.status-event', ocxVersion: '1.0', id: randomUUID(), issuedAt: new Date().toISOString(), referralId, partnerId, status: 'acknowledged', partnerCaseNumber: 'BENCH-1' })))
          .setProtectedHeader({ alg: 'ES256', kid, typ: 'ocx-status-event+jws', iat: now })
          .sign(key),
      ),
    );
    const eventSplit = splitCpu(hub.pid!);
    const accepted = await load(events.length, async (i) => {
      const response = await client.send('POST', `/v1/partner/referrals/${referralIds[i]}/events`, token, { type: 'application/jose', text: events[i]! });
      if (response.status !== 201) throw new Error(`event answered ${response.status}: ${response.text}`);
    });
    const eventCpuSplit = eventSplit(events.length);
    const eventCpu = (eventCpuSplit.hub * events.length) / 1000 / accepted.seconds;

    const cpuBefore = cpuSecondsOf(hub.pid!);
    const pages = await load(400, async () => {
      const response = await client.send('GET', '/v1/partner/referrals?limit=50', token);
      if (response.status !== 200) throw new Error(`feed answered ${response.status}`);
    });
    const pageCpu = (cpuSecondsOf(hub.pid!) - cpuBefore) / pages.seconds;

    process.stdout.write(`node ${process.version}, ${os.cpus().length} cores; ${REFERRALS} referrals; hub in its own process, 8 concurrent clients\n\n`);
    process.stdout.write(`${'operation'.padEnd(58)}${'per s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'hub CPU'.padStart(9)}\n`);
    const row = (name: string, perSecond: number, p50: number, p95: number, cpu?: number): void => {
      process.stdout.write(`${name.padEnd(58)}${Math.round(perSecond).toLocaleString('en-US').padStart(9)}${p50.toFixed(2).padStart(9)}${p95.toFixed(2).padStart(9)}${(cpu === undefined ? '' : `${Math.round(cpu * 100)}%`).padStart(9)}\n`);
    };
    row('node:crypto ES256 verify, one core (baseline)', rawVerify.opsPerSecond, rawVerify.p50Micros / 1000, rawVerify.p95Micros / 1000);
    row('POST …/events: signed StatusEvents accepted', accepted.perSecond, accepted.p50, accepted.p95, eventCpu);
    row('GET /v1/partner/referrals?limit=50: feed pages', pages.perSecond, pages.p50, pages.p95, pageCpu);
    process.stdout.write(`status events: ${describeCpuSplit(eventCpuSplit)}\n`);
    process.stdout.write(`status events/s: ${Math.round(accepted.perSecond)} (target ≥ 1,000): ${accepted.perSecond >= 1000 ? 'met' : 'NOT met'}\n`);
  });
}


void main();
