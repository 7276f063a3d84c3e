import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { logFile, pidFile } from '../context.js';
import { isOwnedAlive, readPidFile, removePidFile, stopOwned, writePidFile } from '../adapters/processes.js';
import { tcpOpen } from '../adapters/probes.js';
import { run } from '../adapters/run.js';
import { allowTraversal, findUser } from '../adapters/system-user.js';
import type { SystemUser } from '../adapters/system-user.js';
import { postgresBinDir } from '../adapters/which.js';
import { databaseUrl, shellQuote } from '../domain/env-file.js';
import type { PartStatus } from '../domain/status-table.js';
import { say, step } from '../output.js';

// PostgreSQL refuses to run as root, so every server-side command runs as `postgres` through runuser.
const OS_USER = 'postgres';

function binDir(): string {
  const dir = postgresBinDir();
  if (dir === undefined) throw new CliError('PostgreSQL is not installed (apt-get install postgresql)');
  return dir;
}

function osUser(): SystemUser {
  const user = findUser(OS_USER);
  if (user === undefined)
    throw new CliError(`the system user "${OS_USER}" is missing (apt-get install postgresql creates it)`);
  return user;
}

function asPostgres(bin: string, args: readonly string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', OS_USER, '--', bin, ...args]] : [bin, [...args]];
}

/** The password of the `swarmops` role, created once and kept in .swarmops/pg.password (0600). */
export function pgPassword(ctx: Context, create = false): string | undefined {
  if (existsSync(ctx.pgPasswordFile)) return readFileSync(ctx.pgPasswordFile, 'utf8').trim();
  if (!create) return undefined;
  const password = randomBytes(24).toString('hex');
  writeFileSync(ctx.pgPasswordFile, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The postmaster's pid from postmaster.pid when our cluster runs. */
function postmasterPid(ctx: Context): number | undefined {
  const record = readPidFile(path.join(ctx.pgDir, 'postmaster.pid'));
  return record && isOwnedAlive(record.pid, ctx.pgDir) ? record.pid : undefined;
}

async function accepting(ctx: Context): Promise<boolean> {
  const result = await run(
    `${binDir()}/pg_isready`,
    ['-h', '127.0.0.1', '-p', String(ctx.pgPort), '-t', '2'],
    {
      timeoutMs: 5_000,
    },
  );
  return result.code === 0;
}

function prepareFolders(ctx: Context, user: SystemUser): void {
  const changed = allowTraversal(ctx.stateDir);
  if (changed.length > 0)
    say(`    postgres: made ${changed.join(', ')} searchable (o+x) so "postgres" can reach .swarmops/pg`);
  for (const dir of [ctx.pgDir, ctx.runDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chownSync(dir, user.uid, user.gid);
  }
  const log = logFile(ctx, 'postgres');
  closeSync(openSync(log, 'a'));
  chownSync(log, user.uid, user.gid);
}

async function initCluster(ctx: Context): Promise<void> {
  const log = logFile(ctx, 'postgres');
  step('initdb .swarmops/pg (first run)');
  const [cmd, args] = asPostgres(`${binDir()}/initdb`, [
    '-D',
    ctx.pgDir,
    '-U',
    'postgres',
    '--auth-local=peer',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ]);
  const result = await run(cmd, args, { output: { logFile: log }, timeoutMs: 120_000 });
  if (result.code !== 0) throw new CliError('initdb failed', { logFile: log });
}

async function startCluster(ctx: Context): Promise<void> {
  const log = logFile(ctx, 'postgres');
  if (await tcpOpen('127.0.0.1', ctx.pgPort)) {
    throw new CliError(
      `port ${ctx.pgPort} is taken by another process, not by the cluster in .swarmops/pg. ` +
        `Stop it or choose another port: SWARMOPS_PG_PORT=<port> ./swarmops up`,
    );
  }
  const options = `-p ${ctx.pgPort} -k ${shellQuote(ctx.runDir)} -c listen_addresses=127.0.0.1`;
  const [cmd, args] = asPostgres(`${binDir()}/pg_ctl`, [
    '-D',
    ctx.pgDir,
    '-l',
    log,
    '-o',
    options,
    '-w',
    '-t',
    '60',
    'start',
  ]);
  const result = await run(cmd, args, { timeoutMs: 90_000 });
  if (result.code !== 0) {
    throw new CliError(`PostgreSQL did not start: ${result.stdout.trim()} ${result.stderr.trim()}`.trim(), {
      logFile: log,
    });
  }
}

/** Creates or updates the `swarmops` role (password, CREATEDB) and its database; safe to repeat. */
async function ensureRoleAndDatabase(ctx: Context, password: string): Promise<void> {
  const script = [
    "SELECT 'CREATE ROLE swarmops LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'swarmops')\\gexec",
    `ALTER ROLE swarmops WITH LOGIN CREATEDB PASSWORD '${password}';`,
    "SELECT 'CREATE DATABASE swarmops OWNER swarmops' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'swarmops')\\gexec",
    '',
  ].join('\n');
  const [cmd, args] = asPostgres(`${binDir()}/psql`, [
    '-h',
    ctx.runDir,
    '-p',
    String(ctx.pgPort),
    '-d',
    'postgres',
    '-v',
    'ON_ERROR_STOP=1',
    '-q',
    '-f',
    '-',
  ]);
  const result = await run(cmd, args, { input: script, timeoutMs: 30_000 });
  if (result.code !== 0)
    throw new CliError(`could not create the swarmops role and database: ${result.stderr.trim()}`);
}

/**
 * Runs the private cluster in .swarmops/pg on 127.0.0.1:SWARMOPS_PG_PORT (initdb on first run)
 * and returns DATABASE_URL for the `swarmops` role.
 */
export async function ensurePostgres(ctx: Context): Promise<string> {
  const user = osUser();
  prepareFolders(ctx, user);
  const password = pgPassword(ctx, true) ?? '';
  if (!existsSync(path.join(ctx.pgDir, 'PG_VERSION'))) await initCluster(ctx);
  const running = postmasterPid(ctx);
  if (running === undefined) {
    await startCluster(ctx);
    step(
      `started PostgreSQL (pid ${postmasterPid(ctx) ?? '?'}) on 127.0.0.1:${ctx.pgPort}, data in .swarmops/pg`,
    );
  } else if (await accepting(ctx)) {
    say(`    postgres: reusing the cluster in .swarmops/pg (pid ${running}, port ${ctx.pgPort})`);
  } else {
    throw new CliError(
      `the cluster in .swarmops/pg runs (pid ${running}) but does not accept connections on port ${ctx.pgPort}`,
      {
        logFile: logFile(ctx, 'postgres'),
      },
    );
  }
  const pid = postmasterPid(ctx);
  if (pid !== undefined) writePidFile(pidFile(ctx, 'postgres'), { pid, match: ctx.pgDir });
  await ensureRoleAndDatabase(ctx, password);
  return databaseUrl({ password, port: ctx.pgPort });
}

/** Stops our cluster with `pg_ctl stop -m fast`, falling back to signals by pid. */
export async function stopPostgres(ctx: Context): Promise<string> {
  const file = pidFile(ctx, 'postgres');
  const pid = postmasterPid(ctx);
  if (pid === undefined) {
    removePidFile(file);
    return 'postgres: not running';
  }
  const [cmd, args] = asPostgres(`${binDir()}/pg_ctl`, [
    '-D',
    ctx.pgDir,
    '-m',
    'fast',
    '-w',
    '-t',
    '30',
    'stop',
  ]);
  const result = await run(cmd, args, { timeoutMs: 45_000 });
  const fallback = await stopOwned({ pid, match: ctx.pgDir }, 5_000);
  removePidFile(file);
  return result.code === 0
    ? `postgres: stopped (pid ${pid})`
    : `postgres: pg_ctl stop failed, ${fallback} (pid ${pid})`;
}

export async function postgresStatus(ctx: Context): Promise<PartStatus> {
  const pid = postmasterPid(ctx);
  const address = `postgres://127.0.0.1:${ctx.pgPort}/swarmops`;
  const ok = await accepting(ctx).catch(() => false);
  const owner = pid === undefined ? ', not the .swarmops/pg cluster' : `, pid ${pid}`;
  return {
    name: 'postgres',
    ready: ok && pid !== undefined,
    address,
    detail: ok
      ? `accepting connections${owner}`
      : `not accepting connections${pid === undefined ? '' : `, pid ${pid}`}`,
  };
}
