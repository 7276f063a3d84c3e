import type Dockerode from 'dockerode';
import { errorMessage } from '@swarmops/bus';
import type { DesiredNetwork, DesiredObject } from '../compose/types.js';
import { CONTENT_DIGEST_LABEL, STACK_VERSION_LABEL } from '../domain/live.js';
import { mapBounded, retryFor } from './bounded.js';
import type { Run } from './run.js';
import type { EngineDeps } from './types.js';
import { containerSpecOf, withContainerSpec } from '../domain/container-spec.js';

/** Creates networks, then configs and secrets (content by digest; data never logged). */
export async function createObjects(
  deps: EngineDeps,
  run: Run,
  objects: { networks: DesiredNetwork[]; configs: DesiredObject[]; secrets: DesiredObject[] },
): Promise<void> {
  const version = String(run.version);
  await mapBounded(objects.networks, deps.maxParallel, async (n) => {
    if (n.spec === null) return;
    run.target.createdNetworks.push(n.fullName);
    await deps.docker.createNetwork({
      ...n.spec,
      Labels: { ...n.spec.Labels, [STACK_VERSION_LABEL]: version },
    });
    await run.step('create-network', 'succeeded', `created network ${n.fullName}`, n.fullName);
  });
  for (const [kind, list] of [
    ['config', objects.configs],
    ['secret', objects.secrets],
  ] as const) {
    await mapBounded(list, deps.maxParallel, async (o) => {
      if (o.data === null) return;
      const body = {
        Name: o.fullName,
        Labels: { ...o.labels, [CONTENT_DIGEST_LABEL]: o.digest ?? '', [STACK_VERSION_LABEL]: version },
        Data: o.data,
      };
      if (kind === 'config') {
        run.target.createdConfigs.push(o.fullName);
        await deps.docker.createConfig(body);
      } else {
        run.target.createdSecrets.push(o.fullName);
        await deps.docker.createSecret(body);
      }
      await run.step(
        `create-${kind}`,
        'succeeded',
        `created ${kind} ${o.fullName} (sha256:${(o.digest ?? '').slice(0, 12)})`,
        o.fullName,
      );
    });
  }
}

/** Fills ConfigID/SecretID of a spec from the live objects, by name; adds the version label. */
export async function resolveSpec(
  deps: EngineDeps,
  spec: Dockerode.ServiceSpec,
  version: number,
): Promise<Dockerode.ServiceSpec> {
  const container = containerSpecOf(spec);
  const labels = { ...spec.Labels, [STACK_VERSION_LABEL]: String(version) };
  if (container === undefined) return { ...spec, Labels: labels };
  const configs = container.Configs ?? [];
  const secrets = container.Secrets ?? [];
  if (configs.length === 0 && secrets.length === 0) return { ...spec, Labels: labels };
  const ids = await deps.docker.objectIds();
  return withContainerSpec({ ...spec, Labels: labels }, (c) => ({
    ...c,
    Configs: configs.map((o) => ({ ...o, ConfigID: ids.configs[o.ConfigName ?? ''] ?? o.ConfigID })),
    Secrets: secrets.map((o) => ({ ...o, SecretID: ids.secrets[o.SecretName ?? ''] ?? o.SecretID })),
  }));
}

/** Removes networks, configs and secrets by name, retrying while old tasks still hold them. */
export async function removeObjects(
  deps: EngineDeps,
  run: Run | null,
  names: { networks: string[]; configs: string[]; secrets: string[] },
  retryMs = 30_000,
): Promise<string[]> {
  const problems: string[] = [];
  const remove = async (kind: string, name: string, work: () => Promise<void>) => {
    try {
      await retryFor(retryMs, work, 1000);
      await run?.step(`remove-${kind}`, 'succeeded', `removed ${kind} ${name}`, name);
    } catch (err) {
      problems.push(`${kind} ${name}: ${errorMessage(err)}`);
      await run?.step(
        `remove-${kind}`,
        'failed',
        `could not remove ${kind} ${name}: ${errorMessage(err)}`,
        name,
      );
    }
  };
  await Promise.all([
    ...names.configs.map((n) => remove('config', n, () => deps.docker.removeConfig(n))),
    ...names.secrets.map((n) => remove('secret', n, () => deps.docker.removeSecret(n))),
    ...names.networks.map((n) => remove('network', n, () => deps.docker.removeNetwork(n))),
  ]);
  return problems;
}
