import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a partner says a case belongs, and the referral staff dispatched when they confirmed it. */
export class ReferralTransfers1795406400000 implements MigrationInterface {
  name = 'ReferralTransfers1795406400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral ADD COLUMN transfer_to varchar(40) REFERENCES partner (id), ADD COLUMN transferred_as uuid REFERENCES referral (id)`);
    await queryRunner.query(`CREATE INDEX referral_status ON referral (status, updated_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX referral_status`);
    await queryRunner.query(`ALTER TABLE referral DROP COLUMN transferred_as, DROP COLUMN transfer_to`);
  }
}
