import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { endpoint, serve } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import {
  AppError,
  DeployerEventType,
  DeployerRpc,
  ErrorCode,
  createEvent,
  eventSubject,
} from '@swarmops/contracts';
import type { Deployment, DeploymentKind, DeploymentStatus, Plan } from '@swarmops/contracts';

/** Progress steps the stand-in reports for every waiting mutation. */
export const STAND_IN_STEPS = 3;

const PROGRESS = eventSubject(DeployerEventType.deploymentProgress);

/**
 * A real NATS micro service answering every DeployerRpc contract (until apps/deployer serves them
 * to the gateway tests): it records each request, and for a waiting mutation publishes
 * `deployment.progress` events for the request's deployment id (interleaved with events of another
 * deployment) before it replies. It changes nothing in Docker.
 */
export async function serveDeployerStandIn(nc: NatsConnection) {
  const requests = new Map<string, unknown[]>();
  const deployments = new Map<string, Deployment>();
  const record = (subject: string, req: unknown) =>
    requests.set(subject, [...(requests.get(subject) ?? []), req]);
  const publishProgress = (deploymentId: string, stack: string, progress: number, message: string) => {
    const event = createEvent(
      { newId: randomUUID, now: () => new Date() },
      {
        type: DeployerEventType.deploymentProgress,
        source: 'deployer-stand-in',
        clusterId: 'test',
        data: { deploymentId, stack, progress, total: STAND_IN_STEPS, message },
      },
    );
    nc.publish(PROGRESS, JSON.stringify(event));
  };
  /** Records a deployment, reports its progress when the caller waits, and returns its final status. */
  const run = async (
    req: { deploymentId?: string | undefined; wait: boolean; requestedBy?: string | undefined },
    stack: string,
    kind: DeploymentKind,
    service: string,
  ): Promise<{ id: string; status: DeploymentStatus }> => {
    const id = req.deploymentId ?? randomUUID();
    if (req.wait) {
      const other = randomUUID();
      for (let i = 1; i <= STAND_IN_STEPS; i++) {
        publishProgress(other, stack, i, `other step ${i}`);
        publishProgress(id, stack, i, `step ${i} of ${STAND_IN_STEPS}`);
      }
      await nc.flush();
    }
    const status: DeploymentStatus = req.wait ? 'succeeded' : 'running';
    const now = new Date().toISOString();
    deployments.set(id, {
      id,
      stack,
      kind,
      version: 1,
      strategy: null,
      status,
      requestedBy: req.requestedBy ?? null,
      startedAt: now,
      finishedAt: req.wait ? now : null,
      error: null,
      recovery: null,
      services: [{ name: service, replicas: { desired: 1, running: 1 } }],
      steps: [{ seq: 0, at: now, name: 'validate', status: 'succeeded', message: 'ok', subject: null }],
    });
    return { id, status };
  };
  const plan = (stack: string): Plan => ({
    stack,
    version: 2,
    changes: [
      {
        kind: 'service',
        name: 'web',
        fullName: `${stack}_web`,
        action: 'update',
        restartsTasks: true,
        fields: [
          { path: 'TaskTemplate.ContainerSpec.Image', old: 'local/busybox:1', new: 'local/busybox:2' },
        ],
      },
    ],
    warnings: [{ code: 'unsupported-key', path: 'services.web.build', message: 'build is ignored' }],
    summary: { create: 0, update: 1, remove: 0, unchanged: 0, restarts: 1 },
  });
  const stackOfService = (service: string) => service.split('_')[0] ?? service;
  const endpoints: RpcEndpoint[] = [
    endpoint(DeployerRpc.stackDeploy, async (req) => {
      record(DeployerRpc.stackDeploy.subject, req);
      const services = [{ name: `${req.name}_web`, replicas: { desired: 1, running: 1 } }];
      if (req.dryRun) {
        const id = req.deploymentId ?? randomUUID();
        return {
          deploymentId: id,
          status: 'planned' as const,
          stack: req.name,
          version: 2,
          services,
          plan: plan(req.name),
        };
      }
      const { id, status } = await run(req, req.name, 'deploy', `${req.name}_web`);
      return { deploymentId: id, status, stack: req.name, version: 1, services };
    }),
    endpoint(DeployerRpc.stackPlan, (req) => {
      record(DeployerRpc.stackPlan.subject, req);
      return plan(req.name);
    }),
    endpoint(DeployerRpc.stackRemove, async (req) => {
      record(DeployerRpc.stackRemove.subject, req);
      const { id, status } = await run(req, req.name, 'remove', `${req.name}_web`);
      const removed = {
        services: [`${req.name}_web`],
        networks: [`${req.name}_default`],
        configs: [],
        secrets: [],
      };
      return { deploymentId: id, status, stack: req.name, removed };
    }),
    endpoint(DeployerRpc.stackRollback, async (req) => {
      record(DeployerRpc.stackRollback.subject, req);
      const { id, status } = await run(req, req.name, 'rollback-stack', `${req.name}_web`);
      const services = [{ name: `${req.name}_web`, replicas: { desired: 1, running: 1 } }];
      return { deploymentId: id, status, stack: req.name, version: req.version, services };
    }),
    endpoint(DeployerRpc.serviceScale, async (req) => {
      record(DeployerRpc.serviceScale.subject, req);
      const { id } = await run(req, stackOfService(req.service), 'scale', req.service);
      const replicas = { desired: req.replicas, running: req.wait ? req.replicas : 0 };
      return { service: req.service, replicas, converged: req.wait || req.replicas === 0, deploymentId: id };
    }),
    endpoint(DeployerRpc.serviceUpdate, async (req) => {
      record(DeployerRpc.serviceUpdate.subject, req);
      const { id, status } = await run(req, stackOfService(req.service), 'update-image', req.service);
      return {
        deploymentId: id,
        status,
        service: req.service,
        image: req.image,
        replicas: { desired: 1, running: 1 },
      };
    }),
    endpoint(DeployerRpc.serviceRollback, async (req) => {
      record(DeployerRpc.serviceRollback.subject, req);
      const { id, status } = await run(req, stackOfService(req.service), 'rollback-service', req.service);
      return {
        deploymentId: id,
        status,
        service: req.service,
        image: 'local/busybox:1',
        replicas: { desired: 1, running: 1 },
      };
    }),
    endpoint(DeployerRpc.deploymentsList, (req) => {
      record(DeployerRpc.deploymentsList.subject, req);
      const items = [...deployments.values()]
        .filter(
          (d) =>
            (req.stack === undefined || d.stack === req.stack) &&
            (req.status === undefined || d.status === req.status),
        )
        .reverse()
        .slice(0, req.limit)
        .map(({ steps: _steps, ...summary }) => summary);
      return { items, nextCursor: null };
    }),
    endpoint(DeployerRpc.deploymentsGet, (req) => {
      record(DeployerRpc.deploymentsGet.subject, req);
      const d = deployments.get(req.id);
      if (d === undefined) throw new AppError(ErrorCode.NOT_FOUND, `deployment ${req.id} not found`);
      return d;
    }),
  ];
  const service = await serve(nc, { name: 'deployer-test', version: '0.0.0' }, endpoints);
  return {
    /** The validated requests a subject received, oldest first. */
    requests: (subject: string) => requests.get(subject) ?? [],
    /** Requests answered, all subjects together. */
    total: () => [...requests.values()].reduce((n, list) => n + list.length, 0),
    /** Publishes one progress event, as the deployer would (for tests of the relay's filtering). */
    publishProgress,
    stop: () => service.stop(),
  };
}
export type DeployerStandIn = Awaited<ReturnType<typeof serveDeployerStandIn>>;
