import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A CaseShare that restates a referral (OCX 1.1, IODEF's AlternativeID): the agency's own record of a case 1212
 * referred to it. The referrals module publishes each referral's agency case number with the view matching reads;
 * matching keeps, on the shared case, the referral it restates.
 */
export class CaseShareReferralLinks1795471200000 implements MigrationInterface {
  name = 'CaseShareReferralLinks1795471200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW referral_agency AS
      SELECT r.id AS referral_id, r.complaint_id, r.partner_id, r.status, r.created_at,
             r.status NOT IN ('rejected', 'transferred') AS holds,
             r.partner_case_number
      FROM referral r`);
    await queryRunner.query(`ALTER TABLE match_case ADD COLUMN referral_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE match_case DROP COLUMN referral_id`);
    await queryRunner.query(`
      CREATE OR REPLACE VIEW referral_agency AS
      SELECT r.id AS referral_id, r.complaint_id, r.partner_id, r.status, r.created_at,
             r.status NOT IN ('rejected', 'transferred') AS holds
      FROM referral r`);
  }
}
