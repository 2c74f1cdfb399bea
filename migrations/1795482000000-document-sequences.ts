import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ordered delivery per referral (OCX 1.1, §4.7): every document the hub issues about one referral carries the next
 * number of that referral's stream. `document_stream` (delivery) keeps the last number given; each document keeps
 * its own (`referral_document.sequence`, `match_notice.sequence`), by which a partner fetches what it missed.
 * Documents issued before 1.1 carry none in their signed payload; they are numbered here in the order they were
 * issued, so that the next document continues the count. The other way, a partner may number its StatusEvents
 * about a referral: `referral.partner_sequence` is the last number applied (0: none yet).
 */
export class DocumentSequences1795482000000 implements MigrationInterface {
  name = 'DocumentSequences1795482000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign key and no unique index on the documents' numbers: a stream row is written by the statement that
    // writes its referral, and numbers come only from this row under its lock. Each would cost every dispatch a
    // check (bench:compare, bench/README.md) for what cannot happen.
    await queryRunner.query(`CREATE TABLE document_stream (
      referral_id uuid PRIMARY KEY,
      last_sequence integer NOT NULL CHECK (last_sequence >= 1))`);
    await queryRunner.query(`ALTER TABLE referral_document ADD COLUMN sequence integer CHECK (sequence >= 1)`);
    await queryRunner.query(`ALTER TABLE match_notice ADD COLUMN sequence integer CHECK (sequence >= 1)`);
    await queryRunner.query(`ALTER TABLE match_notice ADD CONSTRAINT match_notice_sequence_of_referral CHECK (sequence IS NULL OR referral_id IS NOT NULL)`);
    // The documents issued so far, in the order they were issued (a version before the notices of the same instant).
    await queryRunner.query(`WITH issued AS (
        SELECT referral_id, 'referral' AS kind, document_id AS id, created_at, version AS tie FROM referral_document
        UNION ALL
        SELECT referral_id, 'notice', id, created_at, feed_seq FROM match_notice WHERE referral_id IS NOT NULL),
      numbered AS (SELECT kind, id, row_number() OVER (PARTITION BY referral_id ORDER BY created_at, kind DESC, tie) AS sequence FROM issued),
      documents AS (UPDATE referral_document d SET sequence = n.sequence FROM numbered n WHERE n.kind = 'referral' AND d.document_id = n.id RETURNING 1),
      notices AS (UPDATE match_notice m SET sequence = n.sequence FROM numbered n WHERE n.kind = 'notice' AND m.id = n.id RETURNING 1)
      SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM notices)`);
    await queryRunner.query(`INSERT INTO document_stream (referral_id, last_sequence)
      SELECT referral_id, max(sequence) FROM (
        SELECT referral_id, sequence FROM referral_document UNION ALL SELECT referral_id, sequence FROM match_notice WHERE referral_id IS NOT NULL) AS issued
      GROUP BY referral_id`);
    await queryRunner.query(`ALTER TABLE referral ADD COLUMN partner_sequence integer NOT NULL DEFAULT 0 CHECK (partner_sequence >= 0)`);
    await queryRunner.query(`CREATE UNIQUE INDEX match_notice_sequence ON match_notice (referral_id, sequence) WHERE referral_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral DROP COLUMN partner_sequence`);
    await queryRunner.query(`DROP INDEX match_notice_sequence`);
    await queryRunner.query(`ALTER TABLE match_notice DROP CONSTRAINT match_notice_sequence_of_referral`);
    await queryRunner.query(`ALTER TABLE match_notice DROP COLUMN sequence`);
    await queryRunner.query(`ALTER TABLE referral_document DROP COLUMN sequence`);
    await queryRunner.query(`DROP TABLE document_stream`);
  }
}
