import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The state of each partner's push endpoint, owned by delivery: consecutive failed
 * attempts, and whether pushes to it are paused (a `410 Gone`, or too many failures in a
 * row). A paused endpoint's messages wait, neither pushed nor dying, until staff resume it.
 */
export class PushEndpointState1795438800000 implements MigrationInterface {
  name = 'PushEndpointState1795438800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE push_endpoint_state (
        partner_id varchar(40) PRIMARY KEY REFERENCES partner (id) ON DELETE CASCADE,
        consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
        paused_at timestamptz,
        paused_reason text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE push_endpoint_state`);
  }
}
