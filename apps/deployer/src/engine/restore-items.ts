import type Dockerode from 'dockerode';
import { errorMessage } from '@swarmops/bus';
import type { RestoreApplyItem, RestoreApplyOutcome } from '@swarmops/contracts';
import { networkCreateBody } from '../domain/restore/network-recovery.js';
import type { RefIds } from '../domain/restore/service-refs.js';
import type { NetworkRecovery } from './restore-networks.js';
import type { RestoreDecision } from './restore-prepare.js';
import { applyService, isServiceChange } from './restore-service.js';
import type { Run } from './run.js';
import type { EngineDeps } from './types.js';

// Applies one decided item and records its step. A secret's Data is sent to the engine and nowhere else:
// not in a step, an error, an event or the reply.

const OUTCOME = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  skip: 'skipped',
  fail: 'failed',
} as const;

/** A decision that changes something. */
type Applicable = Exclude<RestoreDecision, { action: 'unchanged' | 'skip' | 'fail' }>;

/** What applying a service needs besides its decision. */
export interface ServiceContext {
  /** The live swarm's name → id of networks, configs and secrets, read when called. */
  refIds: () => Promise<RefIds>;
  /** Creates the restore's networks that are missing or still being deleted when a service needs them. */
  networks: NetworkRecovery;
}

/** Applies `d`, records a step, and returns its outcome; an engine refusal is a `failed` outcome. */
export async function applyDecision(
  deps: EngineDeps,
  run: Run,
  d: RestoreDecision,
  context: ServiceContext,
): Promise<RestoreApplyOutcome> {
  const { kind, name } = d.item;
  const outcome = OUTCOME[d.action];
  if (d.action === 'skip' || d.action === 'fail') {
    await run.step(
      `restore-${kind}`,
      d.action === 'fail' ? 'failed' : 'info',
      `${outcome} ${kind} ${name}: ${d.reason}`,
      name,
      { outcome },
    );
    return { kind, name, outcome, error: d.reason };
  }
  if (d.action === 'unchanged') {
    await run.step(`restore-${kind}`, 'info', `${kind} ${name} unchanged`, name, { outcome });
    return { kind, name, outcome };
  }
  try {
    await perform(deps, run, d as Applicable, context);
  } catch (err) {
    const error = redact(d.item, errorMessage(err));
    await run.step(`restore-${kind}`, 'failed', `could not restore ${kind} ${name}: ${error}`, name, {
      outcome: 'failed',
    });
    return { kind, name, outcome: 'failed', error };
  }
  const changes = 'changes' in d ? { changes: d.changes } : {};
  await run.step(`restore-${kind}`, 'succeeded', `${outcome} ${kind} ${name}`, name, { outcome, ...changes });
  return { kind, name, outcome };
}

async function perform(deps: EngineDeps, run: Run, d: Applicable, context: ServiceContext): Promise<void> {
  if ('apply' in d) return d.apply();
  const item = d.item;
  switch (item.kind) {
    case 'swarm':
      if ('version' in d) await deps.restoreDocker.updateSwarm(d.version, d.spec);
      return;
    case 'network': {
      const body = networkCreateBody(item.name, item.spec);
      await deps.docker.createNetwork(body as unknown as Dockerode.NetworkCreateOptions);
      return;
    }
    case 'config':
    case 'secret': {
      const body = { ...objectBody(item.spec), Name: item.name };
      if (item.kind === 'config') await deps.docker.createConfig(body);
      else await deps.docker.createSecret(body);
      return;
    }
    case 'service':
      if (isServiceChange(d)) await applyService(deps, d, context.networks, context.refIds);
      return;
    case 'stack-version': {
      await deps.repo.restoreVersion(deps.clusterId, {
        stack: item.stack,
        version: item.version,
        compose: item.compose,
        env: item.env,
        strategy: item.strategy,
        deploymentId: run.id,
        digests: {},
        deployedAt: item.deployedAt,
      });
      return;
    }
  }
}

function objectBody(spec: Record<string, unknown>): {
  Name: string;
  Labels: Record<string, string>;
  Data: string;
} {
  const extra: Record<string, unknown> = {};
  if (spec.Templating !== undefined) extra.Templating = spec.Templating;
  if (spec.Driver !== undefined) extra.Driver = spec.Driver;
  return {
    ...extra,
    Name: String(spec.Name),
    Labels: (spec.Labels as Record<string, string> | undefined) ?? {},
    Data: typeof spec.Data === 'string' ? spec.Data : '',
  };
}

/** Name → id of this swarm's networks, configs and secrets. */
export async function readRefIds(deps: EngineDeps): Promise<RefIds> {
  const [names, objects] = await Promise.all([deps.docker.networkNames(), deps.docker.objectIds()]);
  const networks: Record<string, string> = {};
  for (const [id, name] of Object.entries(names)) networks[name] = id;
  return { networks, configs: objects.configs, secrets: objects.secrets };
}

/** An error message with a secret's value (base64 or decoded) cut out, should the engine ever echo it. */
function redact(item: RestoreApplyItem, message: string): string {
  if (item.kind !== 'secret' || typeof item.spec.Data !== 'string' || item.spec.Data === '') return message;
  const encoded = item.spec.Data;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  let out = message.split(encoded).join('[redacted]');
  if (decoded.length >= 4) out = out.split(decoded).join('[redacted]');
  return out;
}
