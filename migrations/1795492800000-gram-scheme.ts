import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search grams say how they were hashed (issue 23, intake): rows written so far are scheme 1 (HMAC-SHA256 per gram),
 * new rows scheme 2 (AES-256 of all of a text's grams in one call; src/sealing/search-grams.ts). Search asks under
 * both, so nothing goes missing; `npm run pii:rekey` re-indexes scheme 1 rows under the current scheme. Rows still
 * waiting to be sealed (grams NULL) have no scheme either.
 */
export class GramScheme1795492800000 implements MigrationInterface {
  name = 'GramScheme1795492800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE complaint_search ADD COLUMN grams_scheme smallint`);
    await queryRunner.query(`UPDATE complaint_search SET grams_scheme = 1 WHERE grams IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE complaint_search ADD CONSTRAINT complaint_search_scheme_known CHECK (grams_scheme IN (1, 2)),
      ADD CONSTRAINT complaint_search_scheme_with_grams CHECK ((grams IS NULL) = (grams_scheme IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Scheme 2 grams would read as HMAC grams and be found by no search: re-index first (`npm run pii:rekey` on the
    // newer hub moves rows to its current scheme; an older hub's start-up re-indexes rows whose grams are NULL).
    await queryRunner.query(`UPDATE complaint_search SET grams = NULL, grams_kid = NULL, grams_scheme = NULL WHERE grams_scheme = 2`);
    await queryRunner.query(`ALTER TABLE complaint_search DROP COLUMN grams_scheme`);
  }
}
