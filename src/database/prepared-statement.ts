import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A statement PostgreSQL parses and plans once per connection, then only binds and
 * runs: for the hottest statements (a partner's status event), where planning a
 * several-part CTE costs the database more than running it. TypeORM's `query` sends
 * unnamed statements, so this goes to TypeORM's own `pg` pool, outside any
 * transaction (the statement is its own). The text must not change under one name.
 */
export class PreparedStatement<Row extends QueryResultRow = Record<string, unknown>> {
  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {}

  async run(dataSource: DataSource, values: unknown[]): Promise<Row[]> {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const result = await pool.query<Row>({ name: this.name, text: this.text, values });
    return result.rows;
  }
}
