import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The warning list (issue 23; MISP's warning lists are the model): official numbers, accounts and domains that
 * identify a victim's bank or a government service, never a suspect. A listed value links no case and is never sent
 * in a MatchNotice; staff see it as "official, not linked". Each entry says where it comes from; admins add and
 * remove entries (audited); a removed entry is kept with who removed it and why. The seed: the banks' call centres
 * and web sites and the government's, each from the organisation's own site.
 */
export class WarningList1795489200000 implements MigrationInterface {
  name = 'WarningList1795489200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE match_warning_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      value text NOT NULL,
      scope text NOT NULL DEFAULT 'exact' CHECK (scope IN ('exact', 'domain')),
      label text NOT NULL,
      source text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      removed_at timestamptz,
      removed_by text,
      removal_reason text,
      CONSTRAINT match_warning_entry_domain_scope CHECK (scope = 'exact' OR kind = 'url'),
      CONSTRAINT match_warning_entry_removal_whole CHECK ((removed_at IS NULL) = (removed_by IS NULL)))`);
    await queryRunner.query(`CREATE UNIQUE INDEX match_warning_entry_listed ON match_warning_entry (kind, value) WHERE removed_at IS NULL`);
    const seed: Array<[string, string, string, string, string]> = [
      ['phone', '+6628888888', 'exact', 'K-Contact Center ธนาคารกสิกรไทย (KBank call centre) 02-888-8888', 'https://www.kasikornbank.com'],
      ['phone', '+6627777777', 'exact', 'SCB Call Center ธนาคารไทยพาณิชย์ 02-777-7777', 'https://www.scb.co.th'],
      ['phone', '+6626455555', 'exact', 'Bualuang Phone ธนาคารกรุงเทพ 02-645-5555', 'https://www.bangkokbank.com'],
      ['phone', '+6621111111', 'exact', 'Krungthai Contact Center ธนาคารกรุงไทย 02-111-1111', 'https://krungthai.com'],
      ['url', 'kasikornbank.com', 'exact', 'ธนาคารกสิกรไทย (KBank)', 'https://www.kasikornbank.com'],
      ['url', 'scb.co.th', 'exact', 'ธนาคารไทยพาณิชย์ (SCB)', 'https://www.scb.co.th'],
      ['url', 'bangkokbank.com', 'exact', 'ธนาคารกรุงเทพ (Bangkok Bank)', 'https://www.bangkokbank.com'],
      ['url', 'krungthai.com', 'exact', 'ธนาคารกรุงไทย (Krungthai)', 'https://krungthai.com'],
      ['url', 'krungsri.com', 'exact', 'ธนาคารกรุงศรีอยุธยา (Krungsri)', 'https://www.krungsri.com'],
      ['url', 'ttbbank.com', 'exact', 'ธนาคารทหารไทยธนชาต (ttb)', 'https://www.ttbbank.com'],
      ['url', 'gsb.or.th', 'exact', 'ธนาคารออมสิน (GSB)', 'https://www.gsb.or.th'],
      ['url', 'bot.or.th', 'exact', 'ธนาคารแห่งประเทศไทย (Bank of Thailand)', 'https://www.bot.or.th'],
      ['url', 'etda.or.th', 'exact', 'สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (ETDA)', 'https://www.etda.or.th'],
      ['url', 'go.th', 'domain', 'หน่วยงานรัฐ (every .go.th site: registration is for Thai government agencies only)', 'https://www.thnic.co.th (THNIC: .go.th registration rules)'],
    ];
    for (const [kind, value, scope, label, source] of seed) {
      await queryRunner.query(`INSERT INTO match_warning_entry (kind, value, scope, label, source, created_by) VALUES ($1, $2, $3, $4, $5, 'migration')`, [kind, value, scope, label, source]);
    }
    await queryRunner.query(`ALTER TABLE match_identifier ADD COLUMN warning_entry_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE match_identifier DROP COLUMN warning_entry_id`);
    await queryRunner.query(`DROP TABLE match_warning_entry`);
  }
}
