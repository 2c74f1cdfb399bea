import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log becomes a verifiable Merkle log (issue 20). Writers no longer chain entries under one lock: an entry
 * takes its `seq` from a sequence and is inserted as it is, with its seq in the sequencer's queue (`audit_pending`);
 * the sequencer (src/audit/log-sequencer.ts), one at a time across hub processes, gives committed entries their
 * leaf index (`audit_leaf`) in the order it finds them, appends their leaf hashes to the tiles and the tree's right
 * edge, and signs checkpoints. Entries chained before keep their `prev_hash`/`hash` (the chain is no longer
 * extended) and are indexed first, in `seq` order.
 */
export class TransparencyLog1795453200000 implements MigrationInterface {
  name = 'TransparencyLog1795453200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE audit_entry_seq OWNED BY audit_entry.seq`);
    await queryRunner.query(`SELECT setval('audit_entry_seq', coalesce((SELECT max(seq) FROM audit_entry), 0) + 1, false)`);
    await queryRunner.query(`ALTER TABLE audit_entry ALTER COLUMN seq SET DEFAULT nextval('audit_entry_seq'), ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE audit_entry ADD COLUMN document_sha256 char(64)`);
    await queryRunner.query(`CREATE INDEX audit_entry_document ON audit_entry (document_sha256) WHERE document_sha256 IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX audit_entry_subject ON audit_entry (subject_type, subject_id, seq)`);
    await queryRunner.query(`CREATE INDEX audit_entry_at ON audit_entry (at, seq)`);
    // The sequencer's queue: an entry's seq, inserted with it, deleted when the entry gets its index. Entries stay
    // untouched (an UPDATE of one would rewrite the row and every one of its indexes).
    await queryRunner.query(`CREATE TABLE audit_pending (seq bigint PRIMARY KEY)`);
    await queryRunner.query(`INSERT INTO audit_pending (seq) SELECT seq FROM audit_entry`);
    // Each entry's place in the Merkle log, given once by the sequencer.
    await queryRunner.query(`
      CREATE TABLE audit_leaf (
        leaf_index bigint PRIMARY KEY,
        seq bigint NOT NULL UNIQUE REFERENCES audit_entry (seq)
      )`);
    await queryRunner.query(`CREATE TRIGGER audit_leaf_append_only BEFORE UPDATE OR DELETE ON audit_leaf FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
    await queryRunner.query(`DROP FUNCTION audit_append(jsonb[], text[])`);
    await queryRunner.query(`
      CREATE FUNCTION audit_append(records jsonb[]) RETURNS bigint LANGUAGE sql VOLATILE AS $$
        WITH appended AS (
          INSERT INTO audit_entry (at, actor, actor_role, action, subject_type, subject_id, partner_id, outcome, details, document_sha256)
          SELECT (r ->> 'at')::timestamptz, r ->> 'actor', r ->> 'actorRole', r ->> 'action', r ->> 'subjectType', r ->> 'subjectId',
                 r ->> 'partnerId', r ->> 'outcome', r -> 'details', r ->> 'documentSha256'
          FROM unnest(records) AS r
          RETURNING seq),
        queued AS (INSERT INTO audit_pending (seq) SELECT seq FROM appended)
        SELECT max(seq) FROM appended
      $$`);
    await queryRunner.query(`
      CREATE TABLE audit_log_tree (
        id smallint PRIMARY KEY CHECK (id = 1),
        size bigint NOT NULL,
        root_hash bytea NOT NULL,
        edge bytea NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO audit_log_tree (id, size, root_hash, edge, updated_at) VALUES (1, 0, sha256(''::bytea), ''::bytea, now())`);
    await queryRunner.query(`
      CREATE TABLE audit_log_tile (
        level smallint NOT NULL CHECK (level BETWEEN 0 AND 5),
        tile_index bigint NOT NULL,
        hashes bytea NOT NULL CHECK (length(hashes) % 32 = 0 AND length(hashes) BETWEEN 32 AND 8192),
        PRIMARY KEY (level, tile_index)
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_checkpoint (
        tree_size bigint PRIMARY KEY,
        root_hash bytea NOT NULL,
        note text NOT NULL,
        kid varchar(80) NOT NULL,
        signed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
    await queryRunner.query(`
      CREATE TABLE audit_witness (
        name text PRIMARY KEY,
        verifier_key text NOT NULL,
        last_size bigint NOT NULL DEFAULT 0,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_cosignature (
        tree_size bigint NOT NULL REFERENCES audit_checkpoint (tree_size),
        witness text NOT NULL REFERENCES audit_witness (name),
        signature_line text NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (tree_size, witness)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_cosignature, audit_witness, audit_checkpoint, audit_log_tile, audit_log_tree, audit_leaf, audit_pending`);
    await queryRunner.query(`DROP FUNCTION audit_append(jsonb[])`);
    await queryRunner.query(`DROP INDEX audit_entry_document, audit_entry_subject, audit_entry_at`);
    await queryRunner.query(`ALTER TABLE audit_entry DROP COLUMN document_sha256`);
  }
}
