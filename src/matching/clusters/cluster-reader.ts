import type { EntityManager } from 'typeorm';
import type { ClusterCase } from './cluster-view.js';
import { CASES_BY_ID, CASES_OF_CLUSTERS, SAMPLE_HOLDINGS } from '../matching.sql.js';

/**
 * Reads clusters: cases, their identifiers (hashes and masked forms only) and, for
 * 1212 complaints, the agencies they were referred to. The referral table belongs
 * to the referrals module; matching reads who holds a complaint through the view it
 * publishes (`referral_agency`), since referrals depend on complaints, which depend on matching.
 *
 * `shared` marks an identifier that links its case to another one; it is worked
 * out in the database, so that a partial read of a large cluster still knows it.
 */

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
  const rows = (await manager.query(CASES_OF_CLUSTERS, [clusterIds])) as ClusterCase[];
  return byCluster(rows);
}

/** Chosen cases, grouped by cluster (a sample of a large cluster, or suggestions' candidates). */
export async function readCases(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, ClusterCase[]>> {
  if (caseIds.length === 0) return new Map();
  const rows = (await manager.query(CASES_BY_ID, [caseIds])) as ClusterCase[];
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
    SAMPLE_HOLDINGS,
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
