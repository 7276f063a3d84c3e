import type Dockerode from 'dockerode';

import {
  convertDnsConfig,
  convertEnvironment,
  convertExtraHosts,
  convertLogging,
  convertShellCommand,
  convertUlimits,
  effectiveCapabilities,
} from './container-options.js';
import { scopedName, withStackLabel, type ConvertContext } from './context.js';
import {
  convertMode,
  convertPlacement,
  convertResources,
  convertRestartPolicy,
  convertUpdateConfig,
} from './deploy.js';
import type { EngineContainerSpec, EngineMount, EngineServiceSpec } from './engine-types.js';
import { convertConfigRefs, convertSecretRefs } from './file-objects.js';
import { convertHealthcheck, desiredHealthcheck } from './healthcheck.js';
import { imageReferenceProblem } from './image-reference.js';
import { sortedRecord, toStringMap } from './mappings.js';
import type { ComposeService } from './model.js';
import { convertMounts } from './mounts.js';
import { convertServiceNetworks } from './networks.js';
import { convertPorts } from './ports.js';
import type { DesiredObject, DesiredService } from './types.js';
import { parseDuration } from './units.js';

// Swarm's rule for object names (swarmkit validateAnnotations): a DNS name component of at most 63.
const MAX_SERVICE_NAME = 63;
const SWARM_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
const SWARM_NAME_RULE = `<stack>_<service> must be at most ${MAX_SERVICE_NAME} characters of letters, digits, - and _`;

/** Docker's label carrying the image as written in the compose file. */
export const LABEL_IMAGE = 'com.docker.stack.image';

export interface ConvertedService {
  desired: DesiredService;
  /** Mounts by compose volume index, for the policy guard. */
  mounts: { index: number; mount: EngineMount }[];
}

/** One compose service → the ServiceSpec `docker stack deploy` sends for it. */
export function convertService(
  ctx: ConvertContext,
  name: string,
  service: ComposeService,
  objects: { configs: DesiredObject[]; secrets: DesiredObject[] },
): ConvertedService {
  const path = `services.${name}`;
  const deploy = service.deploy ?? {};
  if (service.image === undefined || service.image === '')
    ctx.issues.add(`${path}.image`, 'is required (images are not built)');
  else {
    const problem = imageReferenceProblem(service.image);
    if (problem !== undefined) ctx.issues.add(`${path}.image`, problem);
  }
  const fullName = scopedName(ctx, name);
  if (fullName.length > MAX_SERVICE_NAME || !SWARM_NAME.test(fullName))
    ctx.issues.add(path, `service name "${fullName.slice(0, 80)}" is not valid in swarm: ${SWARM_NAME_RULE}`);
  const image = service.image ?? '';
  const mode = convertMode(ctx, `${path}.deploy`, deploy);
  const healthcheck = convertHealthcheck(ctx, `${path}.healthcheck`, service.healthcheck);
  const mountList = convertMounts(ctx, `${path}.volumes`, service.volumes);
  const caps = effectiveCapabilities(service.cap_add, service.cap_drop);
  const endpointMode = deploy.endpoint_mode?.toLowerCase();
  if (
    endpointMode !== undefined &&
    endpointMode !== '' &&
    endpointMode !== 'vip' &&
    endpointMode !== 'dnsrr'
  ) {
    ctx.issues.add(`${path}.deploy.endpoint_mode`, 'expected vip or dnsrr');
  }
  const ports = convertPorts(ctx, `${path}.ports`, service.ports);
  const updateConfig = convertUpdateConfig(ctx, `${path}.deploy.update_config`, deploy.update_config);
  const rollbackConfig = convertUpdateConfig(ctx, `${path}.deploy.rollback_config`, deploy.rollback_config);
  const restartPolicy = convertRestartPolicy(ctx, path, deploy, service.restart);
  const logDriver = convertLogging(service.logging);

  const spec: EngineServiceSpec = {
    Name: scopedName(ctx, name),
    Labels: sortedRecord({ ...withStackLabel(ctx, toStringMap(deploy.labels)), [LABEL_IMAGE]: image }),
    TaskTemplate: {
      ContainerSpec: containerSpec(ctx, name, service, image, caps, healthcheck, mountList, objects),
      ...(logDriver !== undefined ? { LogDriver: logDriver } : {}),
      Resources: convertResources(ctx, `${path}.deploy.resources`, deploy),
      ...(restartPolicy !== undefined ? { RestartPolicy: restartPolicy } : {}),
      Placement: convertPlacement(deploy),
      Networks: convertServiceNetworks(ctx, name, service),
    },
    Mode: mode.mode,
    ...(updateConfig !== undefined ? { UpdateConfig: updateConfig } : {}),
    ...(rollbackConfig !== undefined ? { RollbackConfig: rollbackConfig } : {}),
    EndpointSpec: {
      ...(endpointMode ? { Mode: endpointMode } : {}),
      ...(ports.length > 0 ? { Ports: ports } : {}),
    },
  };
  return {
    desired: {
      name,
      fullName: spec.Name,
      mode: mode.kind,
      replicas: mode.replicas,
      healthcheck: desiredHealthcheck(healthcheck),
      spec: spec as unknown as Dockerode.ServiceSpec,
    },
    mounts: mountList,
  };
}

function containerSpec(
  ctx: ConvertContext,
  name: string,
  service: ComposeService,
  image: string,
  caps: { add: string[]; drop: string[] },
  healthcheck: EngineContainerSpec['Healthcheck'],
  mounts: { mount: EngineMount }[],
  objects: { configs: DesiredObject[]; secrets: DesiredObject[] },
): EngineContainerSpec {
  const path = `services.${name}`;
  const command = convertShellCommand(ctx, `${path}.entrypoint`, service.entrypoint);
  const args = convertShellCommand(ctx, `${path}.command`, service.command);
  const env = convertEnvironment(ctx, service.environment);
  const hosts = convertExtraHosts(ctx, `${path}.extra_hosts`, service.extra_hosts);
  const dns = convertDnsConfig(service);
  const secrets = convertSecretRefs(ctx, name, service.secrets, objects.secrets);
  const configs = convertConfigRefs(ctx, name, service.configs, objects.configs);
  const sysctls = service.sysctls === undefined ? undefined : sortedRecord(toStringMap(service.sysctls));
  const ulimits = convertUlimits(service.ulimits);
  let stopGracePeriod: number | undefined;
  if (service.stop_grace_period !== undefined) {
    stopGracePeriod = parseDuration(service.stop_grace_period);
    if (stopGracePeriod === undefined)
      ctx.issues.add(`${path}.stop_grace_period`, `invalid duration "${service.stop_grace_period}"`);
  }
  return {
    Image: image,
    Labels: sortedRecord(withStackLabel(ctx, toStringMap(service.labels))),
    ...(command !== undefined ? { Command: command } : {}),
    ...(args !== undefined ? { Args: args } : {}),
    ...(service.hostname ? { Hostname: service.hostname } : {}),
    ...(env !== undefined ? { Env: env } : {}),
    ...(service.working_dir ? { Dir: service.working_dir } : {}),
    ...(service.user ? { User: service.user } : {}),
    Privileges: {},
    ...(service.init !== undefined ? { Init: service.init } : {}),
    ...(service.stop_signal ? { StopSignal: service.stop_signal } : {}),
    ...(service.tty ? { TTY: true } : {}),
    ...(service.stdin_open ? { OpenStdin: true } : {}),
    ...(service.read_only ? { ReadOnly: true } : {}),
    ...(mounts.length > 0 ? { Mounts: mounts.map((m) => m.mount) } : {}),
    ...(stopGracePeriod !== undefined ? { StopGracePeriod: stopGracePeriod } : {}),
    ...(healthcheck !== undefined ? { Healthcheck: healthcheck } : {}),
    ...(hosts !== undefined ? { Hosts: hosts } : {}),
    ...(dns !== undefined ? { DNSConfig: dns } : {}),
    ...(secrets.length > 0 ? { Secrets: secrets } : {}),
    ...(configs.length > 0 ? { Configs: configs } : {}),
    ...(service.isolation ? { Isolation: service.isolation } : {}),
    ...(sysctls !== undefined && Object.keys(sysctls).length > 0 ? { Sysctls: sysctls } : {}),
    ...(caps.add.length > 0 ? { CapabilityAdd: caps.add } : {}),
    ...(caps.drop.length > 0 ? { CapabilityDrop: caps.drop } : {}),
    ...(ulimits !== undefined ? { Ulimits: ulimits } : {}),
    ...(service.oom_score_adj ? { OomScoreAdj: service.oom_score_adj } : {}),
  };
}
