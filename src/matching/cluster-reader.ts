import type { EntityManager } from 'typeorm';
import type { ClusterCase } from './cluster-view.js';

/**
 * Reads whole clusters in one statement: cases, their identifiers (hashes and
 * masked forms only) and, for 1212 complaints, the agencies they were referred
 * to. The referral table belongs to the referrals module; matching only reads
 * who holds a complaint, since referrals depend on complaints, which depend on
 * matching.
 */
export async function readClusters(manager: EntityManager, clusterIds: readonly string[]): Promise<Map<string, ClusterCase[]>> {
  const rows = (await manager.query(
    `SELECT mc.id, mc.holder, mc.case_ref AS "caseRef", mc.complaint_id AS "complaintId", mc.cluster_id AS "clusterId", mc.category,
            mc.sub_category AS "subCategory", to_json(mc.reported_at) #>> '{}' AS "reportedAt",
            COALESCE((SELECT json_agg(json_build_object('id', r.id, 'partnerId', r.partner_id) ORDER BY r.created_at)
                      FROM referral r WHERE r.complaint_id = mc.complaint_id AND r.status NOT IN ('rejected', 'transferred')), '[]') AS referrals,
            COALESCE((SELECT json_agg(json_build_object('hex', encode(mi.blind_index, 'hex'), 'kind', mi.kind, 'strength', mi.strength, 'masked', mi.masked,
                                                        'linking', mi.linking, 'createdAt', mi.created_at) ORDER BY mi.created_at)
                      FROM match_identifier mi WHERE mi.case_id = mc.id), '[]') AS identifiers
     FROM match_case mc WHERE mc.cluster_id = ANY($1::uuid[]) ORDER BY mc.created_at, mc.id`,
    [clusterIds],
  )) as ClusterCase[];
  const clusters = new Map<string, ClusterCase[]>();
  for (const row of rows) {
    row.reportedAt = new Date(row.reportedAt).toISOString();
    for (const identifier of row.identifiers) identifier.createdAt = new Date(identifier.createdAt).toISOString();
    const members = clusters.get(row.clusterId);
    if (members) members.push(row);
    else clusters.set(row.clusterId, [row]);
  }
  return clusters;
}
