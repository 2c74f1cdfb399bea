import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Complaints recorded by 1212 staff, searchable in Thai by substring (pg_trgm). */
export class Complaints1795392000000 implements MigrationInterface {
  name = 'Complaints1795392000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE complaint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        reference_code varchar(11) NOT NULL CONSTRAINT complaint_reference_code_unique UNIQUE
          CHECK (reference_code ~ '^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$'),
        status text NOT NULL CHECK (status IN ('new', 'dispatched')),
        channel text NOT NULL CHECK (channel IN ('hotline', 'email', 'web', 'chatbot_facebook', 'chatbot_line', 'line_admin', 'fax', 'provincial_office')),
        category text NOT NULL CHECK (category IN ('shopping', 'illegal_website', 'cyber_threat', 'digital_law', 'platform_service')),
        sub_category text NOT NULL,
        narrative text NOT NULL,
        search_text text NOT NULL,
        incident_date date,
        complainant_name text NOT NULL,
        complainant_phone text,
        complainant_email text,
        complainant_line_id text,
        complainant_national_id_sealed text CHECK (complainant_national_id_sealed IS NULL OR complainant_national_id_sealed LIKE 'p1.%'),
        transaction jsonb,
        subjects jsonb NOT NULL DEFAULT '[]',
        received_at timestamptz NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // Thai has no spaces between words: trigram substring search (ILIKE '%โอนเงิน%' uses this index).
    await queryRunner.query(`CREATE INDEX complaint_search_text_trgm ON complaint USING gin (search_text gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX complaint_received_at ON complaint (received_at)`);
    await queryRunner.query(`CREATE INDEX complaint_status_category ON complaint (status, category)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE complaint`);
  }
}
