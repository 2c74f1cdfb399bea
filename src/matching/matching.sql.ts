/**
 * The matching module's SQL: `match_case`, `match_identifier`, `match_split`,
 * `match_cluster_agency`, `match_notice` and `match_notice_due` are named only in this
 * module. Referrals are read through the `referral_agency` view that referrals publishes.
 */

/**
 * Common table expressions that record a complaint's referral to new agencies
 * (`complaint`: uuid, `agencies`: varchar[], as SQL expressions): an agency new to
 * the complaint's cluster changes its set of agencies, so the cluster is due a
 * MatchNotice if the complaint is linked to another case. For the dispatch
 * statement, which writes the referrals in the same round trip.
 */
export function referredToAgencies(complaint: string, agencies: string): string {
  return `referred_cluster AS (SELECT cluster_id FROM match_case WHERE complaint_id = ${complaint}),
     referred_agency AS (
       INSERT INTO match_cluster_agency (cluster_id, agency)
       SELECT referred_cluster.cluster_id, agency FROM referred_cluster CROSS JOIN unnest(${agencies}) AS agency
       ON CONFLICT DO NOTHING RETURNING cluster_id),
     referred_due AS (
       INSERT INTO match_notice_due (cluster_id)
       SELECT DISTINCT referred_agency.cluster_id FROM referred_agency
       WHERE EXISTS (SELECT 1 FROM match_case other WHERE other.cluster_id = referred_agency.cluster_id AND other.complaint_id IS DISTINCT FROM ${complaint})
       ON CONFLICT DO NOTHING)`;
}

/** Stores signed MatchNotices for their recipients to pull (their pushes are queued through the outbox). */
export const STORE_MATCH_NOTICES = `INSERT INTO match_notice (id, recipient, cluster_id, case_id, referral_id, jws)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[])`;
