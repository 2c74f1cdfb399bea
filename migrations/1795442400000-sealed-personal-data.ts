import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data sealed at rest (envelope encryption, src/sealing/): the data keys, wrapped
 * under the master key; each complaint's narrative and complainant sealed together in
 * `personal_data`; search through keyed grams instead of clear text; and partial indexes
 * by which the hub's start finds, at once, rows an older version wrote in clear (it seals
 * them before it serves, and empties the clear columns; a later migration drops them).
 */
export class SealedPersonalData1795442400000 implements MigrationInterface {
  name = 'SealedPersonalData1795442400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE data_key (
        kid text PRIMARY KEY CHECK (kid ~ '^[a-z0-9-]{1,40}$'),
        wrapped text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`ALTER TABLE complaint ADD COLUMN personal_data text`);
    await queryRunner.query(`ALTER TABLE complaint ALTER COLUMN narrative DROP NOT NULL, ALTER COLUMN complainant_name DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX complaint_unsealed ON complaint (seq) WHERE personal_data IS NULL`);
    await queryRunner.query(`ALTER TABLE complaint_search ADD COLUMN grams integer[], ADD COLUMN grams_kid text, ALTER COLUMN search_text DROP NOT NULL`);
    await queryRunner.query(`DROP INDEX complaint_search_text_trgm`);
    await queryRunner.query(`CREATE INDEX complaint_search_grams ON complaint_search USING gin (grams)`);
    await queryRunner.query(`CREATE INDEX complaint_search_unindexed ON complaint_search (complaint_id) WHERE grams IS NULL`);
    await queryRunner.query(`CREATE INDEX referral_document_unsealed ON referral_document (document_id) WHERE jws NOT LIKE 'e1.%'`);
    await queryRunner.query(`CREATE INDEX outbox_message_unsealed ON outbox_message (id) WHERE payload NOT LIKE 'e1.%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Sealed values open only with the hub's keys: SQL cannot put them back in clear.
    const [{ sealed }] = (await queryRunner.query(`SELECT count(*)::int AS sealed FROM complaint WHERE personal_data IS NOT NULL`)) as Array<{ sealed: number }>;
    if (sealed > 0) throw new Error(`${sealed} complaints hold sealed personal data: this migration cannot be undone without losing it`);
    await queryRunner.query(`DROP INDEX outbox_message_unsealed`);
    await queryRunner.query(`DROP INDEX referral_document_unsealed`);
    await queryRunner.query(`DROP INDEX complaint_search_unindexed`);
    await queryRunner.query(`DROP INDEX complaint_search_grams`);
    await queryRunner.query(`CREATE INDEX complaint_search_text_trgm ON complaint_search USING gin (search_text gin_trgm_ops)`);
    await queryRunner.query(`ALTER TABLE complaint_search DROP COLUMN grams, DROP COLUMN grams_kid`);
    await queryRunner.query(`DROP INDEX complaint_unsealed`);
    await queryRunner.query(`ALTER TABLE complaint DROP COLUMN personal_data`);
    await queryRunner.query(`DROP TABLE data_key`);
  }
}
