/**
 * An agency's worker: pulls the referrals the hub sent, downloads and checks their evidence,
 * acknowledges them and, once handled, resolves them. Run it against a hub:
 *
 *   OCX_HUB_URL=http://127.0.0.1:3000 OCX_PARTNER_ID=ocpb OCX_PRIVATE_JWK=./ocpb.private.jwk.json \
 *     npm run example:agency-worker -w @ocx/partner-sdk
 *
 * (the partner and its public key registered at the hub first: see README.md, "Try it"; npm runs it in partner-sdk/, so give absolute paths).
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OcxClient, OcxProblemError, type FeedEntry } from '@ocx/partner-sdk';

export interface WorkedReferral {
  referralId: string;
  referenceCode: string;
  evidenceFiles: string[];
}

/** One pass over the referrals waiting for this agency; returns what it worked. */
export async function workReferrals(client: OcxClient, evidenceDir: string, log: (line: string) => void = console.log): Promise<WorkedReferral[]> {
  const worked: WorkedReferral[] = [];
  const waiting: FeedEntry[] = [];
  for (const status of ['dispatched', 'delivered'] as const) {
    for await (const entry of client.referrals.list({ status })) waiting.push(entry);
  }
  for (const entry of waiting) {
    const referral = await client.referrals.get(entry.referral.id); // verified against the hub's JWKS
    const folder = path.join(evidenceDir, referral.document.referralId);
    await mkdir(folder, { recursive: true });
    const files: string[] = [];
    for (const item of referral.document.evidence) {
      const file = path.join(folder, `${item.id}-${path.basename(item.filename)}`);
      await client.evidence.download(referral, item, file); // size and SHA-256 checked against the signed manifest
      files.push(file);
    }
    await client.referrals.updateStatus(referral.document.referralId, { status: 'acknowledged', partnerCaseNumber: `DEMO-${referral.document.referenceCode}` });
    try {
      await client.referrals.updateStatus(referral.document.referralId, { status: 'resolved', resolution: { summary: 'Seller contacted; the buyer was refunded.' } });
    } catch (error) {
      // Another worker (or a person) moved it on in between: the hub says where it is now.
      if (error instanceof OcxProblemError && error.code === 'TRANSITION_NOT_ALLOWED') log(`${referral.document.referralId}: already ${String(error.problem.currentStatus)}`);
      else throw error;
    }
    log(`${referral.document.referenceCode}: ${files.length} evidence file(s) checked, acknowledged and resolved`);
    worked.push({ referralId: referral.document.referralId, referenceCode: referral.document.referenceCode, evidenceFiles: files });
  }
  return worked;
}

async function main(): Promise<void> {
  const required = (name: string): string => process.env[name] ?? (console.error(`${name} is not set (see the comment at the top of this file)`), process.exit(2));
  const client = new OcxClient({
    baseUrl: process.env.OCX_HUB_URL ?? 'http://127.0.0.1:3000',
    partnerId: required('OCX_PARTNER_ID'),
    privateJwk: JSON.parse(await readFile(required('OCX_PRIVATE_JWK'), 'utf8')),
  });
  const worked = await workReferrals(client, process.env.OCX_EVIDENCE_DIR ?? './ocx-evidence');
  console.log(`${worked.length} referral(s) worked`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
