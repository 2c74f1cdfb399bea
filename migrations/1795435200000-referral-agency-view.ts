import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `referral_agency`: which agencies a complaint was referred to, published by the
 * referrals module for the modules that may not name its table (matching, and the
 * complaint list's partner filter). `holds` is true while the agency holds the case:
 * not once it rejected it or it was transferred away. A plain view: PostgreSQL inlines
 * it, so a statement through it is planned as one on `referral`.
 */
export class ReferralAgencyView1795435200000 implements MigrationInterface {
  name = 'ReferralAgencyView1795435200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW referral_agency AS
      SELECT r.id AS referral_id, r.complaint_id, r.partner_id, r.status, r.created_at,
             r.status NOT IN ('rejected', 'transferred') AS holds
      FROM referral r`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW referral_agency`);
  }
}
