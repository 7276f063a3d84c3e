import { z } from 'zod';
import { request } from '@swarmops/bus';
import { DeployerRpc, DeploymentSchema, Role } from '@swarmops/contracts';
import { assertInScope } from '../mcp/ports.js';
import { renderServices } from './render-deployment.js';
import { bound } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

const STEPS_SHOWN = 15;

export const getDeployment = defineTool({
  name: 'get_deployment',
  title: 'Get a deployment',
  description:
    'Show one deployment by id: stack, kind, version, strategy, status, who asked, times, the error if it ' +
    'failed or rolled back, how it was recovered after a deployer restart, replicas per service, and its step ' +
    'timeline (validate, create, update, converge, switch traffic, rollback, ...). Use it to follow a deployment ' +
    'started with `wait: false` or to explain why one failed.',
  input: z.strictObject({ id: z.uuid().describe('The deployment id.') }),
  output: DeploymentSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [DeployerRpc.deploymentsGet.subject],
  async run(args, ctx) {
    const deployment = await request(ctx.nc, DeployerRpc.deploymentsGet, { id: args.id }, busOptions(ctx));
    assertInScope(ctx.principal, deployment.stack, `deployment ${args.id}`);
    return deployment;
  },
  render: (d) => {
    const lines = [
      `deployment ${d.id}: ${d.kind} of ${d.stack} v${d.version}${d.strategy === null ? '' : ` (${d.strategy})`} ${d.status}`,
      `started ${d.startedAt}${d.finishedAt === null ? '' : `, finished ${d.finishedAt}`}` +
        `${d.requestedBy === null ? '' : ` by ${d.requestedBy}`}${d.recovery === null ? '' : `, recovered: ${d.recovery}`}`,
    ];
    if (d.error !== null) lines.push(`error: ${d.error}`);
    lines.push(...renderServices(d.services));
    const steps = d.steps.slice(-STEPS_SHOWN);
    if (d.steps.length > steps.length) lines.push(`… ${d.steps.length - steps.length} earlier steps`);
    lines.push(
      ...steps.map(
        (s) => `${s.at} ${s.name} ${s.status}${s.subject === null ? '' : ` ${s.subject}`}: ${s.message}`,
      ),
    );
    return bound(lines.join('\n'));
  },
});
