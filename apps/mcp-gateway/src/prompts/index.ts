import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/server';

function user(text: string) {
  return { messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
}

const DIAGNOSE = `Diagnose the health of the Docker Swarm cluster managed by Swarmops.

0. Call get_health_report (or execute_health_check, which needs the operator role, for a fresh run): its
   failing checks name the subject, the evidence and a fix. For a failing service, diagnose_service explains
   it. Use the steps below to confirm and to fill in what the report does not cover.
1. Call cluster_summary. Note nodes that are not ready, managers that are unreachable, whether there is a leader,
   and whether running tasks are below the total.
2. Call list_nodes with status "down" and then "unknown"; for each such node report hostname, IP and role.
   Also look for nodes whose availability is "drain" or "pause".
3. Call list_services and find services whose replicas.running is below replicas.desired.
4. For each of those, call inspect_service and read lastTaskErrors and the task states; call list_tasks with
   state "failed" or "rejected" to see where and why tasks fail.
5. Summarise: what is wrong, the evidence (tool output), the likely cause, and the fix you recommend.
   Do not change anything; ask before any change. Tool errors start with a code (e.g. FORBIDDEN, NOT_FOUND):
   report them instead of guessing.`;

function planText(compose: string | undefined, stack: string | undefined): string {
  const target = stack === undefined ? 'a new stack' : `the stack "${stack}"`;
  const lines = [
    `Plan a deployment of ${target} on the Docker Swarm cluster managed by Swarmops. Do not deploy yet.`,
    '',
    '1. Call cluster_summary and list_nodes to learn how many nodes are ready, their CPUs, memory and labels.',
    stack === undefined
      ? '2. Call list_stacks to check that the stack name you choose is free.'
      : `2. Call inspect_stack with name "${stack}" and list_services with stack "${stack}" to see what runs now.`,
    '3. Check the compose file: images, replicas, resource reservations and limits, placement constraints',
    '   against node labels, published ports (mode: host vs ingress), networks, configs and secrets.',
    '4. Call plan_stack with the stack name and the compose file: it returns the field-level plan (what is',
    '   created, updated or removed, which updates restart tasks) and warnings, and changes nothing.',
    '5. Propose the plan: those changes, the rollout strategy (rolling, blue-green or canary), and the risks',
    '   (capacity, ports in use, constraints no node satisfies, the warnings).',
    '6. Ask the user to confirm before deploy_stack is used; then report its status (succeeded, failed or',
    '   rolled-back) and the replicas per service.',
  ];
  if (compose !== undefined) lines.push('', 'The compose file:', '```yaml', compose, '```');
  return lines.join('\n');
}

/** `diagnose-cluster` and `plan-deployment`: conversation starters that lead the model through the tools. */
export function registerPrompts(mcp: McpServer): void {
  mcp.registerPrompt(
    'diagnose-cluster',
    {
      title: 'Diagnose the cluster',
      description: 'Walk through the cluster state with the read tools and report what is wrong and why.',
    },
    () => user(DIAGNOSE),
  );
  mcp.registerPrompt(
    'plan-deployment',
    {
      title: 'Plan a deployment',
      description:
        'Review a compose file and/or an existing stack against the cluster and propose a deployment plan.',
      argsSchema: z.object({
        compose: z.string().max(100_000).optional().describe('The compose file (YAML) to deploy.'),
        stack: z.string().max(255).optional().describe('Name of the stack to deploy or update.'),
      }),
    },
    ({ compose, stack }) => user(planText(compose, stack)),
  );
}
