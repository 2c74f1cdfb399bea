/** The signing module's SQL: `hub_signing_key`, the hub's own keys (private parts sealed). */

/** Serialises key creation and rotation across hub processes (param: the rotation lock's id). */
export const LOCK_KEY_ROTATION = 'SELECT pg_advisory_xact_lock($1)';

/** The active key retires and keeps verifying for $1 days. */
export const RETIRE_ACTIVE_KEY = `UPDATE hub_signing_key SET status = 'retired', retired_at = now(), verify_until = now() + make_interval(days => $1)
         WHERE status = 'active'`;
