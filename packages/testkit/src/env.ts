/**
 * Reads a required environment variable for an integration test, or throws with what to start.
 * Tests never skip when a service is missing; they fail loudly.
 *
 * @example const url = requireEnv('NATS_URL'); // throws "NATS_URL not set: run ./swarmops test"
 */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(
      `${name} not set: run ./swarmops test (it starts NATS and PostgreSQL and exports ${name})`,
    );
  }
  return value;
}

/** The test NATS server URL from `NATS_URL`. */
export function testNatsUrl(): string {
  return requireEnv('NATS_URL');
}

/** The test PostgreSQL URL from `DATABASE_URL` (a role that may create databases). */
export function testDatabaseUrl(): string {
  return requireEnv('DATABASE_URL');
}
