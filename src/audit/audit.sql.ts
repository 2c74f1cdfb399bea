/**
 * The audit module's SQL. `audit_entry` is written only by the `audit_append` function (migrations), which
 * inserts entries without any lock; callers append inside their own statement with `appendAudit`, so a change and
 * its record are one round trip. Only the sequencer gives entries their leaf index and writes the tree's tables.
 */

/**
 * An SQL expression that appends entries and yields the last sequence number. `records` is a parameter placeholder
 * (e.g. `$8`) holding `AuditEntries.records`.
 */
export function appendAudit(records: string): string {
  return `audit_append(${records}::jsonb[])`;
}

export const APPEND_AUDIT = `SELECT ${appendAudit('$1')}`;

/** One sequencer at a time across hub processes; taken with the transaction, so a crashed holder frees it. */
const SEQUENCER_LOCK = 0x0c5_0004;
export const TRY_SEQUENCER_LOCK = `SELECT pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) AS locked`;

export const READ_TREE = `SELECT size, root_hash, edge, updated_at FROM audit_log_tree WHERE id = 1`;
export const READ_TREE_FOR_UPDATE = `${READ_TREE} FOR UPDATE`;

const ENTRY_COLUMNS = `seq, at, actor, actor_role, action, subject_type, subject_id, partner_id, outcome, details, document_sha256, leaf_index`;

/** Committed entries without an index, oldest first ($1: how many). */
export const UNSEQUENCED_ENTRIES = `SELECT ${ENTRY_COLUMNS} FROM audit_entry WHERE leaf_index IS NULL ORDER BY seq LIMIT $1`;

/** Gives entries ($1 seqs) their indexes ($2); an entry that has one keeps it (the sequencer checks the count). */
export const ASSIGN_LEAF_INDEXES = `UPDATE audit_entry SET leaf_index = given.leaf_index
  FROM unnest($1::bigint[], $2::bigint[]) AS given(seq, leaf_index)
  WHERE audit_entry.seq = given.seq AND audit_entry.leaf_index IS NULL`;

/** Appends hashes ($3) to tiles ($1 levels, $2 indexes), making the tiles that do not exist yet. */
export const APPEND_TO_TILES = `INSERT INTO audit_log_tile (level, tile_index, hashes)
  SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])
  ON CONFLICT (level, tile_index) DO UPDATE SET hashes = audit_log_tile.hashes || excluded.hashes`;

export const WRITE_TREE = `UPDATE audit_log_tree SET size = $1, root_hash = $2, edge = $3, updated_at = $4 WHERE id = 1`;

export const READ_TILE = `SELECT hashes FROM audit_log_tile WHERE level = $1 AND tile_index = $2`;

/** Entries with leaf indexes in [$1, $2), in order. */
export const ENTRIES_BY_INDEX = `SELECT ${ENTRY_COLUMNS} FROM audit_entry WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index`;

/** The first logged entry naming a document ($1, hex SHA-256) and below an index ($2). */
export const ENTRY_BY_DOCUMENT = `SELECT ${ENTRY_COLUMNS} FROM audit_entry WHERE document_sha256 = $1 AND leaf_index < $2 ORDER BY leaf_index LIMIT 1`;
/** Any entry naming a document ($1), indexed or not yet. */
export const ANY_ENTRY_BY_DOCUMENT = `SELECT ${ENTRY_COLUMNS} FROM audit_entry WHERE document_sha256 = $1 ORDER BY leaf_index NULLS LAST LIMIT 1`;

const CHECKPOINT_COLUMNS = `tree_size, root_hash, note, kid, signed_at`;
export const LATEST_CHECKPOINT = `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1`;
export const CHECKPOINT_AT = `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size = $1`;
/** The smallest checkpoint covering an index ($1): the one an inclusion proof of it is given against by default. */
export const CHECKPOINT_COVERING = `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size > $1 ORDER BY tree_size DESC LIMIT 1`;
/** Checkpoints newest first, below a size ($1, the cursor), $2 at most. */
export const CHECKPOINTS_BELOW = `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size < $1 ORDER BY tree_size DESC LIMIT $2`;
export const INSERT_CHECKPOINT = `INSERT INTO audit_checkpoint (tree_size, root_hash, note, kid, signed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`;

export const COSIGNATURES_OF = `SELECT witness, signature_line FROM audit_cosignature WHERE tree_size = $1 ORDER BY witness`;
export const INSERT_COSIGNATURE = `INSERT INTO audit_cosignature (tree_size, witness, signature_line, received_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (tree_size, witness) DO UPDATE SET signature_line = excluded.signature_line, received_at = excluded.received_at`;

export const WITNESSES = `SELECT name, verifier_key, last_size, added_by, added_at FROM audit_witness ORDER BY name`;
export const WITNESS_FOR_UPDATE = `SELECT name, verifier_key, last_size FROM audit_witness WHERE name = $1 FOR UPDATE`;
export const UPSERT_WITNESS = `INSERT INTO audit_witness (name, verifier_key, added_by, added_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (name) DO UPDATE SET verifier_key = excluded.verifier_key, added_by = excluded.added_by, added_at = excluded.added_at
  RETURNING name, verifier_key, last_size, added_by, added_at`;
export const ADVANCE_WITNESS = `UPDATE audit_witness SET last_size = $2 WHERE name = $1`;

/** Entries the sequencer has not reached, and the oldest of them: what /health and the verify route report. */
export const SEQUENCER_BACKLOG = `SELECT count(*)::int AS entries, min(at) AS oldest FROM audit_entry WHERE leaf_index IS NULL`;
