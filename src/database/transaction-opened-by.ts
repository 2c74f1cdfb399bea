import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A transaction whose BEGIN travels with its first statement: one round trip instead of two. Intake opens each batch
 * this way: under load every round trip of a batch waits about a millisecond for the hub's one thread, and the batch
 * holds the matching lock for all of them after its first.
 *
 * The two go together by the simple query protocol, which takes no parameters: `opening` must be built only from
 * values the hub made and checked (hashes as hex, constants), never from outside input. `work` gets the transaction's
 * manager and the opening statement's rows; the transaction commits when `work` resolves and rolls back when it, the
 * opening statement or the commit throws (ROLLBACK outside a transaction is only a warning).
 */
export async function transactionOpenedBy<Row extends QueryResultRow, Result>(
  dataSource: DataSource,
  opening: string,
  work: (manager: EntityManager, rows: Row[]) => Promise<Result>,
): Promise<Result> {
  const runner = dataSource.createQueryRunner();
  const connection = (await runner.connect()) as PoolClient;
  try {
    const results = (await connection.query(`BEGIN; ${opening}`)) as unknown as Array<QueryResult<Row>>;
    const result = await work(runner.manager, results[1]!.rows);
    await connection.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that fails here has emitted its error, and the runner releases it as broken.
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
