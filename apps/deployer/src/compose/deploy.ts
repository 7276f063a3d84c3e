import type { ConvertContext } from './context.js';
import type {
  EnginePlacement,
  EngineResources,
  EngineRestartPolicy,
  EngineServiceMode,
  EngineUpdateConfig,
} from './engine-types.js';
import { joinPath } from './issues.js';
import type { DeployFile, UpdateConfigFile } from './model.js';
import type { ServiceModeKind } from './types.js';
import { parseByteSize, parseDuration, parseNanoCpus } from './units.js';

const MODES: ServiceModeKind[] = ['replicated', 'global', 'replicated-job', 'global-job'];

/** deploy.mode + deploy.replicas → the Engine service mode, as docker converts them. */
export function convertMode(
  ctx: ConvertContext,
  path: string,
  deploy: DeployFile,
): { kind: ServiceModeKind; replicas: number | null; mode: EngineServiceMode } {
  const kind = (deploy.mode ?? 'replicated') as ServiceModeKind;
  const replicas = deploy.replicas;
  if (!MODES.includes(kind)) {
    ctx.issues.add(joinPath(path, 'mode'), `unknown mode "${deploy.mode}" (${MODES.join(', ')})`);
    return { kind: 'replicated', replicas: 1, mode: { Replicated: { Replicas: 1 } } };
  }
  if (replicas !== undefined && replicas < 0)
    ctx.issues.add(joinPath(path, 'replicas'), 'must not be negative');
  if ((kind === 'global' || kind === 'global-job') && replicas !== undefined) {
    ctx.issues.add(
      joinPath(path, 'replicas'),
      'replicas can only be used with replicated or replicated-job mode',
    );
  }
  switch (kind) {
    case 'global':
      return { kind, replicas: null, mode: { Global: {} } };
    case 'global-job':
      return { kind, replicas: null, mode: { GlobalJob: {} } };
    case 'replicated-job':
      return {
        kind,
        replicas: replicas ?? 1,
        mode: {
          ReplicatedJob:
            replicas === undefined ? {} : { MaxConcurrent: replicas, TotalCompletions: replicas },
        },
      };
    case 'replicated':
      // Docker sends no count when none is given; the engine then runs 1. Explicit here, same result.
      return { kind, replicas: replicas ?? 1, mode: { Replicated: { Replicas: replicas ?? 1 } } };
  }
}

function duration(ctx: ConvertContext, path: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ns = parseDuration(text);
  if (ns === undefined) ctx.issues.add(path, `invalid duration "${text}"`);
  return ns;
}

/** update_config / rollback_config → UpdateConfig (parallelism defaults to 1 when the block exists). */
export function convertUpdateConfig(
  ctx: ConvertContext,
  path: string,
  source: UpdateConfigFile | undefined,
): EngineUpdateConfig | undefined {
  if (source === undefined) return undefined;
  const delay = duration(ctx, joinPath(path, 'delay'), source.delay);
  const monitor = duration(ctx, joinPath(path, 'monitor'), source.monitor);
  if (
    source.failure_action !== undefined &&
    !['pause', 'continue', 'rollback'].includes(source.failure_action)
  ) {
    ctx.issues.add(joinPath(path, 'failure_action'), 'expected pause, continue or rollback');
  }
  return {
    Parallelism: source.parallelism ?? 1,
    ...(delay ? { Delay: delay } : {}),
    ...(source.failure_action ? { FailureAction: source.failure_action } : {}),
    ...(monitor ? { Monitor: monitor } : {}),
    ...(source.max_failure_ratio ? { MaxFailureRatio: source.max_failure_ratio } : {}),
    ...(source.order ? { Order: source.order } : {}),
  };
}

/** deploy.resources → ResourceRequirements (always present, as docker sends it). */
export function convertResources(ctx: ConvertContext, path: string, deploy: DeployFile): EngineResources {
  const out: EngineResources = {};
  const { limits, reservations } = deploy.resources ?? {};
  if (limits !== undefined) {
    const cpus = cpusOf(ctx, joinPath(path, 'limits.cpus'), limits.cpus);
    const memory = memoryOf(ctx, joinPath(path, 'limits.memory'), limits.memory);
    out.Limits = {
      ...(cpus ? { NanoCPUs: cpus } : {}),
      ...(memory ? { MemoryBytes: memory } : {}),
      ...(limits.pids ? { Pids: limits.pids } : {}),
    };
  }
  if (reservations !== undefined) {
    const cpus = cpusOf(ctx, joinPath(path, 'reservations.cpus'), reservations.cpus);
    const memory = memoryOf(ctx, joinPath(path, 'reservations.memory'), reservations.memory);
    const generic = (reservations.generic_resources ?? []).map((r) => ({
      DiscreteResourceSpec: {
        Kind: r.discrete_resource_spec?.kind ?? '',
        Value: r.discrete_resource_spec?.value ?? 0,
      },
    }));
    out.Reservations = {
      ...(cpus ? { NanoCPUs: cpus } : {}),
      ...(memory ? { MemoryBytes: memory } : {}),
      ...(generic.length > 0 ? { GenericResources: generic } : {}),
    };
  }
  return out;
}

function cpusOf(ctx: ConvertContext, path: string, value: number | string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const nanos = parseNanoCpus(value);
  if (nanos === undefined) ctx.issues.add(path, `invalid cpus "${value}"`);
  return nanos;
}

function memoryOf(ctx: ConvertContext, path: string, value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseByteSize(value);
  if (bytes === undefined) ctx.issues.add(path, `invalid size "${value}" (e.g. 512M, 1G)`);
  return bytes;
}

/**
 * deploy.restart_policy → RestartPolicy; without it, docker falls back to the service's legacy
 * `restart` (always/unless-stopped → any, on-failure[:N] → on-failure, no → none given).
 */
export function convertRestartPolicy(
  ctx: ConvertContext,
  servicePath: string,
  deploy: DeployFile,
  restart: string | undefined,
): EngineRestartPolicy | undefined {
  const policy = deploy.restart_policy;
  const path = joinPath(servicePath, 'deploy.restart_policy');
  if (policy !== undefined) {
    if (policy.condition !== undefined && !['none', 'on-failure', 'any'].includes(policy.condition)) {
      ctx.issues.add(joinPath(path, 'condition'), 'expected none, on-failure or any');
    }
    const delay = duration(ctx, joinPath(path, 'delay'), policy.delay);
    const window = duration(ctx, joinPath(path, 'window'), policy.window);
    return {
      ...(policy.condition ? { Condition: policy.condition } : {}),
      ...(delay !== undefined ? { Delay: delay } : {}),
      ...(policy.max_attempts !== undefined ? { MaxAttempts: policy.max_attempts } : {}),
      ...(window !== undefined ? { Window: window } : {}),
    };
  }
  if (restart === undefined || restart === '' || restart === 'no') return undefined;
  const [name, count, extra] = restart.split(':');
  const attempts = count === undefined ? 0 : Number(count);
  if (
    extra !== undefined ||
    !Number.isInteger(attempts) ||
    attempts < 0 ||
    (count !== undefined && name !== 'on-failure')
  ) {
    ctx.issues.add(joinPath(servicePath, 'restart'), `invalid restart policy "${restart}"`);
    return undefined;
  }
  const condition =
    name === 'always' || name === 'unless-stopped' ? 'any' : name === 'on-failure' ? 'on-failure' : undefined;
  if (condition === undefined) {
    ctx.issues.add(
      joinPath(servicePath, 'restart'),
      `unknown restart policy "${name}" (no, always, on-failure, unless-stopped)`,
    );
    return undefined;
  }
  return { Condition: condition, ...(attempts > 0 ? { MaxAttempts: attempts } : {}) };
}

/** deploy.placement → Placement (always present, as docker sends it). */
export function convertPlacement(deploy: DeployFile): EnginePlacement {
  const placement = deploy.placement ?? {};
  const preferences = (placement.preferences ?? []).map((p) => ({
    Spread: { SpreadDescriptor: p.spread ?? '' },
  }));
  return {
    ...(placement.constraints?.length ? { Constraints: placement.constraints } : {}),
    ...(preferences.length > 0 ? { Preferences: preferences } : {}),
    ...(placement.max_replicas_per_node ? { MaxReplicas: placement.max_replicas_per_node } : {}),
  };
}
