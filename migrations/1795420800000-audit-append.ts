import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appends audit entries in one call: takes the chain's lock, reads its head (a
 * fresh snapshot, since each statement of a volatile function gets one under READ
 * COMMITTED) and chains each entry exactly as `chainHash` in src/audit/audit-chain.ts
 * does: SHA-256 of `prevHash|seq|canonical record`, the canonical record being
 * computed by the hub. One round trip instead of three, and it can be called from
 * inside the statement that makes the change it records.
 */
export class AuditAppend1795420800000 implements MigrationInterface {
  name = 'AuditAppend1795420800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_append(records jsonb[], canonical text[]) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        head_seq bigint;
        head_hash text;
        next_hash text;
      BEGIN
        PERFORM pg_advisory_xact_lock(${0x0c5_0003});
        SELECT seq, hash INTO head_seq, head_hash FROM audit_entry ORDER BY seq DESC LIMIT 1;
        head_seq := coalesce(head_seq, 0);
        head_hash := coalesce(head_hash, repeat('0', 64));
        FOR i IN 1 .. coalesce(array_length(records, 1), 0) LOOP
          head_seq := head_seq + 1;
          next_hash := encode(sha256(convert_to(head_hash || '|' || head_seq::text || '|' || canonical[i], 'UTF8')), 'hex');
          INSERT INTO audit_entry (seq, at, actor, actor_role, action, subject_type, subject_id, partner_id, outcome, details, prev_hash, hash)
          VALUES (head_seq, (records[i] ->> 'at')::timestamptz, records[i] ->> 'actor', records[i] ->> 'actorRole', records[i] ->> 'action',
                  records[i] ->> 'subjectType', records[i] ->> 'subjectId', records[i] ->> 'partnerId', records[i] ->> 'outcome',
                  records[i] -> 'details', head_hash, next_hash);
          head_hash := next_hash;
        END LOOP;
        RETURN head_seq;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_append(jsonb[], text[])`);
  }
}
