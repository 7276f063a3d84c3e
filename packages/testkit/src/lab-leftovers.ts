import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a lab lives; the defaults of infra/lab. */
export interface LabLocation {
  prefix?: string;
  runDir?: string;
  dataDir?: string;
}

/** What a lab left behind; every list is empty after a clean teardown. */
export interface LabLeftovers {
  netns: string[];
  cgroups: string[];
  dockerdPids: number[];
  dirs: string[];
}

/**
 * Looks for anything of a lab still on the machine: `<prefix>-` network namespaces,
 * `<prefix>-n*` cgroups, dockerd processes whose pidfile is under the run folder, and the run
 * and data folders.
 */
export function findLabLeftovers(location: LabLocation = {}): LabLeftovers {
  const prefix = location.prefix ?? 'swl';
  const runDir = location.runDir ?? '/run/swlab';
  const dataDir = location.dataDir ?? '/var/lib/swlab';
  const netns = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(`${prefix}-`));
  const cgroups = listDirs('/sys/fs/cgroup').flatMap((hierarchy) => {
    const inner = listDirs(join('/sys/fs/cgroup', hierarchy))
      .filter((d) => d.startsWith(`${prefix}-n`))
      .map((d) => join('/sys/fs/cgroup', hierarchy, d));
    return hierarchy.startsWith(`${prefix}-n`) ? [join('/sys/fs/cgroup', hierarchy), ...inner] : inner;
  });
  const dockerdPids = listDirs('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      const cmdline = readOrEmpty(join('/proc', pid, 'cmdline')).split('\0');
      const stat = readOrEmpty(join('/proc', pid, 'stat'));
      const zombie = / Z /.test(stat.slice(stat.lastIndexOf(')')));
      return !zombie && cmdline[0]?.endsWith('dockerd') && cmdline.join(' ').includes(`--pidfile ${runDir}/`);
    })
    .map(Number);
  const dirs = [runDir, dataDir].filter((dir) => existsSync(dir));
  return { netns, cgroups, dockerdPids, dirs };
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
