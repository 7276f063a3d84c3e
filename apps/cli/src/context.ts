import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where everything lives and which ports to use; built once from the environment. */
export interface Context {
  readonly root: string;
  readonly stateDir: string;
  readonly pidsDir: string;
  readonly logsDir: string;
  readonly natsDir: string;
  readonly pgDir: string;
  /** Prometheus' rendered prometheus.yml and its TSDB (data/). */
  readonly prometheusDir: string;
  readonly runDir: string;
  readonly envFile: string;
  /** Backup's local archive store (BACKUP_DIR of the backup service). */
  readonly backupsDir: string;
  /** The admin token `up` creates on the first run (mode 0600). */
  readonly adminTokenFile: string;
  readonly pgPasswordFile: string;
  readonly testResultsDir: string;
  readonly natsPort: number;
  readonly natsMonitorPort: number;
  readonly pgPort: number;
  readonly prometheusPort: number;
  readonly dockerHost: string;
  readonly isCi: boolean;
}

const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a TCP port (1-65535), got "${raw}"`);
  }
  return port;
}

/** The repo root: SWARMOPS_ROOT (set by ./swarmops) or three levels above dist/main.js. */
function findRoot(env: NodeJS.ProcessEnv): string {
  if (env.SWARMOPS_ROOT) return path.resolve(env.SWARMOPS_ROOT);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

/**
 * Builds the context. Ports: SWARMOPS_NATS_PORT (4222), SWARMOPS_NATS_MONITOR_PORT (8222),
 * SWARMOPS_PG_PORT (54329), SWARMOPS_PROMETHEUS_PORT (9090). DOCKER_HOST defaults to the local unix socket.
 */
export function createContext(env: NodeJS.ProcessEnv = process.env): Context {
  const root = findRoot(env);
  const stateDir = path.join(root, '.swarmops');
  return {
    root,
    stateDir,
    pidsDir: path.join(stateDir, 'pids'),
    logsDir: path.join(stateDir, 'logs'),
    natsDir: path.join(stateDir, 'nats'),
    pgDir: path.join(stateDir, 'pg'),
    prometheusDir: path.join(stateDir, 'prometheus'),
    runDir: path.join(stateDir, 'run'),
    envFile: path.join(stateDir, 'env'),
    backupsDir: path.join(stateDir, 'backups'),
    adminTokenFile: path.join(stateDir, 'admin.token'),
    pgPasswordFile: path.join(stateDir, 'pg.password'),
    testResultsDir: path.join(stateDir, 'test-results'),
    natsPort: readPort(env, 'SWARMOPS_NATS_PORT', 4222),
    natsMonitorPort: readPort(env, 'SWARMOPS_NATS_MONITOR_PORT', 8222),
    pgPort: readPort(env, 'SWARMOPS_PG_PORT', 54329),
    prometheusPort: readPort(env, 'SWARMOPS_PROMETHEUS_PORT', 9090),
    dockerHost: env.DOCKER_HOST && env.DOCKER_HOST !== '' ? env.DOCKER_HOST : DEFAULT_DOCKER_HOST,
    isCi: env.CI === 'true' || env.CI === '1',
  };
}

export function logFile(ctx: Context, name: string): string {
  return path.join(ctx.logsDir, `${name}.log`);
}

export function pidFile(ctx: Context, name: string): string {
  return path.join(ctx.pidsDir, `${name}.pid`);
}
