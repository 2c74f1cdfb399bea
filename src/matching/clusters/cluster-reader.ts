import type { EntityManager } from 'typeorm';
import type { ClusterCase } from './cluster-view.js';

/**
 * Reads clusters: cases, their identifiers (hashes and masked forms only) and, for
 * 1212 complaints, the agencies they were referred to. The referral table belongs
 * to the referrals module; matching reads who holds a complaint through the view it
 * publishes (`referral_agency`), since referrals depend on complaints, which depend on matching.
 *
 * `shared` marks an identifier that links its case to another one; it is worked
 * out in the database, so that a partial read of a large cluster still knows it.
 */

const CASE_COLUMNS = `
  mc.id, mc.holder, mc.case_ref AS "caseRef", mc.complaint_id AS "complaintId", mc.cluster_id AS "clusterId", mc.category,
  mc.sub_category AS "subCategory", to_json(mc.reported_at) #>> '{}' AS "reportedAt",
  COALESCE((SELECT json_agg(json_build_object('id', ra.referral_id, 'partnerId', ra.partner_id) ORDER BY ra.created_at)
            FROM referral_agency ra WHERE ra.complaint_id = mc.complaint_id AND ra.holds), '[]') AS referrals,
  COALESCE((SELECT json_agg(json_build_object('hex', encode(mi.blind_index, 'hex'), 'kind', mi.kind, 'strength', mi.strength, 'masked', mi.masked,
                                              'linking', mi.linking, 'createdAt', mi.created_at,
                                              'shared', mi.linking AND mi.strength = 'strong' AND EXISTS (
                                                SELECT 1 FROM match_identifier other
                                                WHERE other.blind_index = mi.blind_index AND other.case_id <> mi.case_id AND other.linking))
                     ORDER BY mi.created_at)
            FROM match_identifier mi WHERE mi.case_id = mc.id), '[]') AS identifiers`;

function byCluster(rows: ClusterCase[]): Map<string, ClusterCase[]> {
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

/** Whole clusters, for staff (a cluster's page lists every case). */
export async function readClusters(manager: EntityManager, clusterIds: readonly string[]): Promise<Map<string, ClusterCase[]>> {
  const rows = (await manager.query(`SELECT ${CASE_COLUMNS} FROM match_case mc WHERE mc.cluster_id = ANY($1::uuid[]) ORDER BY mc.created_at, mc.id`, [clusterIds])) as ClusterCase[];
  return byCluster(rows);
}

/** Chosen cases, grouped by cluster (a sample of a large cluster, or suggestions' candidates). */
export async function readCases(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, ClusterCase[]>> {
  if (caseIds.length === 0) return new Map();
  const rows = (await manager.query(`SELECT ${CASE_COLUMNS} FROM match_case mc WHERE mc.id = ANY($1::uuid[]) ORDER BY mc.created_at, mc.id`, [caseIds])) as ClusterCase[];
  return byCluster(rows);
}

/** One agency's hold on a case of a cluster, as sampled. */
export interface SampledHolding {
  clusterId: string;
  agency: string;
  caseId: string;
  referralId: string | null;
  caseRef: string;
  /** 1 for the agency's newest holding in the cluster. */
  rank: number;
}

export interface ClusterSample {
  holdings: SampledHolding[];
  cases: ClusterCase[];
}

/**
 * A bounded read of clusters, for notices and partners: every agency of each
 * cluster with its newest `perAgency` holdings and those cases.
 * A scammer reported ten thousand times makes a cluster of ten thousand cases;
 * what an agency is told about it must not cost ten thousand reads.
 */
export async function sampleClusters(
  manager: EntityManager,
  clusterIds: readonly string[],
  perAgency = 3,
): Promise<Map<string, ClusterSample>> {
  const holdings = (await manager.query(
    `WITH holding AS (
       SELECT mc.cluster_id, mc.holder AS agency, mc.id AS case_id, NULL::uuid AS referral_id, mc.case_ref, mc.created_at AS since
       FROM match_case mc WHERE mc.cluster_id = ANY($1::uuid[])
       UNION ALL
       SELECT mc.cluster_id, ra.partner_id, mc.id, ra.referral_id, mc.case_ref, ra.created_at
       FROM match_case mc JOIN referral_agency ra ON ra.complaint_id = mc.complaint_id
       WHERE mc.cluster_id = ANY($1::uuid[]) AND ra.holds),
     ranked AS (SELECT holding.*, row_number() OVER (PARTITION BY cluster_id, agency ORDER BY since DESC, case_id) AS rank FROM holding)
     SELECT cluster_id AS "clusterId", agency, case_id AS "caseId", referral_id AS "referralId", case_ref AS "caseRef", rank::int AS rank
     FROM ranked WHERE rank <= $2`,
    [clusterIds, perAgency],
  )) as SampledHolding[];
  const cases = await readCases(manager, [...new Set(holdings.map((holding) => holding.caseId))]);
  const samples = new Map<string, ClusterSample>();
  for (const holding of holdings) {
    const sample = samples.get(holding.clusterId) ?? { holdings: [], cases: cases.get(holding.clusterId) ?? [] };
    sample.holdings.push(holding);
    samples.set(holding.clusterId, sample);
  }
  return samples;
}
