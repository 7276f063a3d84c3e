import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { labDir } from './lab-paths.js';

const run = promisify(execFile);

/** Options of {@link startLab}. */
export interface LabOptions {
  /** Number of nodes (default 4). */
  nodes?: number;
  /** How many of them are managers; node 1 is always one (default 1). */
  managers?: number;
  /** Swarm dispatcher heartbeat (default `1s`, so a dead node is marked down in seconds). */
  heartbeat?: string;
  /** Run folder of the lab (default `/run/swlab`). */
  runDir?: string;
  /** Data folder of the lab (default `/var/lib/swlab`). */
  dataDir?: string;
}

/** One node of the lab. */
export interface LabNode {
  /** 1-based node number, as used by `chaos`. */
  index: number;
  /** Hostname the swarm reports for the node (`swl-n<index>`). */
  hostname: string;
  /** Its engine, as a DOCKER_HOST value (`unix:///run/swlab/n<index>/docker.sock`). */
  host: string;
  /** Its address on the lab bridge, reachable only from the lab's switch netns. */
  ip: string;
}

/** Chaos actions of infra/lab/chaos.sh. */
export type LabChaosAction =
  | 'kill'
  | 'kill-all'
  | 'start'
  | 'stop'
  | 'restart'
  | 'net-down'
  | 'net-up'
  | 'partition'
  | 'heal'
  | 'pause'
  | 'resume'
  | 'freeze'
  | 'thaw';

/** A running lab. */
export interface Lab {
  /** DOCKER_HOST of node 1, the first manager. */
  managerHost: string;
  nodes: LabNode[];
  /** How long bring-up took, in milliseconds. */
  upMs: number;
  /** Injects a fault into node `index` (1-based). */
  chaos(action: LabChaosAction, index: number): Promise<void>;
  /** Tears the lab down (idempotent); resolves with how long it took, in milliseconds. */
  down(): Promise<number>;
}

/**
 * Brings up a multi-node swarm on this machine with infra/lab/up.sh: one dockerd per network
 * namespace, node 1 the first manager, the test image loaded everywhere. Needs root. If bring-up
 * fails, whatever was made is torn down before the error is thrown.
 *
 * @example
 * const lab = await startLab({ nodes: 4, managers: 1, heartbeat: '1s' });
 * try { ... } finally { await lab.down(); }
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  if (process.getuid?.() !== 0) throw new Error('the swarm lab needs root: run ./swarmops test as root');
  const dir = labDir();
  const runDir = options.runDir ?? '/run/swlab';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SWLAB_NODES: String(options.nodes ?? 4),
    SWLAB_MANAGERS: String(options.managers ?? 1),
    SWLAB_HEARTBEAT: options.heartbeat ?? '1s',
    SWLAB_RUN: runDir,
    SWLAB_DATA: options.dataDir ?? '/var/lib/swlab',
  };
  const script = (name: string, args: string[] = []) =>
    run(join(dir, name), args, { env, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 });
  const started = Date.now();
  try {
    await script('up.sh');
  } catch (error) {
    await script('down.sh').catch(() => undefined);
    throw new Error(`infra/lab/up.sh failed: ${describe(error)}`, { cause: error });
  }
  const upMs = Date.now() - started;
  const vars = parseEnvFile(readFileSync(join(runDir, 'env'), 'utf8'));
  const count = Number(vars.SWLAB_NODES);
  const nodes: LabNode[] = Array.from({ length: count }, (_, k) => {
    const index = k + 1;
    return {
      index,
      hostname: required(vars, `SWLAB_N${index}_HOSTNAME`),
      host: required(vars, `SWLAB_N${index}_HOST`),
      ip: required(vars, `SWLAB_N${index}_IP`),
    };
  });
  let downed = false;
  return {
    managerHost: nodes[0]!.host,
    nodes,
    upMs,
    async chaos(action, index) {
      try {
        await script('chaos.sh', [action, String(index)]);
      } catch (error) {
        throw new Error(`infra/lab/chaos.sh ${action} ${index} failed: ${describe(error)}`, { cause: error });
      }
    },
    async down() {
      const t0 = Date.now();
      if (!downed) {
        downed = true;
        await script('down.sh');
      }
      return Date.now() - t0;
    },
  };
}

/** Parses the `KEY=value` lines of the lab's env file. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) vars[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return vars;
}

function required(vars: Record<string, string>, key: string): string {
  const value = vars[key];
  if (value === undefined || value === '') throw new Error(`lab env file has no ${key}`);
  return value;
}

function describe(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const tail = typeof stderr === 'string' ? stderr.trim().split('\n').slice(-15).join('\n') : '';
  return `${error instanceof Error ? error.message : String(error)}${tail === '' ? '' : `\n${tail}`}`;
}
