import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-use client assertions of the token endpoint (RFC 7523 jti). */
export class PartnerAccess1795402800000 implements MigrationInterface {
  name = 'PartnerAccess1795402800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE used_assertion (
        partner_id varchar(40) NOT NULL REFERENCES partner (id),
        jti text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (partner_id, jti)
      )`);
    await queryRunner.query(`CREATE INDEX used_assertion_expires_at ON used_assertion (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE used_assertion`);
  }
}
