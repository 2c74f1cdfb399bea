import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// Any constant works; it only has to be the same in every hub process.
const MIGRATION_LOCK_ID = 0x0c5_0001;

export interface DatabaseOptions {
  url: string;
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
            const dataSource = new DataSource(dataSourceOptions!);
            await dataSource.initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}

export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lockHolder.release();
  }
}
