import type { Settings } from './config/settings.js';
import { startEmbeddedPostgres } from './database/embedded-postgres.js';
import { startEmbeddedS3 } from './storage/embedded-s3.js';
import type { S3Connection } from './storage/minio-object-store.js';

/** Where the hub's state lives: the database URL and the object store, external or embedded. */
export interface BackingServices {
  /** The hub's role. */
  readonly databaseUrl: string;
  /** The schema owner, for migrations (absent: the hub's role runs them). */
  readonly migrationUrl?: string;
  readonly s3: S3Connection;
  readonly embedded: { postgres: boolean; s3: boolean };
  stop(): Promise<void>;
}

/**
 * Uses DATABASE_URL and S3_ENDPOINT when they are set; otherwise starts a real
 * PostgreSQL and an S3-protocol store under DATA_DIR, so `npm start` needs nothing installed.
 */
export async function startBackingServices(settings: Settings, log: (line: string) => void): Promise<BackingServices> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
  };
  try {
    let databaseUrl = settings.DATABASE_URL;
    let migrationUrl = settings.DATABASE_MIGRATION_URL;
    if (!databaseUrl) {
      log(`starting embedded PostgreSQL on 127.0.0.1:${settings.EMBEDDED_PG_PORT} (data in ${settings.DATA_DIR}/pg)`);
      const postgres = await startEmbeddedPostgres({ dataDir: settings.DATA_DIR, port: settings.EMBEDDED_PG_PORT, database: 'ocx' });
      stops.push(() => postgres.stop());
      if (postgres.leftoverStopped) log(`stopped an embedded PostgreSQL (pid ${postgres.leftoverStopped}) that an earlier run left running on ${settings.DATA_DIR}/pg, then started it afresh`);
      databaseUrl = postgres.hubUrl;
      migrationUrl = postgres.ownerUrl;
    }
    let s3: S3Connection;
    if (settings.S3_ENDPOINT && settings.S3_ACCESS_KEY && settings.S3_SECRET_KEY) {
      s3 = {
        endpoint: settings.S3_ENDPOINT,
        accessKey: settings.S3_ACCESS_KEY,
        secretKey: settings.S3_SECRET_KEY,
        bucket: settings.S3_BUCKET,
        region: settings.S3_REGION,
        partSize: settings.S3_PART_SIZE,
        timeoutMs: settings.S3_TIMEOUT_MS,
      };
    } else {
      log(`starting embedded S3 store on 127.0.0.1:${settings.EMBEDDED_S3_PORT} (data in ${settings.DATA_DIR}/s3)`);
      const store = await startEmbeddedS3({ dataDir: settings.DATA_DIR, port: settings.EMBEDDED_S3_PORT, bucket: settings.S3_BUCKET });
      stops.push(() => store.stop());
      s3 = { ...store.connection, partSize: settings.S3_PART_SIZE, timeoutMs: settings.S3_TIMEOUT_MS };
    }
    return { databaseUrl, ...(migrationUrl ? { migrationUrl } : {}), s3, embedded: { postgres: !settings.DATABASE_URL, s3: !settings.S3_ENDPOINT }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
