import { posix } from 'node:path';

import { AppError, type PlanWarning } from '@swarmops/contracts';

import { normalizeCapability } from './container-options.js';
import type { EngineMount } from './engine-types.js';
import type { ComposeService } from './model.js';
import type { PolicyAllowance } from './types.js';

/**
 * Capabilities that give a container control of the host or other containers (mount, module loading,
 * raw I/O, ptrace, network and security-module administration, clock, reboot, BPF, kernel logs,
 * immutable files). Adding any of them is a policy violation.
 */
export const DANGEROUS_CAPABILITIES = [
  'ALL',
  'CAP_SYS_ADMIN',
  'CAP_NET_ADMIN',
  'CAP_SYS_PTRACE',
  'CAP_SYS_MODULE',
  'CAP_DAC_READ_SEARCH',
  'CAP_SYS_RAWIO',
  'CAP_SYS_BOOT',
  'CAP_SYS_TIME',
  'CAP_MAC_ADMIN',
  'CAP_MAC_OVERRIDE',
  'CAP_BPF',
  'CAP_PERFMON',
  'CAP_SYSLOG',
  'CAP_LINUX_IMMUTABLE',
  'CAP_CHECKPOINT_RESTORE',
] as const;

const DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];

export const PolicyRule = {
  dockerSocket: 'docker-socket',
  bindMount: 'bind-mount-outside-allowlist',
  capability: 'dangerous-capability',
  privileged: 'privileged',
  hostPid: 'host-pid',
  hostNetwork: 'host-network',
  hostIpc: 'host-ipc',
} as const;
export type PolicyRule = (typeof PolicyRule)[keyof typeof PolicyRule];

export interface PolicyViolation {
  service: string;
  path: string;
  rule: PolicyRule;
  message: string;
}

/** What the policy looks at for one service: its compose keys and its converted mounts and networks. */
export interface PolicySubject {
  name: string;
  service: ComposeService;
  /** Mounts in compose order, so index i is `services.<name>.volumes[i]`. */
  mounts: { index: number; mount: EngineMount }[];
  /** Engine names of the networks it joins, with their compose names. */
  networks: { composeName: string; target: string }[];
}

/** Finds every guarded setting of one service. */
export function findViolations(subject: PolicySubject, policy: PolicyAllowance): PolicyViolation[] {
  const { name, service } = subject;
  const base = `services.${name}`;
  const out: PolicyViolation[] = [];
  const add = (path: string, rule: PolicyRule, message: string): void => {
    out.push({ service: name, path, rule, message: `service ${name}: ${message}` });
  };
  for (const { index, mount } of subject.mounts) {
    const path = `${base}.volumes[${index}]`;
    const source = hostPathOf(mount);
    if (source === undefined) continue;
    if (exposesDockerSocket(source)) {
      add(path, PolicyRule.dockerSocket, `${path} mounts the Docker socket (${source})`);
    } else if (!policy.bindMountPrefixes.some((prefix) => isWithin(source, prefix))) {
      add(path, PolicyRule.bindMount, `${path} bind-mounts ${source}, outside the allowed prefixes`);
    }
  }
  (service.cap_add ?? []).forEach((cap, index) => {
    const normalized = normalizeCapability(cap);
    if ((DANGEROUS_CAPABILITIES as readonly string[]).includes(normalized)) {
      add(`${base}.cap_add[${index}]`, PolicyRule.capability, `cap_add ${cap} is a privileged capability`);
    }
  });
  if (service.privileged === true) add(`${base}.privileged`, PolicyRule.privileged, 'privileged: true');
  if (service.pid === 'host')
    add(`${base}.pid`, PolicyRule.hostPid, 'pid: host shares the host PID namespace');
  if (service.ipc === 'host')
    add(`${base}.ipc`, PolicyRule.hostIpc, 'ipc: host shares the host IPC namespace');
  if (service.network_mode === 'host') {
    add(`${base}.network_mode`, PolicyRule.hostNetwork, 'network_mode: host uses the host network');
  }
  for (const network of subject.networks) {
    if (network.target === 'host') {
      add(`${base}.networks.${network.composeName}`, PolicyRule.hostNetwork, 'joins the host network');
    }
  }
  return out;
}

/**
 * The host path a mount exposes: a bind's source, or the device of a local-driver volume with
 * `o: bind` (a bind mount in disguise). Normalised, so `..` cannot climb out of an allowed prefix.
 */
function hostPathOf(mount: EngineMount): string | undefined {
  if (mount.Type === 'bind' && mount.Source !== undefined) return posix.normalize(mount.Source);
  const options = mount.VolumeOptions?.DriverConfig?.Options;
  const device = options?.device;
  if (mount.Type === 'volume' && device !== undefined && /(^|,)r?bind(,|$)/.test(options?.o ?? '')) {
    return posix.normalize(device);
  }
  return undefined;
}

function exposesDockerSocket(source: string): boolean {
  const trimmed = source.length > 1 ? source.replace(/\/+$/, '') : source;
  if (trimmed.endsWith('docker.sock')) return true;
  // Mounting a parent directory (/, /run, /var/run, /var) exposes the socket too.
  return DOCKER_SOCKETS.some((socket) => trimmed === '/' || socket.startsWith(`${trimmed}/`));
}

function isWithin(source: string, prefix: string): boolean {
  const base = posix.normalize(prefix).replace(/\/+$/, '');
  if (base === '') return true;
  return source === base || source.startsWith(`${base}/`);
}

/**
 * Applies the policy: a trusted stack gets each violation as a `policy-exception` warning; any other
 * stack is refused with FORBIDDEN naming the service and key of each violation.
 */
export function enforcePolicy(
  stack: string,
  violations: PolicyViolation[],
  policy: PolicyAllowance,
): PlanWarning[] {
  if (violations.length === 0) return [];
  if (policy.trustedStacks.includes(stack)) {
    return violations.map((v) => ({
      code: 'policy-exception',
      path: v.path,
      message: `allowed for trusted stack ${stack}: ${v.message}`,
    }));
  }
  const [first] = violations;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  throw new AppError('FORBIDDEN', `policy: ${first?.message ?? 'violation'}${more}`, {
    details: { violations },
  });
}
