import pg from 'pg';

/** Options for {@link createPool}. */
export interface PoolOptions {
  /** PostgreSQL connection string, e.g. `postgres://swarmops@127.0.0.1:54329/swarmops`. */
  url: string;
  /** Name shown in `pg_stat_activity.application_name`; use the service name. */
  applicationName: string;
  /** Maximum number of pooled connections. Default 10. */
  max?: number;
  /** Milliseconds to wait for a new connection before failing. Default 5000. */
  connectTimeoutMs?: number;
  /** Server-side `statement_timeout` in milliseconds for every statement. Default 15000. */
  statementTimeoutMs?: number;
  /** Milliseconds an idle client stays open. Default 30000. */
  idleTimeoutMs?: number;
}

/**
 * Creates a `pg` connection pool with a connect timeout and a statement timeout, so that a
 * stuck database fails a request instead of hanging it.
 *
 * Idle-client errors (for example the server restarting) are swallowed by the pool's `error`
 * listener so they cannot crash the process; the next checkout reconnects.
 *
 * @example
 * const pool = createPool({ url: process.env.DATABASE_URL!, applicationName: 'inventory' });
 */
export function createPool({
  url,
  applicationName,
  max = 10,
  connectTimeoutMs = 5000,
  statementTimeoutMs = 15000,
  idleTimeoutMs = 30000,
}: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: applicationName,
    max,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    idleTimeoutMillis: idleTimeoutMs,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool drops it and the next query reconnects.
  });
  return pool;
}
