import { warnUnsupported, type ConvertContext } from './context.js';
import type { ComposeService } from './model.js';

// Service keys `docker stack deploy` ignores in swarm mode (its UnsupportedProperties and
// DeprecatedProperties, plus compose-spec keys its converter never reads). Each use is a warning.
const IGNORED: Record<string, string> = {
  build: 'images are not built; the image must exist on the nodes or in a registry',
  cgroupns_mode: 'not supported in swarm mode',
  cgroup_parent: 'not supported in swarm mode',
  container_name: 'swarm names containers itself',
  depends_on: 'swarm starts services independently; use healthchecks and retries',
  devices: 'not supported in swarm mode',
  domainname: 'not supported in swarm mode',
  expose: 'services on the same network reach each other on any port',
  external_links: 'not supported in swarm mode',
  ipc: 'not supported in swarm mode',
  links: 'use networks and service names',
  mac_address: 'not supported in swarm mode',
  network_mode: 'not supported in swarm mode; use networks',
  pid: 'not supported in swarm mode',
  privileged: 'not supported in swarm mode',
  security_opt: 'not supported in swarm mode',
  shm_size: 'not supported in swarm mode',
  userns_mode: 'not supported in swarm mode',
  tmpfs: 'ignored by docker stack deploy; use a volume of type tmpfs',
  dns_opt: 'ignored by docker stack deploy',
  credential_spec: 'not supported by Swarmops (Windows only)',
  blkio_config: 'not supported in swarm mode',
  cpu_count: 'use deploy.resources',
  cpu_percent: 'use deploy.resources',
  cpu_period: 'use deploy.resources',
  cpu_rt_period: 'use deploy.resources',
  cpu_rt_runtime: 'use deploy.resources',
  cpus: 'use deploy.resources.limits.cpus',
  mem_reservation: 'use deploy.resources.reservations.memory',
  mem_swappiness: 'not supported in swarm mode',
  oom_kill_disable: 'not supported in swarm mode',
  pids_limit: 'use deploy.resources.limits.pids',
  device_cgroup_rules: 'not supported in swarm mode',
  group_add: 'ignored by docker stack deploy',
  storage_opt: 'not supported in swarm mode',
  platform: 'ignored by docker stack deploy; use placement constraints',
  profiles: 'all services are deployed',
  pull_policy: 'images are used as given',
  runtime: 'not supported in swarm mode',
  scale: 'use deploy.replicas',
};

// Keys `docker stack deploy` refuses outright ("forbidden properties"); Swarmops refuses them too.
const FORBIDDEN: Record<string, string> = {
  extends: 'extends is not supported',
  volume_driver: 'define a top-level volume with a driver instead',
  volumes_from: 'share a top-level volume between services instead',
  cpu_quota: 'set resource limits with deploy.resources',
  cpu_shares: 'set resource limits with deploy.resources',
  cpuset: 'set resource limits with deploy.resources',
  mem_limit: 'set resource limits with deploy.resources',
  memswap_limit: 'set resource limits with deploy.resources',
  env_file: 'env files cannot be read: Swarmops takes compose text only; use environment',
};

/** Warns for every ignored service key and refuses forbidden ones, each naming the key's path. */
export function checkServiceKeys(ctx: ConvertContext, name: string, service: ComposeService): void {
  const path = `services.${name}`;
  for (const key of Object.keys(service)) {
    const forbidden = FORBIDDEN[key];
    if (forbidden !== undefined) ctx.issues.add(`${path}.${key}`, forbidden);
    const ignored = IGNORED[key];
    if (ignored !== undefined) warnUnsupported(ctx, `${path}.${key}`, ignored);
  }
  if (service.restart !== undefined) {
    ctx.warnings.push({
      code: 'legacy-key',
      path: `${path}.restart`,
      message:
        'converted to a restart policy as docker does (unless deploy.restart_policy is set); prefer deploy.restart_policy',
    });
  }
  const devices = service.deploy?.resources?.reservations?.devices;
  if (devices !== undefined) {
    warnUnsupported(ctx, `${path}.deploy.resources.reservations.devices`, 'ignored by docker stack deploy');
  }
}

/** Warns for top-level keys the converter ignores. */
export function checkTopLevelKeys(ctx: ConvertContext): void {
  if (ctx.file.name !== undefined) {
    warnUnsupported(ctx, 'name', 'the stack name comes from the deploy call, not the file');
  }
  if (ctx.file.version !== undefined) {
    ctx.warnings.push({ code: 'obsolete-key', path: 'version', message: 'version is obsolete and ignored' });
  }
}
