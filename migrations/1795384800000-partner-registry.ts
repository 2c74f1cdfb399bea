import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The partner registry and its signing keys, seeded with the agencies of the 1212 partner list. */
export class PartnerRegistry1795384800000 implements MigrationInterface {
  name = 'PartnerRegistry1795384800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE partner (
        id varchar(40) PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,39}$'),
        name_th text NOT NULL,
        name_en text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('government', 'civil_society', 'platform')),
        categories text[] NOT NULL DEFAULT '{}'
          CHECK (categories <@ ARRAY['shopping', 'illegal_website', 'cyber_threat', 'digital_law', 'platform_service']::text[]),
        delivery_mode text NOT NULL CHECK (delivery_mode IN ('push', 'pull')),
        endpoint_url text,
        sla_acknowledge_hours integer NOT NULL CHECK (sla_acknowledge_hours BETWEEN 1 AND 720),
        sla_resolve_days integer NOT NULL CHECK (sla_resolve_days BETWEEN 1 AND 365),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT partner_push_needs_endpoint CHECK (delivery_mode = 'pull' OR endpoint_url IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE TABLE partner_key (
        partner_id varchar(40) NOT NULL REFERENCES partner (id) ON DELETE RESTRICT,
        kid varchar(128) NOT NULL,
        thumbprint varchar(43) NOT NULL,
        public_jwk jsonb NOT NULL CHECK (NOT (public_jwk ? 'd')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        revocation_reason text,
        PRIMARY KEY (partner_id, kid),
        CONSTRAINT partner_key_thumbprint_unique UNIQUE (thumbprint),
        CONSTRAINT partner_key_revocation_consistent CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
      )`);

    // [id, Thai name, English name, kind, categories, acknowledge hours, resolve days]
    const partners: Array<[string, string, string, string, string[], number, number]> = [
      ['ocpb', 'สำนักงานคณะกรรมการคุ้มครองผู้บริโภค (สคบ.)', 'Office of the Consumer Protection Board (OCPB)', 'government', ['shopping', 'platform_service'], 48, 60],
      ['fda', 'สำนักงานคณะกรรมการอาหารและยา (อย.)', 'Food and Drug Administration (FDA)', 'government', ['shopping'], 48, 60],
      ['coj', 'สำนักงานศาลยุติธรรม', 'Office of the Judiciary', 'government', ['digital_law'], 72, 90],
      ['ccib', 'กองบัญชาการตำรวจสืบสวนสอบสวนอาชญากรรมทางเทคโนโลยี (บช.สอท.)', 'Cyber Crime Investigation Bureau (CCIB)', 'government', ['shopping', 'illegal_website', 'cyber_threat', 'platform_service'], 24, 90],
      ['pctf', 'ศูนย์ปราบปรามอาชญากรรมทางเทคโนโลยีสารสนเทศ สำนักงานตำรวจแห่งชาติ (ศปอส.ตร.)', 'Police Cyber Taskforce (PCT)', 'government', ['illegal_website', 'cyber_threat'], 24, 90],
      ['tcsd', 'กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับอาชญากรรมทางเทคโนโลยี (บก.ปอท.)', 'Technology Crime Suppression Division (TCSD)', 'government', ['shopping', 'illegal_website', 'cyber_threat'], 24, 90],
      ['cppd', 'กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับการคุ้มครองผู้บริโภค (บก.ปคบ.)', 'Consumer Protection Police Division (CPPD)', 'government', ['shopping'], 48, 90],
      ['bot', 'ธนาคารแห่งประเทศไทย (ธปท.)', 'Bank of Thailand (BOT)', 'government', ['illegal_website', 'platform_service'], 48, 60],
      ['mdes-itcb', 'กองป้องกันและปราบปรามการกระทำความผิดทางเทคโนโลยีสารสนเทศ กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ปท.)', 'MDES Information Technology Crime Prevention and Suppression Bureau', 'government', ['illegal_website'], 24, 30],
      ['dit', 'กรมการค้าภายใน', 'Department of Internal Trade (DIT)', 'government', ['shopping'], 72, 60],
      ['dbd', 'กรมพัฒนาธุรกิจการค้า', 'Department of Business Development (DBD)', 'government', ['shopping'], 72, 60],
      ['tisi', 'สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม (สมอ.)', 'Thai Industrial Standards Institute (TISI)', 'government', ['shopping'], 72, 60],
      ['nbtc', 'สำนักงานคณะกรรมการกิจการกระจายเสียง กิจการโทรทัศน์ และกิจการโทรคมนาคมแห่งชาติ (กสทช.)', 'National Broadcasting and Telecommunications Commission (NBTC)', 'government', ['platform_service', 'illegal_website'], 48, 60],
      ['ondr', 'คณะกรรมการกึ่งราชการช่วยเหลือ การจัดการปัญหาและจัดการข้อพิพาทออนไลน์ (กนท.)', 'Online Dispute Resolution Committee', 'government', ['shopping', 'platform_service'], 72, 60],
      ['nso', 'สำนักงานสถิติแห่งชาติ', 'National Statistical Office (NSO)', 'government', [], 72, 30],
      ['damrongdhama', 'ศูนย์ดำรงธรรม 1567', 'Damrongdhama Centre 1567', 'government', [], 72, 60],
      ['thaicert', 'ศูนย์ประสานการรักษาความมั่นคงปลอดภัยระบบคอมพิวเตอร์ประเทศไทย (ThaiCERT)', 'ThaiCERT', 'government', ['cyber_threat'], 24, 30],
      ['pdpc', 'สำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล (สคส.)', 'Personal Data Protection Committee Office (PDPC)', 'government', ['digital_law', 'platform_service'], 72, 90],
      ['etda-dps', 'หน่วยงานกำกับดูแลแพลตฟอร์มบริการดิจิทัล สพธอ.', 'ETDA Digital Platform Services Unit', 'government', ['platform_service'], 48, 60],
      ['ffc', 'มูลนิธิเพื่อผู้บริโภค', 'Foundation for Consumers', 'civil_society', ['shopping'], 72, 60],
      ['tcc', 'สภาองค์กรของผู้บริโภค', 'Thailand Consumers Council', 'civil_society', ['shopping', 'platform_service'], 72, 60],
      ['facebook', 'เฟซบุ๊ก', 'Facebook (Meta)', 'platform', ['illegal_website', 'platform_service', 'shopping'], 24, 7],
      ['instagram', 'อินสตาแกรม', 'Instagram (Meta)', 'platform', ['illegal_website', 'platform_service', 'shopping'], 24, 7],
      ['google', 'กูเกิล', 'Google', 'platform', ['illegal_website', 'platform_service'], 24, 7],
      ['youtube', 'ยูทูบ', 'YouTube', 'platform', ['illegal_website', 'platform_service'], 24, 7],
      ['line', 'ไลน์', 'LINE', 'platform', ['illegal_website', 'platform_service', 'shopping'], 24, 7],
      ['tiktok', 'ติ๊กต็อก', 'TikTok', 'platform', ['illegal_website', 'platform_service', 'shopping'], 24, 7],
      ['shopee', 'ช้อปปี้', 'Shopee', 'platform', ['shopping'], 24, 7],
      ['lazada', 'ลาซาด้า', 'Lazada', 'platform', ['shopping'], 24, 7],
    ];
    for (const [id, nameTh, nameEn, kind, categories, acknowledgeHours, resolveDays] of partners) {
      await queryRunner.query(
        `INSERT INTO partner (id, name_th, name_en, kind, categories, delivery_mode, sla_acknowledge_hours, sla_resolve_days)
         VALUES ($1, $2, $3, $4, $5, 'pull', $6, $7)`,
        [id, nameTh, nameEn, kind, categories, acknowledgeHours, resolveDays],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE partner_key`);
    await queryRunner.query(`DROP TABLE partner`);
  }
}
