import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  HealableCheckIdSchema,
  HealingPolicySchema,
  HealingRecordSchema,
  HealthRpc,
  InventoryRpc,
  Role,
} from '@swarmops/contracts';
import { stackView, subjectVisible } from './health-scope.js';
import { TOOL_PAGE_DEFAULT, ToolPageShape, toolPageSchema } from './paging.js';
import { renderList } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

export const ListHealingActionsOutputSchema = toolPageSchema(HealingRecordSchema).extend({
  policies: z.array(HealingPolicySchema).describe('The policies set so far (a check without one is `off`).'),
});

export const listHealingActions = defineTool({
  name: 'list_healing_actions',
  title: 'List self-healing actions',
  description:
    'List self-healing decisions, newest first: check, subject, action (force-update, restart-service, ' +
    'drain-node), mode, outcome (`planned` in dry-run, `executed`, `failed`, or `refused` with the guardrail ' +
    'that stopped it), the deployment it started, and when. Also returns the current `policies`. Filter by ' +
    '`checkId`. Returns `{ items, nextCursor, policies }`; page with `cursor`. A token scoped to stacks sees ' +
    'only the actions on services of its stacks.',
  input: z.strictObject({
    checkId: HealableCheckIdSchema.optional().describe('Only actions of this check.'),
    ...ToolPageShape,
  }),
  output: ListHealingActionsOutputSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [HealthRpc.healingList.subject, HealthRpc.policyList.subject, InventoryRpc.servicesList.subject],
  async run(args, ctx) {
    const [page, policies] = await Promise.all([
      request(
        ctx.nc,
        HealthRpc.healingList,
        { ...args, limit: args.limit ?? TOOL_PAGE_DEFAULT },
        busOptions(ctx),
      ),
      request(ctx.nc, HealthRpc.policyList, {}, busOptions(ctx)),
    ]);
    const view = await stackView(ctx);
    const items = view === null ? page.items : page.items.filter((r) => subjectVisible(view, r.subject));
    return { items, nextCursor: page.nextCursor, policies: policies.items };
  },
  render: (page) => {
    const policies =
      page.policies.length === 0
        ? 'Policies: none set (every check off).'
        : `Policies: ${page.policies.map((p) => `${p.checkId} ${p.mode}`).join(', ')}.`;
    const list = renderList(
      'healing actions',
      page,
      (r) =>
        `${r.at} ${r.action} ${r.subject} (${r.checkId}, ${r.mode}) ${r.outcome}` +
        `${r.reason === null ? '' : `: ${r.reason}`}${r.deploymentId === null ? '' : ` deployment ${r.deploymentId}`}`,
    );
    return `${policies}\n${list}`;
  },
});
