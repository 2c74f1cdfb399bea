import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The complainant's fields a dispatch chose to share (OCX 1.1, `complainantFields`): kept on the referral, so that every
 * later version of its document (an amendment, an answer) shares the same and no more. Null: the default.
 */
export class ComplainantFields1795467600000 implements MigrationInterface {
  name = 'ComplainantFields1795467600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral ADD COLUMN complainant_fields text[] CHECK (complainant_fields IS NULL OR complainant_fields <@ ARRAY['name', 'phone', 'email', 'lineId'])`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral DROP COLUMN complainant_fields`);
  }
}
