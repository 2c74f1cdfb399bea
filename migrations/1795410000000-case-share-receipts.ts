import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A CaseShare carries other agencies' raw identifiers, which the hub does not keep
 * (only keyed hashes, once de-duplication reads them): its receipt holds the
 * SHA-256 of the JWS, not the JWS.
 */
export class CaseShareReceipts1795410000000 implements MigrationInterface {
  name = 'CaseShareReceipts1795410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE received_document ALTER COLUMN jws DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE received_document ADD CONSTRAINT received_document_jws_kept CHECK (jws IS NOT NULL OR document_type = 'ocx.case-share')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE received_document DROP CONSTRAINT received_document_jws_kept`);
    await queryRunner.query(`DELETE FROM received_document WHERE jws IS NULL`);
    await queryRunner.query(`ALTER TABLE received_document ALTER COLUMN jws SET NOT NULL`);
  }
}
