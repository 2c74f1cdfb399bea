import { aComplaint } from './complaint-builder.js';
import { evidenceFiles } from './evidence-files.js';
import type { TestHub } from './hub-harness.js';

export interface DispatchedComplaint {
  complaintId: string;
  evidenceId: string;
  /** The bytes of its one evidence file (a JPEG). */
  evidence: Buffer;
  /** Each partner's referral id. */
  referralOf: Record<string, string>;
}

/** A complaint with one evidence file, recorded by staff and dispatched to these partners. */
export async function aDispatchedComplaint(hub: TestHub, staffToken: string, partnerIds: string[]): Promise<DispatchedComplaint> {
  const complaint = (await hub.request('POST', '/v1/complaints', { token: staffToken, json: aComplaint() })).body;
  const evidence = evidenceFiles.jpeg();
  const uploaded = await fetch(`${hub.baseUrl}/v1/complaints/${complaint.id}/evidence?kind=payment_slip&filename=slip.jpg`, {
    method: 'POST',
    headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/octet-stream' },
    body: evidence,
  });
  if (uploaded.status !== 201) throw new Error(`evidence not stored (${uploaded.status}): ${await uploaded.text()}`);
  const dispatched = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staffToken, json: { partners: partnerIds } });
  if (dispatched.status !== 201) throw new Error(`not dispatched (${dispatched.status}): ${dispatched.text}`);
  return {
    complaintId: complaint.id,
    evidenceId: ((await uploaded.json()) as { id: string }).id,
    evidence,
    referralOf: Object.fromEntries(dispatched.body.referrals.map((referral: { partnerId: string; id: string }) => [referral.partnerId, referral.id])),
  };
}
