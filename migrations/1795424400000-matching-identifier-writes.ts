import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * match_identifier is the matching index, written only by MatchingService in the
 * statement that writes the case it belongs to, and match_case rows are never
 * deleted. Its foreign key cost a referential check per identifier (three per case,
 * millions at scale: bench/README.md) and guarded nothing that statement does not.
 */
export class MatchingIdentifierWrites1795424400000 implements MigrationInterface {
  name = 'MatchingIdentifierWrites1795424400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE match_identifier DROP CONSTRAINT match_identifier_case_id_fkey`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE match_identifier ADD CONSTRAINT match_identifier_case_id_fkey FOREIGN KEY (case_id) REFERENCES match_case (id) ON DELETE CASCADE`);
  }
}
