import { PreparedStatement } from '../database/prepared-statement.js';
import { MATCHING_LOCK } from './matching-lock.js';

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

// ---- MatchNotices (notices/) ----

/** Stores signed MatchNotices for their recipients to pull (their pushes are queued through the outbox). */
export const STORE_MATCH_NOTICES = `INSERT INTO match_notice (id, recipient, cluster_id, case_id, referral_id, jws, sequence)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::int[])`;

// ---- Cases, identifiers and clusters (clusters/matching.service.ts) ----

/** Serialises changes to clusters across hub processes (param: MATCHING_LOCK). Lock order: before the audit chain's. */
export const LOCK_MATCHING = 'SELECT pg_advisory_xact_lock($1)';

/** Cases already known by (holder, ref) ($1, $2 arrays), with the hashes staff split off each. */
export const KNOWN_CASES = `SELECT mc.id, mc.holder, mc.case_ref, mc.cluster_id,
              COALESCE((SELECT array_agg(encode(s.blind_index, 'hex')) FROM match_split s WHERE s.case_id = mc.id), '{}') AS splits
       FROM match_case mc JOIN unnest($1::text[], $2::text[]) AS wanted(holder, case_ref) USING (holder, case_ref)`;

/** A re-sent case's identifiers are replaced. */
export const DELETE_IDENTIFIERS_OF_CASES = 'DELETE FROM match_identifier WHERE case_id = ANY($1::uuid[])';

/** A cluster that holds one of the hashes probed, with its agencies. */
export interface ClusterHolding {
  hex: string;
  cluster_id: string;
  agencies: string[];
}

/** The probe's statement: `hashes` a bytea[] expression, `lockKey` the lock's key or NULL (SQL expressions). */
function clustersHolding(hashes: string, lockKey: string): string {
  return `SELECT hex, cluster_id, agencies FROM match_clusters_holding(${hashes}, ${lockKey})`;
}

/**
 * Takes the matching lock ($2: MATCHING_LOCK), then, for each strong hash ($1), finds one cluster that holds it and that
 * cluster's agencies: one index probe per hash, in the round trip that takes the lock (the function's probe reads
 * what was committed before the lock was granted).
 */
export const LOCK_AND_FIND_CLUSTERS_HOLDING = new PreparedStatement<ClusterHolding>(
  'ocx_match_clusters_holding',
  clustersHolding('$1::bytea[]', '$2'),
);

/** For each strong hash ($1), one cluster that holds it and its agencies, without the lock: what a batch probes first. */
export const FIND_CLUSTERS_HOLDING = new PreparedStatement<ClusterHolding>(
  'ocx_match_clusters_holding_unlocked',
  clustersHolding('$1::bytea[]', 'NULL'),
);

/**
 * A boolean expression for a statement that writes what a batch worked out from an unlocked probe: takes the matching
 * lock, then is true only if the clusters holding `hashes` (bytea[]) and their agencies are still `expected` (jsonb:
 * the probe's ClusterHolding rows). The statement writes only if it is, so that it writes and commits under the lock
 * exactly what the batch would have worked out holding it. `expected` NULL: the transaction probed under the lock,
 * which it still holds, and there is nothing to check.
 */
export function holdersUnchanged(hashes: string, expected: string): string {
  return `match_holders_unchanged(${hashes}, ${expected}, ${MATCHING_LOCK})`;
}

/**
 * LOCK_AND_FIND_CLUSTERS_HOLDING as text without parameters, to open a transaction with (transactionOpenedBy): the
 * hashes are written into it, so each must be the hex the hub made (checked here).
 */
export function lockAndFindClustersHolding(hexes: readonly string[], lockKey: number): string {
  const literals = hexes.map((hex) => {
    if (!/^(?:[0-9a-f]{2})+$/.test(hex)) throw new Error('lockAndFindClustersHolding: a hash that is not lower-case hex');
    return `decode('${hex}', 'hex')`;
  });
  if (!Number.isSafeInteger(lockKey)) throw new Error('lockAndFindClustersHolding: a lock key that is not an integer');
  return clustersHolding(`ARRAY[${literals.join(', ')}]::bytea[]`, String(lockKey));
}

/** How many linking hashes the index holds: the size of the filter that MatchingService keeps in memory. */
export const LINKING_HASH_COUNT = `SELECT count(*)::int AS hashes FROM match_identifier WHERE linking AND strength = 'strong'`;

/** The linking hashes after $1 (hex, '' for the first page) in order, $2 at most: the filter's load, a page at a time. */
export const LINKING_HASHES_AFTER = `SELECT encode(blind_index, 'hex') AS hex FROM match_identifier
           WHERE blind_index > decode($1, 'hex') AND linking AND strength = 'strong' ORDER BY blind_index LIMIT $2`;

/** Clusters $1[i] merge into $2[i]: their agencies and cases move. */
export const MERGE_CLUSTERS = `WITH moved AS (
           DELETE FROM match_cluster_agency agency USING unnest($1::uuid[], $2::uuid[]) AS m(source, target) WHERE agency.cluster_id = m.source
           RETURNING m.target, agency.agency),
         kept AS (INSERT INTO match_cluster_agency (cluster_id, agency) SELECT DISTINCT target, agency FROM moved ON CONFLICT DO NOTHING)
         UPDATE match_case mc SET cluster_id = m.target, updated_at = now() FROM unnest($1::uuid[], $2::uuid[]) AS m(source, target) WHERE mc.cluster_id = m.source`;

/**
 * Common table expressions that write a batch's cases, their clusters' agencies, the clusters due a notice and the
 * identifiers (`cases` and `identifiers`: JSON texts of CaseRow and IdentifierRow lists, `due`: uuid[], `now`:
 * timestamptz, as SQL expressions), only where `guard` (a boolean expression) holds. Intake composes them into the
 * statement that writes its complaints.
 */
export function writtenCases(cases: string, identifiers: string, due: string, now: string, guard = 'true'): string {
  return `match_written AS (
         INSERT INTO match_case (id, holder, case_ref, complaint_id, category, sub_category, reported_at, cluster_id, created_at, updated_at)
         SELECT c.id, c.holder, c."caseRef", c."complaintId", c.category, c."subCategory", c."reportedAt", c."clusterId", ${now}, ${now}
         FROM json_to_recordset(${cases}) AS c(id uuid, holder text, "caseRef" text, "complaintId" uuid, category text, "subCategory" text, "reportedAt" timestamptz, "clusterId" uuid)
         WHERE ${guard}
         ON CONFLICT (holder, case_ref) DO UPDATE SET category = excluded.category, sub_category = excluded.sub_category, reported_at = excluded.reported_at,
           cluster_id = excluded.cluster_id, updated_at = excluded.updated_at
         RETURNING id, cluster_id, holder),
       match_agencies AS (INSERT INTO match_cluster_agency (cluster_id, agency) SELECT DISTINCT cluster_id, holder FROM match_written ON CONFLICT DO NOTHING),
       match_due AS (INSERT INTO match_notice_due (cluster_id) SELECT due.cluster_id FROM unnest(${due}) AS due(cluster_id) WHERE ${guard} ON CONFLICT DO NOTHING),
       match_indexed AS (
         INSERT INTO match_identifier (case_id, blind_index, kind, strength, masked, linking, warning_entry_id, created_at)
         SELECT i."caseId", decode(i.hex, 'hex'), i.kind, i.strength, i.masked, i.linking, i."warningEntryId", ${now}
         FROM json_to_recordset(${identifiers}) AS i("caseId" uuid, hex text, kind text, strength text, masked text, linking boolean, "warningEntryId" uuid)
         JOIN match_written ON match_written.id = i."caseId")`;
}

/** A row of writtenCases' `cases`. */
export interface CaseRow {
  id: string;
  holder: string;
  caseRef: string;
  complaintId: string | null;
  category: string;
  subCategory: string | null;
  reportedAt: string;
  clusterId: string;
}

/** A row of writtenCases' `identifiers`. */
export interface IdentifierRow {
  caseId: string;
  hex: string;
  kind: string;
  strength: string;
  masked: string;
  linking: boolean;
  warningEntryId: string | null;
}

/** Writes a batch's cases alone ($1 cases, $2 identifiers, $3 clusters due a notice, $4 now): writtenCases. */
export const WRITE_CASES = new PreparedStatement(
  'ocx_write_cases',
  `WITH ${writtenCases('$1::json', '$2::json', '$3::uuid[]', '$4::timestamptz')} SELECT 1`,
);

/** The channel on which hub processes learn that the warning list changed. */
export const WARNING_LIST_CHANNEL = 'ocx_warning_list';

/** Tells every hub process, at commit, that the warning list changed. */
export const NOTIFY_WARNING_LIST_CHANGED = `SELECT pg_notify('${WARNING_LIST_CHANNEL}', '')`;

/** Clusters ($1) whose set of agencies changed: the notifier tells their agencies. */
export const MARK_NOTICE_DUE = 'INSERT INTO match_notice_due (cluster_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING';

/** The strong identifiers that link case $1 inside cluster $2. */
export const LINKING_IDENTIFIERS_OF_CASE = `SELECT encode(mi.blind_index, 'hex') AS hex, mi.kind FROM match_identifier mi JOIN match_case mc ON mc.id = mi.case_id
         WHERE mc.id = $1 AND mc.cluster_id = $2 AND mi.strength = 'strong' AND mi.linking`;

/** Whether case $1 is in cluster $2. */
export const CASE_IN_CLUSTER = 'SELECT 1 FROM match_case WHERE id = $1 AND cluster_id = $2';

/** Staff's split of a wrong link: case $1 no longer links through hashes $2, now or when sent again. */
export const RECORD_SPLITS = `INSERT INTO match_split (case_id, blind_index, split_by, reason) SELECT $1, unnest($2::bytea[]), $3, $4 ON CONFLICT DO NOTHING`;

/** The split hashes ($2) of case $1 stop linking. */
export const STOP_LINKING = `UPDATE match_identifier SET linking = false WHERE case_id = $1 AND blind_index = ANY($2::bytea[])`;

/** Each case of clusters $1 with the strong hashes it links through: input of a recompute. */
export const CLUSTER_LINKS = `SELECT mc.id, mc.cluster_id, COALESCE(array_agg(encode(mi.blind_index, 'hex')) FILTER (WHERE mi.blind_index IS NOT NULL), '{}') AS links
       FROM match_case mc LEFT JOIN match_identifier mi ON mi.case_id = mc.id AND mi.linking AND mi.strength = 'strong'
       WHERE mc.cluster_id = ANY($1::uuid[]) GROUP BY mc.id, mc.cluster_id`;

/** Cases $1[i] move to clusters $2[i]. */
export const MOVE_CASES = `UPDATE match_case mc SET cluster_id = m.cluster_id, updated_at = now() FROM unnest($1::uuid[], $2::uuid[]) AS m(id, cluster_id) WHERE mc.id = m.id`;

/** The agencies of clusters $1, from their cases' holders and the agencies their complaints were referred to. */
export const REBUILD_CLUSTER_AGENCIES = `WITH cleared AS (DELETE FROM match_cluster_agency WHERE cluster_id = ANY($1::uuid[]))
       INSERT INTO match_cluster_agency (cluster_id, agency)
       SELECT mc.cluster_id, mc.holder FROM match_case mc WHERE mc.cluster_id = ANY($1::uuid[])
       UNION SELECT mc.cluster_id, ra.partner_id FROM match_case mc JOIN referral_agency ra ON ra.complaint_id = mc.complaint_id WHERE mc.cluster_id = ANY($1::uuid[])
       ON CONFLICT DO NOTHING`;

/** The number of cases of each cluster $1. */
export const CLUSTER_SIZES = 'SELECT cluster_id, count(*)::int AS size FROM match_case WHERE cluster_id = ANY($1::uuid[]) GROUP BY cluster_id';

// ---- Reading clusters (clusters/cluster-reader.ts) ----

/** A case of a cluster with its agencies (referrals through referral_agency) and identifiers (hashes and masked forms only). */
export const CASE_COLUMNS = `
  mc.id, mc.holder, mc.case_ref AS "caseRef", mc.complaint_id AS "complaintId", mc.referral_id AS "restatesReferralId", mc.cluster_id AS "clusterId", mc.category,
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

/** Every case of clusters $1. */
export const CASES_OF_CLUSTERS = `SELECT ${CASE_COLUMNS} FROM match_case mc WHERE mc.cluster_id = ANY($1::uuid[]) ORDER BY mc.created_at, mc.id`;

/** Cases $1. */
export const CASES_BY_ID = `SELECT ${CASE_COLUMNS} FROM match_case mc WHERE mc.id = ANY($1::uuid[]) ORDER BY mc.created_at, mc.id`;

/** Every agency of clusters $1 with its newest $2 holdings: a bounded read of a cluster of any size. */
export const SAMPLE_HOLDINGS = `WITH holding AS (
       SELECT mc.cluster_id, mc.holder AS agency, mc.id AS case_id, NULL::uuid AS referral_id, mc.case_ref, mc.created_at AS since
       FROM match_case mc WHERE mc.cluster_id = ANY($1::uuid[])
       UNION ALL
       SELECT mc.cluster_id, ra.partner_id, mc.id, ra.referral_id, mc.case_ref, ra.created_at
       FROM match_case mc JOIN referral_agency ra ON ra.complaint_id = mc.complaint_id
       WHERE mc.cluster_id = ANY($1::uuid[]) AND ra.holds),
     ranked AS (SELECT holding.*, row_number() OVER (PARTITION BY cluster_id, agency ORDER BY since DESC, case_id) AS rank FROM holding)
     SELECT cluster_id AS "clusterId", agency, case_id AS "caseId", referral_id AS "referralId", case_ref AS "caseRef", rank::int AS rank
     FROM ranked WHERE rank <= $2`;

// ---- Views for staff and partners (views/match-views.service.ts) ----

/** The newest cases quoting hash $1 (the staff lookup). */
export const CASES_QUOTING = `SELECT mc.id, mc.holder, mc.case_ref, mc.complaint_id, mc.referral_id, mc.category, mc.sub_category, mc.reported_at, mc.cluster_id,
              COALESCE((SELECT json_agg(ra.partner_id ORDER BY ra.created_at) FROM referral_agency ra WHERE ra.complaint_id = mc.complaint_id AND ra.holds), '[]') AS referred
       FROM match_identifier mi JOIN match_case mc ON mc.id = mi.case_id
       WHERE mi.blind_index = $1 AND (mi.linking OR mi.strength = 'weak')
       ORDER BY mc.reported_at DESC LIMIT 50`;

/** The matching case of complaint $1. */
export const OWN_CASE_OF_COMPLAINT = 'SELECT id, cluster_id FROM match_case WHERE complaint_id = $1';

/** Cases outside cluster $2 sharing a weak identifier (a name) with case $1, rarer names first. */
export const SUGGESTION_CANDIDATES = `WITH mine AS (SELECT blind_index, kind FROM match_identifier WHERE case_id = $1 AND strength = 'weak'),
            frequency AS (SELECT mi.blind_index, count(*)::int AS cases FROM match_identifier mi JOIN mine USING (blind_index) GROUP BY mi.blind_index)
       SELECT other.case_id, encode(other.blind_index, 'hex') AS hex, frequency.cases
       FROM match_identifier other JOIN mine USING (blind_index) JOIN frequency USING (blind_index) JOIN match_case mc ON mc.id = other.case_id
       WHERE other.case_id <> $1 AND mc.cluster_id <> $2
       ORDER BY frequency.cases, other.created_at DESC LIMIT 200`;

/** Clusters where partner $1 holds a case and another agency does too. */
export const CLUSTERS_SHARED_WITH_PARTNER = `SELECT DISTINCT held.cluster_id FROM (
         SELECT mc.cluster_id FROM match_case mc WHERE mc.holder = $1
         UNION SELECT mc.cluster_id FROM referral_agency ra JOIN match_case mc ON mc.complaint_id = ra.complaint_id
               WHERE ra.partner_id = $1 AND ra.holds) AS held
       -- Clusters another agency holds too, from the kept set of agencies rather than by counting cases.
       WHERE EXISTS (SELECT 1 FROM match_cluster_agency other WHERE other.cluster_id = held.cluster_id AND other.agency <> $1)
       LIMIT 1000`;

/** MatchNotice $1, only for its recipient $2. */
export const NOTICE_FOR_RECIPIENT = 'SELECT jws FROM match_notice WHERE id = $1 AND recipient = $2';

/** The MatchNotices of recipient $1 after feed position $2, oldest first. */
/** The notices about referral $1 sent to partner $2 after number $3 of the referral's stream (§4.7), in order. */
export const NOTICES_OF_REFERRAL = `SELECT id, jws, sequence FROM match_notice WHERE referral_id = $1 AND recipient = $2 AND sequence > $3 ORDER BY sequence`;

export const NOTICES_AFTER = 'SELECT id, jws, feed_seq::text AS position FROM match_notice WHERE recipient = $1 AND feed_seq > $2 ORDER BY feed_seq LIMIT $3';

/** Takes up to $1 clusters off the due list for this notifier; another notifier skips them. */
export const TAKE_DUE_CLUSTERS = `DELETE FROM match_notice_due WHERE cluster_id IN (
           SELECT cluster_id FROM match_notice_due ORDER BY due_since LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING cluster_id`;

// ---- Re-keying the blind index (identifiers/rekey.ts) ----

/** The tables that hold blind-index hashes, which a re-key rewrites. */
export type HashTable = 'match_identifier' | 'match_split';

/** The hashes of the next $2 cases after case $1, in one of the hash tables. */
export function hashesOfCasesAfter(table: HashTable): string {
  return `SELECT case_id, blind_index FROM ${table}
           WHERE case_id IN (SELECT DISTINCT case_id FROM ${table} WHERE case_id > $1 ORDER BY case_id LIMIT $2)`;
}

/** Replaces hashes ($2) of cases ($1) by their re-keyed values ($3). */
export function rekeyHashes(table: HashTable): string {
  return `UPDATE ${table} AS t SET blind_index = m.rekeyed FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS m(case_id, old, rekeyed)
           WHERE t.case_id = m.case_id AND t.blind_index = m.old`;
}

/**
 * Duplicates found among cases reported in [$1, $2): how many cases, how many share a cluster with another case, how
 * many such clusters, how many of them more than one agency holds (1212 itself, which holds every complaint, aside),
 * and the MatchNotices sent in the period.
 */
export const DUPLICATE_FIGURES = `WITH recent AS (SELECT cluster_id FROM match_case WHERE reported_at >= $1 AND reported_at < $2),
     clusters AS (SELECT mc.cluster_id, count(*) AS cases FROM match_case mc WHERE mc.cluster_id IN (SELECT cluster_id FROM recent) GROUP BY 1),
     spanning AS (SELECT a.cluster_id FROM match_cluster_agency a WHERE a.cluster_id IN (SELECT cluster_id FROM clusters WHERE cases > 1) AND a.agency <> '1212'
       GROUP BY 1 HAVING count(*) > 1)
   SELECT (SELECT count(*) FROM recent)::int AS cases,
     (SELECT count(*) FROM recent JOIN clusters USING (cluster_id) WHERE clusters.cases > 1)::int AS "casesLinked",
     (SELECT count(*) FROM clusters WHERE cases > 1)::int AS clusters,
     (SELECT count(*) FROM spanning)::int AS "crossAgencyClusters",
     (SELECT count(*) FROM match_notice WHERE created_at >= $1 AND created_at < $2)::int AS "matchNotices"`;

/**
 * The referral to agency $1 that a CaseShare restates: the one it names ($2), or else the latest whose agency case
 * number is the share's ($3). Through the view referrals publishes.
 */
export const REFERRAL_RESTATED = `SELECT referral_id AS "referralId" FROM referral_agency
   WHERE partner_id = $1 AND (CASE WHEN $2::uuid IS NOT NULL THEN referral_id = $2::uuid ELSE partner_case_number = $3 END)
   ORDER BY created_at DESC LIMIT 1`;

/** Case $1 is the agency's record of referral $2. */
export const LINK_CASE_TO_REFERRAL = 'UPDATE match_case SET referral_id = $2 WHERE id = $1';

// ---- Re-indexing after a change of the rules or of the warning list (npm run matching:reindex) ----

/** Every case and its cluster: the picture a re-index compares before and after. */
export const CASE_MEMBERSHIP = 'SELECT id, cluster_id FROM match_case';

/** For cases known by (holder, ref) ($1, $2): their id, their strong hashes and the hashes staff split off them. */
export const CASES_WITH_SPLITS = `SELECT mc.id, mc.holder, mc.case_ref,
              COALESCE((SELECT array_agg(encode(mi.blind_index, 'hex')) FROM match_identifier mi WHERE mi.case_id = mc.id AND mi.strength = 'strong'), '{}') AS hashes,
              COALESCE((SELECT array_agg(encode(s.blind_index, 'hex')) FROM match_split s WHERE s.case_id = mc.id), '{}') AS splits
       FROM match_case mc JOIN unnest($1::text[], $2::text[]) AS wanted(holder, case_ref) USING (holder, case_ref)`;

/** Strong identifiers whose hash is on the warning list ($1 hashes, $2 their entries) and not yet marked: they stop linking. */
export const MARK_LISTED_HASHES = `UPDATE match_identifier mi SET linking = false, warning_entry_id = w.id
       FROM unnest($1::bytea[], $2::uuid[]) AS w(hash, id)
       WHERE mi.blind_index = w.hash AND mi.strength = 'strong' AND mi.warning_entry_id IS DISTINCT FROM w.id
       RETURNING mi.case_id`;

/**
 * Identifiers marked by an entry no longer listed ($1: the ids still listed): they link again, unless staff split
 * them. Returns each with its hash and whether it links now.
 */
export const UNMARK_UNLISTED_HASHES = `UPDATE match_identifier mi SET warning_entry_id = NULL,
         linking = NOT EXISTS (SELECT 1 FROM match_split s WHERE s.case_id = mi.case_id AND s.blind_index = mi.blind_index)
       WHERE mi.warning_entry_id IS NOT NULL AND NOT (mi.warning_entry_id = ANY($1::uuid[]))
       RETURNING mi.case_id, encode(mi.blind_index, 'hex') AS hex, mi.linking`;

/** The clusters of cases $1. */
export const CLUSTERS_OF_CASES = 'SELECT DISTINCT cluster_id FROM match_case WHERE id = ANY($1::uuid[])';

/** For each hash ($1), the clusters whose cases link through it. */
export const CLUSTERS_LINKED_BY = `SELECT encode(mi.blind_index, 'hex') AS hex, array_agg(DISTINCT mc.cluster_id) AS clusters
       FROM match_identifier mi JOIN match_case mc ON mc.id = mi.case_id
       WHERE mi.blind_index = ANY($1::bytea[]) AND mi.linking AND mi.strength = 'strong' GROUP BY mi.blind_index`;
