import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake in fewer round trips (issue 23). A batch of complaints was six round trips (begin, complaints, lock, probe,
 * cases, commit), each stretched to about a millisecond by the hub's other requests, and the matching lock was held
 * over four of them.
 *
 * `match_clusters_holding` finds the cluster that holds each hash, taking the matching lock first when given its key.
 * The probe must read what the batch before it committed, so it cannot share a statement with the lock (a statement
 * keeps the snapshot it started with); each statement of a volatile function gets a fresh one under READ COMMITTED,
 * so a function can take the lock and then probe.
 *
 * `match_holders_unchanged` lets a batch probe without the lock and write in one statement that takes the lock and
 * checks that the clusters holding its hashes (and their agencies) are still those it probed: if so, what the batch
 * worked out is what it would have worked out under the lock, and it is written and committed before the lock is
 * released; if not, the statement writes nothing and the batch goes again under the lock. A transaction that holds
 * the lock already may take it again: that is harmless. Such a transaction passes no expectation (NULL): it probed
 * under the lock, and may have merged clusters since.
 *
 * The probe wants one row per hash, and a hash quoted by thousands of cases has thousands. A bitmap scan, which the
 * planner picks when its statistics lag behind a growing cluster, reads every one of them before the LIMIT applies
 * (70 µs a hash at 4,500 cases, growing with the cluster); an index scan stops at the first. So no bitmap scans here.
 * And one plan per connection: the planner would otherwise plan the probe again for each call's array of hashes
 * (0.25 ms, more than running it).
 */
export class MatchingLockAndProbe1795496400000 implements MigrationInterface {
  name = 'MatchingLockAndProbe1795496400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION match_clusters_holding(hashes bytea[], lock_key bigint)
      RETURNS TABLE (hex text, cluster_id uuid, agencies text[]) LANGUAGE plpgsql VOLATILE
      SET enable_bitmapscan = off SET plan_cache_mode = force_generic_plan AS $$
      #variable_conflict use_column
      BEGIN
        IF lock_key IS NOT NULL THEN
          PERFORM pg_advisory_xact_lock(lock_key);
        END IF;
        RETURN QUERY
          SELECT encode(wanted.hash, 'hex'), found.cluster_id,
                 ARRAY(SELECT agency.agency::text FROM match_cluster_agency agency WHERE agency.cluster_id = found.cluster_id)
          FROM unnest(hashes) AS wanted(hash)
          CROSS JOIN LATERAL (SELECT mc.cluster_id FROM match_identifier mi JOIN match_case mc ON mc.id = mi.case_id
                              WHERE mi.blind_index = wanted.hash AND mi.linking AND mi.strength = 'strong' LIMIT 1) AS found;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION match_holders_unchanged(hashes bytea[], expected jsonb, lock_key bigint) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        IF expected IS NULL THEN
          RETURN true;
        END IF;
        RETURN NOT EXISTS (
          SELECT FROM match_clusters_holding(hashes, NULL) AS found
          FULL JOIN jsonb_to_recordset(expected) AS was(hex text, cluster_id uuid, agencies text[]) ON was.hex = found.hex
          WHERE found.cluster_id IS DISTINCT FROM was.cluster_id
             OR ARRAY(SELECT agency FROM unnest(found.agencies) AS agency ORDER BY 1) IS DISTINCT FROM ARRAY(SELECT agency FROM unnest(was.agencies) AS agency ORDER BY 1));
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION match_holders_unchanged(bytea[], jsonb, bigint)`);
    await queryRunner.query(`DROP FUNCTION match_clusters_holding(bytea[], bigint)`);
  }
}
