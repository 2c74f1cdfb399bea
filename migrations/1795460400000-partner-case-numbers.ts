import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each side's case numbers (OCX 1.1): a referral keeps the agency's own case number, from the latest StatusEvent that
 * carried one, so that staff, the agency's own view and tracking can show it. Referrals from before take theirs from
 * the signed events already received (the JWS's payload is kept).
 */
export class PartnerCaseNumbers1795460400000 implements MigrationInterface {
  name = 'PartnerCaseNumbers1795460400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral ADD COLUMN partner_case_number text CHECK (partner_case_number IS NULL OR char_length(partner_case_number) BETWEEN 1 AND 100)`);
    await queryRunner.query(`
      UPDATE referral r SET partner_case_number = latest.number
      FROM (
        SELECT DISTINCT ON (e.referral_id) e.referral_id, convert_from(decode(translate(split_part(d.jws, '.', 2), '-_', '+/') || repeat('=', (4 - length(split_part(d.jws, '.', 2)) % 4) % 4), 'base64'), 'UTF8')::jsonb ->> 'partnerCaseNumber' AS number
        FROM referral_event e JOIN received_document d ON d.document_id = e.document_id AND d.sender = e.actor AND d.purpose = 'live'
        WHERE e.source = 'partner' AND d.jws ~ '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$'
        ORDER BY e.referral_id, e.id DESC) latest
      WHERE latest.referral_id = r.id AND latest.number IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral DROP COLUMN partner_case_number`);
  }
}
