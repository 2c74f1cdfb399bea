import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections and retractions (OCX 1.1): a complaint can be withdrawn (`complaint.status` `withdrawn`), its open
 * referrals then `retracted` (terminal; the partial index of open referrals follows); every Correction and Retraction
 * the hub signs is kept with its acknowledgement, its deadline and how often it was chased (`correction`, owned by
 * the corrections module; the JWS sealed like a Referral's, since a note may name a person).
 */
export class Corrections1795485600000 implements MigrationInterface {
  name = 'Corrections1795485600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE complaint DROP CONSTRAINT complaint_status_check`);
    await queryRunner.query(`ALTER TABLE complaint ADD CONSTRAINT complaint_status_check CHECK (status IN ('new', 'dispatched', 'withdrawn'))`);
    await queryRunner.query(`ALTER TABLE referral DROP CONSTRAINT referral_status_check`);
    await queryRunner.query(`ALTER TABLE referral ADD CONSTRAINT referral_status_check
      CHECK (status IN ('dispatched', 'delivered', 'acknowledged', 'in_progress', 'info_requested', 'resolved', 'rejected', 'transferred', 'retracted'))`);
    await queryRunner.query(`DROP INDEX referral_open_once`);
    await queryRunner.query(`CREATE UNIQUE INDEX referral_open_once ON referral (complaint_id, partner_id) WHERE status NOT IN ('resolved', 'rejected', 'transferred', 'retracted')`);
    await queryRunner.query(`CREATE TABLE correction (
      document_id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('correction', 'retraction')),
      referral_id uuid NOT NULL REFERENCES referral(id),
      complaint_id uuid NOT NULL REFERENCES complaint(id),
      partner_id varchar(40) NOT NULL REFERENCES partner(id),
      reason text NOT NULL,
      sequence integer NOT NULL CHECK (sequence >= 1),
      jws text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      acknowledge_by timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledgement_document_id uuid,
      acknowledgement_outcome text CHECK (acknowledgement_outcome IN ('applied', 'retained')),
      retention_basis text,
      chased_at timestamptz,
      chase_count integer NOT NULL DEFAULT 0,
      feed_seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      CONSTRAINT correction_acknowledgement_whole CHECK ((acknowledged_at IS NULL) = (acknowledgement_document_id IS NULL)
        AND (acknowledged_at IS NULL) = (acknowledgement_outcome IS NULL)),
      CONSTRAINT correction_sequence_once UNIQUE (referral_id, sequence))`);
    await queryRunner.query(`CREATE INDEX correction_partner_feed ON correction (partner_id, feed_seq)`);
    await queryRunner.query(`CREATE INDEX correction_unacknowledged ON correction (acknowledge_by) WHERE acknowledged_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE correction`);
    await queryRunner.query(`UPDATE referral SET status = 'rejected' WHERE status = 'retracted'`);
    await queryRunner.query(`DROP INDEX referral_open_once`);
    await queryRunner.query(`CREATE UNIQUE INDEX referral_open_once ON referral (complaint_id, partner_id) WHERE status NOT IN ('resolved', 'rejected', 'transferred')`);
    await queryRunner.query(`ALTER TABLE referral DROP CONSTRAINT referral_status_check`);
    await queryRunner.query(`ALTER TABLE referral ADD CONSTRAINT referral_status_check
      CHECK (status IN ('dispatched', 'delivered', 'acknowledged', 'in_progress', 'info_requested', 'resolved', 'rejected', 'transferred'))`);
    await queryRunner.query(`UPDATE complaint SET status = 'dispatched' WHERE status = 'withdrawn'`);
    await queryRunner.query(`ALTER TABLE complaint DROP CONSTRAINT complaint_status_check`);
    await queryRunner.query(`ALTER TABLE complaint ADD CONSTRAINT complaint_status_check CHECK (status IN ('new', 'dispatched'))`);
  }
}
