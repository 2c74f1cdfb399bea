import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Takedowns: legal bases as versioned reference data (loaded here from the list in the
 * domain notes; admins add versions through the API), the platforms' domains in the
 * partner registry, and takedown requests with one row per target and its latest answer.
 */
export class Takedowns1795449600000 implements MigrationInterface {
  name = 'Takedowns1795449600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE partner ADD COLUMN platform_domains text[] NOT NULL DEFAULT '{}'`);
    // The platforms the registry was seeded with, by the registrable domains of their services.
    const domains: Record<string, string[]> = {
      facebook: ['facebook.com', 'fb.com', 'fb.me', 'facebook.co.th', 'messenger.com'], instagram: ['instagram.com'], google: ['google.com', 'google.co.th'],
      youtube: ['youtube.com', 'youtu.be'], line: ['line.me', 'lin.ee'], tiktok: ['tiktok.com', 'tiktokshop.com'], shopee: ['shopee.co.th', 'shp.ee'], lazada: ['lazada.co.th'],
    };
    for (const [id, list] of Object.entries(domains)) {
      await queryRunner.query(`UPDATE partner SET platform_domains = $2 WHERE id = $1 AND kind = 'platform'`, [id, list]);
    }
    await queryRunner.query(`
      CREATE TABLE legal_basis (
        code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
        version integer NOT NULL CHECK (version >= 1),
        title_th text NOT NULL,
        title_en text NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        required_fields text[] NOT NULL DEFAULT '{}',
        allowed_actions text[] NOT NULL,
        default_deadlines jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, version),
        CHECK (effective_to IS NULL OR effective_to > effective_from)
      )`);
    const all = `{remove,restrict,preserve}`;
    const bases: Array<[string, string, string, string, string, Record<string, string>]> = [
      ['cca_s20_court_order', 'คำสั่งศาลตามมาตรา 20 พ.ร.บ.ว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์', 'Court order under the Computer Crime Act, section 20', '{court,orderNumber,orderDate}', '{remove,restrict,preserve,disclose_identity}', { remove: 'P15D', restrict: 'P15D', preserve: 'P15D', disclose_identity: 'P15D' }],
      ['cca_s14_report', 'ข้อมูลคอมพิวเตอร์อันเป็นเท็จหรือผิดกฎหมายตามมาตรา 14', 'Computer Crime Act, section 14 (false or illegal computer data)', '{}', all, { remove: 'P3D', restrict: 'P3D', preserve: 'P3D' }],
      ['dps_decree', 'พ.ร.ฎ.การประกอบธุรกิจบริการแพลตฟอร์มดิจิทัลที่ต้องแจ้งให้ทราบ', 'Royal Decree on Digital Platform Services', '{}', all, { remove: 'PT24H', restrict: 'PT24H', preserve: 'P3D' }],
      ['tech_crime_decree', 'พ.ร.ก.มาตรการป้องกันและปราบปรามอาชญากรรมทางเทคโนโลยี', 'Emergency Decree on Technology Crimes', '{}', all, { remove: 'PT24H', restrict: 'PT24H', preserve: 'PT24H' }],
      ['consumer_protection', 'พ.ร.บ.คุ้มครองผู้บริโภค', 'Consumer Protection Act', '{}', all, { remove: 'P7D', restrict: 'P7D', preserve: 'P7D' }],
      ['food_drug', 'กฎหมายอาหาร ยา เครื่องสำอาง และเครื่องมือแพทย์', 'Food, Drug, Cosmetics and Medical Device Acts', '{}', all, { remove: 'P3D', restrict: 'P3D', preserve: 'P3D' }],
      ['product_standards', 'พ.ร.บ.มาตรฐานผลิตภัณฑ์อุตสาหกรรม', 'Industrial Product Standards Act', '{}', all, { remove: 'P7D', restrict: 'P7D', preserve: 'P7D' }],
      ['direct_sales', 'พ.ร.บ.ขายตรงและตลาดแบบตรง', 'Direct Sales and Direct Marketing Act', '{}', all, { remove: 'P7D', restrict: 'P7D', preserve: 'P7D' }],
      ['platform_terms', 'ข้อกำหนดการใช้บริการของแพลตฟอร์ม (คำขอ ไม่ใช่คำสั่ง)', "The platform's terms of service (a request, not an order)", '{}', all, { remove: 'P7D', restrict: 'P7D', preserve: 'P7D' }],
    ];
    for (const [code, titleTh, titleEn, required, actions, deadlines] of bases) {
      await queryRunner.query(
        `INSERT INTO legal_basis (code, version, title_th, title_en, effective_from, required_fields, allowed_actions, default_deadlines, created_by)
         VALUES ($1, 1, $2, $3, '2017-05-24', $4, $5, $6, 'migration')`,
        [code, titleTh, titleEn, required, actions, JSON.stringify(deadlines)],
      );
    }
    await queryRunner.query(`
      CREATE TABLE takedown (
        id uuid PRIMARY KEY,
        feed_seq bigserial NOT NULL UNIQUE,
        platform_id varchar(40) NOT NULL REFERENCES partner (id),
        complaint_id uuid REFERENCES complaint (id),
        status text NOT NULL CHECK (status IN ('open', 'partially_answered', 'completed')),
        legal_basis_code text NOT NULL,
        legal_basis_version integer NOT NULL,
        legal_basis jsonb NOT NULL,
        requested_action text NOT NULL CHECK (requested_action IN ('remove', 'restrict', 'preserve', 'disclose_identity')),
        deadline timestamptz NOT NULL,
        overdue_at timestamptz,
        document_id uuid NOT NULL UNIQUE,
        jws text NOT NULL,
        follows uuid REFERENCES takedown (id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        FOREIGN KEY (legal_basis_code, legal_basis_version) REFERENCES legal_basis (code, version)
      )`);
    await queryRunner.query(`CREATE INDEX takedown_platform_feed ON takedown (platform_id, feed_seq)`);
    await queryRunner.query(`CREATE INDEX takedown_complaint ON takedown (complaint_id) WHERE complaint_id IS NOT NULL`);
    // The deadline job reads only requests that can still become overdue.
    await queryRunner.query(`CREATE INDEX takedown_due ON takedown (deadline) WHERE overdue_at IS NULL AND status <> 'completed'`);
    await queryRunner.query(`
      CREATE TABLE takedown_target (
        takedown_id uuid NOT NULL REFERENCES takedown (id),
        target_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('url', 'listing', 'shop', 'page', 'post', 'account')),
        url text,
        platform_ref text,
        canonical text,
        outcome text CHECK (outcome IN ('removed', 'restricted', 'restricted_in_th', 'account_suspended', 'already_removed', 'not_found', 'refused', 'pending')),
        reason_code text,
        reason text,
        acted_at timestamptz,
        platform_case_ref text,
        answered_at timestamptz,
        answer_issued_at timestamptz,
        answer_document_id uuid,
        next_check_at timestamptz,
        checks_done integer NOT NULL DEFAULT 0,
        last_checked_at timestamptz,
        last_check_status integer,
        still_reachable boolean,
        PRIMARY KEY (takedown_id, target_id),
        CHECK (url IS NOT NULL OR platform_ref IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX takedown_target_canonical ON takedown_target (canonical) WHERE canonical IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX takedown_target_check_due ON takedown_target (next_check_at) WHERE next_check_at IS NOT NULL`);
    // Content reported taken down that a partner's shared case names again (complaints are looked up when read).
    await queryRunner.query(`
      CREATE TABLE takedown_reupload (
        seq bigserial NOT NULL UNIQUE,
        takedown_id uuid NOT NULL,
        target_id text NOT NULL,
        partner_id varchar(40) NOT NULL REFERENCES partner (id),
        partner_case_number text NOT NULL,
        found_at timestamptz NOT NULL,
        PRIMARY KEY (takedown_id, target_id, partner_id, partner_case_number),
        FOREIGN KEY (takedown_id, target_id) REFERENCES takedown_target (takedown_id, target_id)
      )`);
    // What the re-check saw, each time: the platform said removed; is it?
    await queryRunner.query(`
      CREATE TABLE takedown_check (
        takedown_id uuid NOT NULL,
        target_id text NOT NULL,
        checked_at timestamptz NOT NULL,
        http_status integer,
        still_reachable boolean NOT NULL,
        error text,
        PRIMARY KEY (takedown_id, target_id, checked_at),
        FOREIGN KEY (takedown_id, target_id) REFERENCES takedown_target (takedown_id, target_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE takedown_reupload`);
    await queryRunner.query(`DROP TABLE takedown_check`);
    await queryRunner.query(`DROP TABLE takedown_target`);
    await queryRunner.query(`DROP TABLE takedown`);
    await queryRunner.query(`DROP TABLE legal_basis`);
    await queryRunner.query(`ALTER TABLE partner DROP COLUMN platform_domains`);
  }
}
