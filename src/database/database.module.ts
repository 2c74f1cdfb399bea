import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { hubPrivileges, roleOf } from './database-roles.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// Any constant works; it only has to be the same in every hub process.
const MIGRATION_LOCK_ID = 0x0c5_0001;

export interface DatabaseOptions {
  /** The hub's connections. */
  url: string;
  /** The schema owner, for migrations (and the grants to the hub's role after them); absent: `url` runs them. */
  migrationUrl?: string;
  poolSize: number;
}

/**
 * TypeORM on PostgreSQL. Migrations run at start under an advisory lock, so
 * several hub processes starting together apply each migration once; the schema
 * is never synchronised from the entities.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres' as const,
            url: options.url,
            autoLoadEntities: true,
            synchronize: false,
            migrationsRun: false,
            migrations: MIGRATIONS,
            namingStrategy: new SnakeNamingStrategy(),
            extra: { max: options.poolSize, application_name: 'ocx-hub' },
          }),
          dataSourceFactory: async (dataSourceOptions) => {
            if (options.migrationUrl && options.migrationUrl !== options.url) {
              // Migrations as the schema owner, on a connection of their own; then the hub's role gets its privileges.
              const owner = new DataSource({ ...dataSourceOptions!, url: options.migrationUrl, extra: { max: 2, application_name: 'ocx-hub-migrations' } } as DataSourceOptions);
              await owner.initialize();
              try {
                await runMigrationsLocked(owner, roleOf(options.url));
              } finally {
                await owner.destroy();
              }
              const dataSource = new DataSource(dataSourceOptions!);
              await dataSource.initialize();
              guardPooledConnections(dataSource);
              return dataSource;
            }
            const dataSource = new DataSource(dataSourceOptions!);
            await dataSource.initialize();
            guardPooledConnections(dataSource);
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}

/**
 * A pooled connection that PostgreSQL ends while it is checked out between two statements
 * (a restart, an administrator's command) emits 'error' on the client; pg-pool listens only
 * while a connection is idle, and TypeORM not at all, so the process would crash. With a
 * listener on every connection, the transaction's next statement fails instead (an outage,
 * answered 503) and the pool drops the connection when it is released.
 */
function guardPooledConnections(dataSource: DataSource): void {
  type PooledClient = { on(event: 'error', listener: () => void): void };
  const pool = (dataSource.driver as unknown as { master: { _clients?: PooledClient[]; on(event: 'connect', listener: (client: PooledClient) => void): void } }).master;
  const ignore = (): void => undefined;
  // The connection TypeORM opened to check the server, and every one after it.
  for (const client of pool._clients ?? []) client.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
}

/** Runs pending migrations under the migration lock; with `hubRole`, then grants that role the hub's privileges. */
export async function runMigrationsLocked(dataSource: DataSource, hubRole?: string): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.runMigrations({ transaction: 'each' });
    if (hubRole) for (const statement of hubPrivileges(hubRole)) await lockHolder.query(statement);
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lockHolder.release();
  }
}
