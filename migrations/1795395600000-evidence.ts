import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence files of complaints; bytes in object storage under their SHA-256. */
export class Evidence1795395600000 implements MigrationInterface {
  name = 'Evidence1795395600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evidence_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('photo', 'chat_log', 'seller_profile', 'payment_slip', 'police_report', 'damage_photo', 'call_recording', 'other')),
        filename text NOT NULL,
        media_type text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        object_key text NOT NULL,
        uploaded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- The same file is listed once per complaint.
        CONSTRAINT evidence_item_once_per_complaint UNIQUE (complaint_id, sha256)
      )`);
    await queryRunner.query(`CREATE INDEX evidence_item_object_key ON evidence_item (object_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE evidence_item`);
  }
}
