import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A CaseShare finds the referral it restates by the agency's case number: one index probe, not a scan of the agency's referrals. */
export class ReferralPartnerCaseIndex1795474800000 implements MigrationInterface {
  name = 'ReferralPartnerCaseIndex1795474800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX referral_partner_case ON referral (partner_id, partner_case_number) WHERE partner_case_number IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX referral_partner_case`);
  }
}
