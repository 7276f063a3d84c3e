// The baseline of bench/backup: what a person scripts with the docker CLI to save the same state: list and
// inspect every service, network (swarm-scoped, not the defaults), config, secret and node, write each
// listing to a JSON file, and pack them with the `tar` CLI (gzip). One command after the other, like a
// shell script would run them.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

// The networks backup skips: Docker's own (`ingress` has Ingress=true and is filtered by name here).
const DEFAULT_NETWORKS = new Set(['ingress', 'bridge', 'host', 'none', 'docker_gwbridge']);

async function docker(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('docker', args, { maxBuffer: MAX_BUFFER, timeout: 300_000 });
    return stdout;
  } catch (err) {
    // Other work on the shared swarm may remove an object between `ls` and `inspect`: like a shell script's
    // `docker inspect $(docker ls -q) > file`, keep what was printed for the objects still there.
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    const lines = (stderr ?? '').split('\n').filter((l) => l.trim() !== '');
    if (stdout !== undefined && lines.length > 0 && lines.every((l) => /not found|no such/i.test(l))) {
      return stdout;
    }
    throw err;
  }
}

/** `docker <kind> inspect $(docker <kind> ls -q)`, or `[]` when there are none. */
async function inspectAll(kind: string, listArgs: string[] = []): Promise<string> {
  const isNetwork = kind === 'network';
  const listed = (
    await docker([kind, 'ls', ...listArgs, ...(isNetwork ? ['--format', '{{.ID}} {{.Name}}'] : ['-q'])])
  )
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter(([id, name]) => id !== undefined && id !== '' && !(isNetwork && DEFAULT_NETWORKS.has(name ?? '')))
    .map(([id]) => id!);
  return listed.length === 0 ? '[]' : docker([kind, 'inspect', ...listed]);
}

/** One baseline run; returns the size of the tar.gz it wrote (removed afterwards). */
export async function cliBaseline(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-backup-cli-'));
  try {
    const parts = join(dir, 'parts');
    await run('mkdir', [parts]);
    await writeFile(join(parts, 'swarm.json'), await docker(['info', '--format', '{{json .Swarm}}']));
    await writeFile(join(parts, 'nodes.json'), await inspectAll('node'));
    await writeFile(join(parts, 'networks.json'), await inspectAll('network', ['--filter', 'scope=swarm']));
    await writeFile(join(parts, 'configs.json'), await inspectAll('config'));
    await writeFile(join(parts, 'secrets.json'), await inspectAll('secret'));
    await writeFile(join(parts, 'services.json'), await inspectAll('service'));
    const archive = join(dir, 'cluster.tar.gz');
    await run('tar', ['-czf', archive, '-C', parts, '.']);
    return (await stat(archive)).size;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
