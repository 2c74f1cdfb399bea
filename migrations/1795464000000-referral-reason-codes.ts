import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Structured feedback (OCX 1.1): a referral keeps the reason code of its agency's latest StatusEvent that gave one. */
export class ReferralReasonCodes1795464000000 implements MigrationInterface {
  name = 'ReferralReasonCodes1795464000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral ADD COLUMN reason_code text CHECK (reason_code IS NULL OR reason_code ~ '^[a-z][a-z_]{1,39}$')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral DROP COLUMN reason_code`);
  }
}
