import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports 1212 owes. Each referral keeps when its agency first answered and when it was closed, and how it was
 * resolved, on its own row (set by the statement that applies the status event, so no extra write): the service-level
 * figures then read one row per referral instead of its whole history. Indexes let a period's figures read only that
 * period. Generated report files are recorded per run: one run of a period at a time across hub processes (the
 * primary key is the claim), each file with its object key and SHA-256.
 */
export class Reports1795456800000 implements MigrationInterface {
  name = 'Reports1795456800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral ADD COLUMN acknowledged_at timestamptz, ADD COLUMN closed_at timestamptz, ADD COLUMN resolution jsonb`);
    // Referrals from before: the first answer of their agency, and the step that closed them.
    await queryRunner.query(`
      UPDATE referral r SET acknowledged_at = first.at
      FROM (SELECT referral_id, min(occurred_at) AS at FROM referral_event WHERE source = 'partner' GROUP BY referral_id) first
      WHERE first.referral_id = r.id`);
    await queryRunner.query(`
      UPDATE referral r SET closed_at = closing.at
      FROM (SELECT referral_id, min(occurred_at) AS at FROM referral_event WHERE status IN ('resolved', 'rejected', 'transferred') GROUP BY referral_id) closing
      WHERE closing.referral_id = r.id AND r.status IN ('resolved', 'rejected', 'transferred')`);
    await queryRunner.query(`CREATE INDEX referral_created ON referral (created_at)`);
    await queryRunner.query(`CREATE INDEX referral_closed ON referral (closed_at) WHERE status = 'resolved'`);
    await queryRunner.query(`CREATE INDEX referral_event_requests_and_transfers ON referral_event (occurred_at) WHERE status IN ('info_requested', 'transferred')`);
    await queryRunner.query(`CREATE INDEX takedown_created ON takedown (created_at)`);
    await queryRunner.query(`CREATE INDEX match_case_reported ON match_case (reported_at)`);
    await queryRunner.query(`
      CREATE TABLE report_run (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        kind text NOT NULL CHECK (kind IN ('day', 'week', 'month', 'quarter', 'year')),
        period_key text NOT NULL CHECK (period_key ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-W[0-9]{2}|-Q[1-4])?$'),
        version integer NOT NULL CHECK (version >= 1),
        state text NOT NULL CHECK (state IN ('running', 'ready', 'failed')),
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'request')),
        requested_by text NOT NULL,
        claimed_by text NOT NULL,
        claimed_at timestamptz NOT NULL,
        finished_at timestamptz,
        error text,
        PRIMARY KEY (kind, period_key, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE report_file (
        kind text NOT NULL,
        period_key text NOT NULL,
        version integer NOT NULL,
        format text NOT NULL CHECK (format IN ('json', 'xlsx', 'pptx')),
        object_key text NOT NULL UNIQUE,
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (kind, period_key, version, format),
        FOREIGN KEY (kind, period_key, version) REFERENCES report_run (kind, period_key, version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE report_file`);
    await queryRunner.query(`DROP TABLE report_run`);
    await queryRunner.query(`DROP INDEX match_case_reported`);
    await queryRunner.query(`DROP INDEX takedown_created`);
    await queryRunner.query(`DROP INDEX referral_event_requests_and_transfers`);
    await queryRunner.query(`DROP INDEX referral_closed`);
    await queryRunner.query(`DROP INDEX referral_created`);
    await queryRunner.query(`ALTER TABLE referral DROP COLUMN acknowledged_at, DROP COLUMN closed_at, DROP COLUMN resolution`);
  }
}
