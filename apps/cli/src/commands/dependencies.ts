import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Context } from '../context.js';
import { renderEnvFile } from '../domain/env-file.js';
import { step } from '../output.js';
import { buildWorkspace } from '../parts/build.js';
import { ensureDocker } from '../parts/docker.js';
import { ensureSystemPackages } from '../parts/install.js';
import { runMigrations } from '../parts/migrate.js';
import { ensureNats, natsUrl } from '../parts/nats.js';
import { ensurePostgres } from '../parts/postgres.js';
import { ensurePrometheus } from '../parts/prometheus.js';
import { discoverServices } from '../parts/services.js';
import { serviceScrapeTargets } from '../domain/prometheus-config.js';

/** The connection settings every service and integration test reads. */
export interface ConnectionEnv {
  readonly NATS_URL: string;
  readonly DATABASE_URL: string;
  readonly DOCKER_HOST: string;
  /** The local Prometheus the metrics-analyst queries. */
  readonly PROMETHEUS_URL: string;
  readonly [name: string]: string;
}

export interface DependencyOptions {
  readonly initSwarm: boolean;
  /** A turbo filter to build before migrating, or undefined to build the whole workspace. */
  readonly buildFilter?: string;
}

export function ensureStateDirs(ctx: Context): void {
  for (const dir of [ctx.stateDir, ctx.pidsDir, ctx.logsDir]) mkdirSync(dir, { recursive: true });
}

/**
 * What `up` and `test` share: system packages, the build, dockerd in swarm mode, NATS with
 * JetStream, the PostgreSQL cluster and its migrations, and Prometheus scraping every declared
 * service (it starts before them; their targets turn up as they start). Writes .swarmops/env and returns it.
 */
export async function ensureDependencies(ctx: Context, options: DependencyOptions): Promise<ConnectionEnv> {
  ensureStateDirs(ctx);
  step('system packages');
  await ensureSystemPackages(ctx);
  step(options.buildFilter ? `build ${options.buildFilter}` : 'build the workspace');
  await buildWorkspace(ctx, options.buildFilter);
  step('docker');
  await ensureDocker(ctx, { initSwarm: options.initSwarm });
  step('nats');
  await ensureNats(ctx);
  step('postgres');
  const databaseUrl = await ensurePostgres(ctx);
  await runMigrations(ctx, databaseUrl);
  step('prometheus');
  const prometheusUrl = await ensurePrometheus(
    ctx,
    serviceScrapeTargets(discoverServices(ctx), ctx.prometheusPort),
  );
  const env: ConnectionEnv = {
    NATS_URL: natsUrl(ctx),
    DATABASE_URL: databaseUrl,
    DOCKER_HOST: ctx.dockerHost,
    PROMETHEUS_URL: prometheusUrl,
    // Backup keeps its archives here (the backup service creates it with mode 0700).
    BACKUP_DIR: ctx.backupsDir,
  };
  writeFileSync(ctx.envFile, renderEnvFile(env), { mode: 0o600 });
  chmodSync(ctx.envFile, 0o600);
  return env;
}
