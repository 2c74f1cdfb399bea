/**
 * The audit module's SQL. `audit_entry` is written only by the `audit_append` function (migrations), which
 * inserts entries without any lock; callers append inside their own statement with `appendAudit`, so a change and
 * its record are one round trip. Only the sequencer takes entries off the queue (`audit_pending`), gives them their
 * leaf index (`audit_leaf`) and writes the tree's tables.
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

const ENTRY_COLUMNS = `e.seq, e.at, e.actor, e.actor_role, e.action, e.subject_type, e.subject_id, e.partner_id, e.outcome, e.details, e.document_sha256`;

/**
 * Takes up to $1 committed entries off the sequencer's queue, oldest first, and reads them. In the round's
 * transaction: if the round fails, they are back in the queue.
 */
export const TAKE_UNSEQUENCED = `WITH taken AS (
    DELETE FROM audit_pending WHERE seq IN (SELECT seq FROM audit_pending ORDER BY seq LIMIT $1) RETURNING seq)
  SELECT ${ENTRY_COLUMNS}, NULL AS leaf_index FROM taken JOIN audit_entry e ON e.seq = taken.seq ORDER BY e.seq`;

/** Gives entries ($1 seqs) their indexes ($2); the primary and unique keys refuse an index or an entry twice. */
export const ASSIGN_LEAF_INDEXES = `INSERT INTO audit_leaf (leaf_index, seq) SELECT leaf_index, seq FROM unnest($2::bigint[], $1::bigint[]) AS given(leaf_index, seq)`;

/** Appends hashes ($3) to tiles ($1 levels, $2 indexes), making the tiles that do not exist yet. */
export const APPEND_TO_TILES = `INSERT INTO audit_log_tile (level, tile_index, hashes)
  SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])
  ON CONFLICT (level, tile_index) DO UPDATE SET hashes = audit_log_tile.hashes || excluded.hashes`;

export const WRITE_TREE = `UPDATE audit_log_tree SET size = $1, root_hash = $2, edge = $3, updated_at = $4 WHERE id = 1`;

export const READ_TILE = `SELECT hashes FROM audit_log_tile WHERE level = $1 AND tile_index = $2`;

// The joins below are LATERAL so that each side is read by its key whatever the planner believes of the tables'
// sizes (after a bulk load, before statistics catch up, a hash join over every entry took 250 ms a proof).

/** Entries with leaf indexes in [$1, $2), in order. */
export const ENTRIES_BY_INDEX = `SELECT ${ENTRY_COLUMNS}, l.leaf_index
  FROM (SELECT leaf_index, seq FROM audit_leaf WHERE leaf_index >= $1 AND leaf_index < $2) l
  CROSS JOIN LATERAL (SELECT * FROM audit_entry WHERE audit_entry.seq = l.seq) e
  ORDER BY l.leaf_index`;

/** The entry at one leaf index ($1): by equality, which the planner never reads as a range worth a parallel scan. */
export const ENTRY_AT_INDEX = `SELECT ${ENTRY_COLUMNS}, l.leaf_index
  FROM (SELECT leaf_index, seq FROM audit_leaf WHERE leaf_index = $1) l
  CROSS JOIN LATERAL (SELECT * FROM audit_entry WHERE audit_entry.seq = l.seq) e`;

/** The first logged entry naming a document ($1, hex SHA-256) and below an index ($2). */
export const ENTRY_BY_DOCUMENT = `SELECT ${ENTRY_COLUMNS}, l.leaf_index
  FROM (SELECT * FROM audit_entry WHERE document_sha256 = $1) e
  CROSS JOIN LATERAL (SELECT leaf_index FROM audit_leaf WHERE audit_leaf.seq = e.seq) l
  WHERE l.leaf_index < $2 ORDER BY l.leaf_index LIMIT 1`;
/** Any entry naming a document ($1), indexed or not yet. */
export const ANY_ENTRY_BY_DOCUMENT = `SELECT ${ENTRY_COLUMNS}, l.leaf_index
  FROM (SELECT * FROM audit_entry WHERE document_sha256 = $1) e
  LEFT JOIN LATERAL (SELECT leaf_index FROM audit_leaf WHERE audit_leaf.seq = e.seq) l ON true
  ORDER BY l.leaf_index NULLS LAST LIMIT 1`;

/** Leaf indexes of entries ($1 seqs), for the search's answers. */
export const LEAF_INDEXES_OF = `SELECT seq, leaf_index FROM audit_leaf WHERE seq = ANY($1::bigint[])`;

const CHECKPOINT_COLUMNS = `tree_size, root_hash, note, kid, signed_at`;
export const LATEST_CHECKPOINT = `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1`;
export const CHECKPOINT_AT = `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size = $1`;
/** The smallest checkpoint covering an index ($1): the one an inclusion proof of it is given against by default. */
export const CHECKPOINT_COVERING = `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size > $1 ORDER BY tree_size DESC LIMIT 1`;
/** Checkpoints newest first, below a size ($1, the cursor), $2 at most. */
export const CHECKPOINTS_BELOW = `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size < $1 ORDER BY tree_size DESC LIMIT $2`;
export const INSERT_CHECKPOINT = `INSERT INTO audit_checkpoint (tree_size, root_hash, note, kid, signed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`;

/** The cosignatures of checkpoints ($1 tree sizes), in one round trip for a page of them. */
export const COSIGNATURES_OF = `SELECT tree_size, signature_line FROM audit_cosignature WHERE tree_size = ANY($1::bigint[]) ORDER BY tree_size, witness`;
/** Every checkpoint's size and root, oldest first: what recomputing the log compares against. */
export const CHECKPOINT_ROOTS = `SELECT tree_size, root_hash FROM audit_checkpoint ORDER BY tree_size`;
export const INSERT_COSIGNATURE = `INSERT INTO audit_cosignature (tree_size, witness, signature_line, received_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (tree_size, witness) DO UPDATE SET signature_line = excluded.signature_line, received_at = excluded.received_at`;

export const WITNESSES = `SELECT name, verifier_key, last_size, added_by, added_at FROM audit_witness ORDER BY name`;
export const WITNESS_FOR_UPDATE = `SELECT name, verifier_key, last_size FROM audit_witness WHERE name = $1 FOR UPDATE`;
export const UPSERT_WITNESS = `INSERT INTO audit_witness (name, verifier_key, added_by, added_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (name) DO UPDATE SET verifier_key = excluded.verifier_key, added_by = excluded.added_by, added_at = excluded.added_at
  RETURNING name, verifier_key, last_size, added_by, added_at`;
export const ADVANCE_WITNESS = `UPDATE audit_witness SET last_size = $2 WHERE name = $1`;

/** Entries the sequencer has not reached, and the oldest of them: what /health and the verify route report. */
export const SEQUENCER_BACKLOG = `SELECT count(*)::int AS entries, min(e.at) AS oldest FROM audit_pending p JOIN audit_entry e ON e.seq = p.seq`;
