/**
 * The sealing module's SQL: `data_key` is named only here. Each row is a data key,
 * wrapped (sealed) under a key derived from the master key: envelope encryption, so that
 * rotating the master key re-wraps a few keys, not every value.
 */
export const DATA_KEYS_CHANNEL = 'ocx_data_keys';

export const DATA_KEYS = `SELECT kid, wrapped FROM data_key ORDER BY created_at, kid`;

/** The first data key, made by whichever hub process starts first (the lock makes the others wait and find it). */
export const LOCK_DATA_KEYS = `SELECT pg_advisory_xact_lock(${0x0c5_0002})`;
export const ADD_FIRST_DATA_KEY = `INSERT INTO data_key (kid, wrapped) SELECT $1, $2 WHERE NOT EXISTS (SELECT FROM data_key)`;

export const ADD_DATA_KEY = `INSERT INTO data_key (kid, wrapped) VALUES ($1, $2)`;
export const NOTIFY_DATA_KEYS = `SELECT pg_notify('${DATA_KEYS_CHANNEL}', $1)`;

/** Data keys other than the current one ($1), once nothing is sealed under them. */
export const DELETE_DATA_KEYS_EXCEPT = `DELETE FROM data_key WHERE kid <> $1 RETURNING kid`;
