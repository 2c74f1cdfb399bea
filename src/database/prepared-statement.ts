import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { EntityManager, type DataSource } from 'typeorm';

/**
 * A statement PostgreSQL parses and plans once per connection, then only binds and
 * runs: for the hottest statements (a dispatch, a partner's status event), where
 * planning a several-part CTE costs the database more than running it. TypeORM's
 * `query` sends unnamed statements, so this goes to the `pg` connection underneath:
 * the transaction's own connection for an EntityManager inside a transaction, else
 * TypeORM's pool (the statement is then its own transaction). One name, one text.
 */
export class PreparedStatement<Row extends QueryResultRow = Record<string, unknown>> {
  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {}

  async run(on: DataSource | EntityManager, values: unknown[]): Promise<Row[]> {
    const result = await connectionOf(on).query<Row>({ name: this.name, text: this.text, values });
    return result.rows;
  }
}

function connectionOf(on: DataSource | EntityManager): Pool | PoolClient {
  if (on instanceof EntityManager && on.queryRunner) {
    const connection = (on.queryRunner as unknown as { databaseConnection?: PoolClient }).databaseConnection;
    if (!connection) throw new Error('PreparedStatement: the transaction has no connection yet');
    return connection;
  }
  const dataSource = on instanceof EntityManager ? on.connection : on;
  return (dataSource.driver as unknown as { master: Pool }).master;
}
