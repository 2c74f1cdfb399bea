import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The hash-chained audit log of exchanges; append-only, enforced by the database. */
export class AuditLog1795413600000 implements MigrationInterface {
  name = 'AuditLog1795413600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entry (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        partner_id varchar(40),
        outcome text NOT NULL CHECK (outcome IN ('ok', 'refused')),
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
    await queryRunner.query(`CREATE INDEX audit_entry_action ON audit_entry (action, seq)`);
    await queryRunner.query(`CREATE INDEX audit_entry_partner ON audit_entry (partner_id, seq)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_entry`);
    await queryRunner.query(`DROP FUNCTION audit_entry_append_only`);
  }
}
