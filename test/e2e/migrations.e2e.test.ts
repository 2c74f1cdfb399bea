import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { schemaSnapshot } from '../../src/database/schema-snapshot.js';
import { TestDatabase } from '../support/hub-harness.js';

describe('the committed schema snapshot', () => {
  it('is what the migrations build (npm run schema:snapshot writes it)', async () => {
    const databaseUrl = await TestDatabase.createIsolated('schema');
    const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl, migrations: MIGRATIONS }).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const built = await schemaSnapshot((sql) => dataSource.query(sql));
      const committed = readFileSync(path.resolve('migrations', 'schema.sql'), 'utf8');
      // On a difference, run `npm run schema:snapshot` and review the schema change in the diff.
      expect(built).toBe(committed);
      // Every table the migrations build has one owning module (TypeORM's own bookkeeping aside).
      const owners = JSON.parse(readFileSync(path.resolve('migrations', 'table-owners.json'), 'utf8')) as { tables: Record<string, string> };
      const tables = [...built.matchAll(/^CREATE TABLE (\w+) \(/gm)].map((match) => match[1]!).filter((table) => table !== 'migrations');
      expect(tables.filter((table) => !owners.tables[table])).toEqual([]);
      expect(Object.keys(owners.tables).filter((table) => !tables.includes(table))).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

/** Migrations that move data: run against rows written under the schema before them, then undone. */
describe('migrations that move data', () => {
  let databaseUrl: string;
  let db: TestDatabase;

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('migrations');
    db = TestDatabase.open(databaseUrl);
  });

  afterAll(async () => {
    await db.close();
  });

  async function migrate(migrations: typeof MIGRATIONS, run: (dataSource: DataSource) => Promise<unknown>): Promise<void> {
    const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl, migrations }).initialize();
    try {
      await run(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  it('complaint-search moves each complaint search text to its own table, and back', async () => {
    const before = MIGRATIONS.findIndex((migration) => migration.name === 'ComplaintSearch1795431600000');
    expect(before).toBeGreaterThan(0);
    await migrate(MIGRATIONS.slice(0, before), (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
    const [complaint] = await db.query<{ id: string }>(
      `INSERT INTO complaint (reference_code, status, channel, category, sub_category, narrative, search_text, complainant_name, received_at, created_by)
       VALUES ('2345-6789-A', 'new', 'hotline', 'shopping', 'not_received', 'สั่งพัดลมแล้วไม่ได้ของ', 'สั่งพัดลมแล้วไม่ได้ของ', 'สมชาย', now(), 'somchai') RETURNING id`,
    );

    await migrate(MIGRATIONS.slice(0, before + 1), (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
    expect(await db.query(`SELECT complaint_id, search_text FROM complaint_search`)).toEqual([{ complaint_id: complaint!.id, search_text: 'สั่งพัดลมแล้วไม่ได้ของ' }]);
    expect(await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'complaint' AND column_name = 'search_text'`)).toEqual([]);
    expect(await db.query(`SELECT tablename FROM pg_indexes WHERE indexname = 'complaint_search_text_trgm'`)).toEqual([{ tablename: 'complaint_search' }]);

    await migrate(MIGRATIONS.slice(0, before + 1), (dataSource) => dataSource.undoLastMigration({ transaction: 'each' }));
    expect(await db.query(`SELECT id, search_text FROM complaint`)).toEqual([{ id: complaint!.id, search_text: 'สั่งพัดลมแล้วไม่ได้ของ' }]);
    expect(await db.query(`SELECT tablename FROM pg_indexes WHERE indexname = 'complaint_search_text_trgm'`)).toEqual([{ tablename: 'complaint' }]);
  });
});
