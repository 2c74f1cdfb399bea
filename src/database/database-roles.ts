import pg from 'pg';

/**
 * Two roles, so that the hub's own credentials cannot undo what the schema guarantees:
 * the schema owner runs the migrations; the hub runs as a role that may read and write
 * rows, but owns no table, cannot alter the schema, cannot update, delete or truncate
 * audit entries, their leaf indexes or checkpoints, and (being no superuser) cannot turn
 * triggers off. The embedded default
 * creates both (`ensureHubRoles`); an operator's database gives their two URLs
 * (DATABASE_MIGRATION_URL, DATABASE_URL).
 */
export const OWNER_ROLE = 'ocx_owner';
export const HUB_ROLE = 'ocx_hub';

/** The privileges of the hub's role, granted by the schema owner after every migration run. */
export function hubPrivileges(hubRole: string): string[] {
  const role = quoteIdentifier(hubRole);
  return [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role}`,
    // The audit log is append-only for the hub: the trigger says so, and so do the privileges.
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM ${role}`,
    // An entry's place in the Merkle log and a signed checkpoint are never changed; tiles only grow.
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_leaf, audit_checkpoint FROM ${role}`,
    `REVOKE DELETE, TRUNCATE ON audit_log_tile, audit_log_tree FROM ${role}`,
    // Which migrations ran is the owner's business.
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${role}`,
  ];
}

/** The role a connection URL logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * As the superuser of an embedded cluster: the two roles (created, or their passwords set),
 * the database owned by the schema owner, and every object a superuser made in its public
 * schema before the roles existed handed to the owner. Returns the URLs of both roles.
 */
export async function ensureHubRoles(superuserUrl: string, passwords: { owner: string; hub: string }): Promise<{ ownerUrl: string; hubUrl: string }> {
  const database = decodeURIComponent(new URL(superuserUrl).pathname.slice(1));
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    // Roles are cluster-wide, and several processes may start at once: one at a time.
    await admin.query('SELECT pg_advisory_lock(210955)');
    for (const [role, password] of [[OWNER_ROLE, passwords.owner], [HUB_ROLE, passwords.hub]] as const) {
      const exists = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount! > 0;
      const literal = (await admin.query('SELECT quote_literal($1) AS q', [password])).rows[0].q as string;
      await admin.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${quoteIdentifier(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal}`);
    }
    await admin.query(`ALTER DATABASE ${quoteIdentifier(database)} OWNER TO ${OWNER_ROLE}`);
    // Databases made before the roles existed: what the superuser created in public goes to the owner.
    const owned = (await admin.query(
      `SELECT c.relkind, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner
       WHERE n.nspname = 'public' AND r.rolsuper AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))`,
    )).rows as Array<{ relkind: string; relname: string }>;
    for (const object of owned) {
      const kind = object.relkind === 'S' ? 'SEQUENCE' : object.relkind === 'v' ? 'VIEW' : object.relkind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE';
      await admin.query(`ALTER ${kind} ${quoteIdentifier(object.relname)} OWNER TO ${OWNER_ROLE}`);
    }
    const functions = (await admin.query(
      `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner
       WHERE n.nspname = 'public' AND r.rolsuper AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
    )).rows as Array<{ signature: string }>;
    for (const fn of functions) await admin.query(`ALTER FUNCTION ${fn.signature} OWNER TO ${OWNER_ROLE}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(210955)').catch(() => undefined);
    await admin.end();
  }
  const urlFor = (role: string, password: string): string => {
    const url = new URL(superuserUrl);
    url.username = role;
    url.password = password;
    return url.toString();
  };
  return { ownerUrl: urlFor(OWNER_ROLE, passwords.owner), hubUrl: urlFor(HUB_ROLE, passwords.hub) };
}
