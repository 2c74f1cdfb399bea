import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things the dispatch path showed (bench/README.md):
 * - A complaint's referrals (timeline, public tracking, amendments) had no index to
 *   be found by: referral_open_once leads with complaint_id but is partial, so only
 *   a query naming open statuses can use it, and the others read the whole table.
 * - A signed document (2–6 kB of base64url, which barely compresses) went out of
 *   line to TOAST: two more rows and index entries per document written, and a
 *   second lookup per document read. Rows up to a page stay inline; larger ones are
 *   still toasted.
 */
export class ReferralReadsAndInlineDocuments1795428000000 implements MigrationInterface {
  name = 'ReferralReadsAndInlineDocuments1795428000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX referral_complaint ON referral (complaint_id)`);
    for (const table of ['referral_document', 'outbox_message', 'received_document', 'match_notice']) {
      await queryRunner.query(`ALTER TABLE ${table} SET (toast_tuple_target = 8160)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['referral_document', 'outbox_message', 'received_document', 'match_notice']) {
      await queryRunner.query(`ALTER TABLE ${table} RESET (toast_tuple_target)`);
    }
    await queryRunner.query(`DROP INDEX referral_complaint`);
  }
}
