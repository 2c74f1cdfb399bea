import { randomUUID } from 'node:crypto';
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

  it('document-sequences numbers the documents already issued about each referral in the order they were issued, and goes back', async () => {
    const before = MIGRATIONS.findIndex((migration) => migration.name === 'DocumentSequences1795482000000');
    await migrate(MIGRATIONS.slice(0, before), (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
    const [complaint] = await db.query<{ id: string }>(
      `INSERT INTO complaint (reference_code, status, channel, category, sub_category, received_at, created_by)
       VALUES ('3456-789A-B', 'dispatched', 'hotline', 'shopping', 'not_received', now(), 'somchai') RETURNING id`,
    );
    const [referral] = await db.query<{ id: string }>(
      `INSERT INTO referral (complaint_id, partner_id, status, version, requested_action, due_at, created_by) VALUES ($1, 'ocpb', 'acknowledged', 2, 'investigate', now(), 'somchai') RETURNING id`,
      [complaint!.id],
    );
    const [first, second, notice, cluster, kase] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await db.query(`INSERT INTO referral_document (document_id, referral_id, version, jws, created_at) VALUES ($1, $3, 1, 'a.b.c', '2026-10-01T01:00:00Z'), ($2, $3, 2, 'a.b.c', '2026-10-03T01:00:00Z')`, [first, second, referral!.id]);
    await db.query(`INSERT INTO match_case (id, holder, case_ref, category, reported_at, cluster_id) VALUES ($1, 'ocpb', 'R-1', 'shopping', now(), $2)`, [kase, cluster]);
    await db.query(`INSERT INTO match_notice (id, recipient, cluster_id, case_id, referral_id, jws, created_at) VALUES ($1, 'ocpb', $2, $3, $4, 'a.b.c', '2026-10-02T01:00:00Z')`, [notice, cluster, kase, referral!.id]);

    await migrate(MIGRATIONS.slice(0, before + 1), (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
    expect(await db.query(`SELECT document_id, sequence FROM referral_document WHERE referral_id = $1 ORDER BY version`, [referral!.id])).toEqual([{ document_id: first, sequence: 1 }, { document_id: second, sequence: 3 }]);
    expect(await db.query(`SELECT sequence FROM match_notice WHERE id = $1`, [notice])).toEqual([{ sequence: 2 }]);
    expect(await db.query(`SELECT last_sequence FROM document_stream WHERE referral_id = $1`, [referral!.id])).toEqual([{ last_sequence: 3 }]);

    await migrate(MIGRATIONS.slice(0, before + 1), (dataSource) => dataSource.undoLastMigration({ transaction: 'each' }));
    expect(await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'referral_document' AND column_name = 'sequence'`)).toEqual([]);
    expect(await db.query(`SELECT count(*)::int AS n FROM referral_document WHERE referral_id = $1`, [referral!.id])).toEqual([{ n: 2 }]);
  });

  it('warning-list-call-centres lists what the list never held, leaves what an admin removed removed and what an admin listed alone, and goes back', async () => {
    const before = MIGRATIONS.findIndex((migration) => migration.name === 'WarningListCallCentres1795500000000');
    expect(before).toBeGreaterThan(0);
    await migrate(MIGRATIONS.slice(0, before), (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
    // An admin took Krungsri's number off the list before this version, and listed UOB's site with a label of their own.
    await db.query(
      `INSERT INTO match_warning_entry (kind, value, label, source, created_by, removed_at, removed_by, removal_reason)
       VALUES ('phone', '+6626262626', 'Krungsri', 'https://www.krungsri.com', 'admin-a', now(), 'admin-a', 'ทดสอบ')`,
    );
    await db.query(`INSERT INTO match_warning_entry (kind, value, label, source, created_by) VALUES ('url', 'uob.co.th', 'UOB (ของแอดมิน)', 'https://www.uob.co.th', 'admin-b')`);
    const listed = async (): Promise<Array<{ kind: string; value: string; created_by: string; removed: boolean }>> =>
      db.query(`SELECT kind, value, created_by, removed_at IS NOT NULL AS removed FROM match_warning_entry WHERE value IN ('+6626262626', 'uob.co.th', '+6622991111', 'kkpfg.com') ORDER BY value, created_by`);

    await migrate(MIGRATIONS.slice(0, before + 1), (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
    expect(await listed()).toEqual([
      { kind: 'phone', value: '+6622991111', created_by: 'migration', removed: false },
      { kind: 'phone', value: '+6626262626', created_by: 'admin-a', removed: true },
      { kind: 'url', value: 'kkpfg.com', created_by: 'migration', removed: false },
      { kind: 'url', value: 'uob.co.th', created_by: 'admin-b', removed: false },
    ]);

    await migrate(MIGRATIONS.slice(0, before + 1), (dataSource) => dataSource.undoLastMigration({ transaction: 'each' }));
    expect(await listed()).toEqual([
      { kind: 'phone', value: '+6626262626', created_by: 'admin-a', removed: true },
      { kind: 'url', value: 'uob.co.th', created_by: 'admin-b', removed: false },
    ]);
  });
});
