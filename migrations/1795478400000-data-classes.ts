import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data classes (OCX 1.1, §2.1): a partner's registry entry says which classes its legal basis covers (a partner of
 * a kind takes that kind's default: every class for agencies and civil society, `subject` for platforms); a referral
 * keeps the classes chosen at dispatch for every later version (null: dispatched under 1.0). The new kind `bank`.
 */
export class DataClasses1795478400000 implements MigrationInterface {
  name = 'DataClasses1795478400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE partner DROP CONSTRAINT partner_kind_check`);
    await queryRunner.query(`ALTER TABLE partner ADD CONSTRAINT partner_kind_check CHECK (kind IN ('government', 'civil_society', 'platform', 'bank'))`);
    await queryRunner.query(`ALTER TABLE partner ADD COLUMN data_classes text[]`);
    await queryRunner.query(`UPDATE partner SET data_classes = CASE kind WHEN 'platform' THEN '{subject}'::text[]
                               ELSE '{identity,contact,financial,narrative,subject,evidence}'::text[] END`);
    await queryRunner.query(`ALTER TABLE partner ALTER COLUMN data_classes SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE partner ADD CONSTRAINT partner_data_classes_check
                               CHECK (data_classes <@ '{identity,contact,financial,narrative,subject,evidence}'::text[])`);
    await queryRunner.query(`ALTER TABLE referral ADD COLUMN data_classes text[]`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral DROP COLUMN data_classes`);
    await queryRunner.query(`ALTER TABLE partner DROP CONSTRAINT partner_data_classes_check`);
    await queryRunner.query(`ALTER TABLE partner DROP COLUMN data_classes`);
    const [banks] = (await queryRunner.query(`SELECT count(*)::int AS n FROM partner WHERE kind = 'bank'`)) as Array<{ n: number }>;
    // 1.0 has no word for a bank: an admin decides what each becomes before going back.
    if (banks!.n > 0) throw new Error(`${banks!.n} partners are of kind bank, which 1.0 does not have: change their kind first`);
    await queryRunner.query(`ALTER TABLE partner DROP CONSTRAINT partner_kind_check`);
    await queryRunner.query(`ALTER TABLE partner ADD CONSTRAINT partner_kind_check CHECK (kind IN ('government', 'civil_society', 'platform'))`);
  }
}
