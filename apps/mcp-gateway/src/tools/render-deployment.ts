import type { DeployStackData, Plan, PlanChange, ServiceReplicas } from '@swarmops/contracts';
import { bound } from './render.js';

/** Changes a plan rendering lists before pointing at structuredContent. */
export const PLAN_CHANGES_SHOWN = 10;
const FIELDS_SHOWN = 4;
const SERVICES_SHOWN = 20;

/** `- shop_api 3/3 running` lines, at most {@link SERVICES_SHOWN}. */
export function renderServices(services: readonly ServiceReplicas[]): string[] {
  const lines = services
    .slice(0, SERVICES_SHOWN)
    .map((s) => `- ${s.name} ${s.replicas.running}/${s.replicas.desired} running`);
  if (services.length > SERVICES_SHOWN) lines.push(`… ${services.length - SERVICES_SHOWN} more services`);
  return lines;
}

function renderChange(c: PlanChange): string {
  const restarts = c.restartsTasks ? ' (restarts tasks)' : '';
  const fields = c.fields.slice(0, FIELDS_SHOWN).map((f) => f.path);
  const more = c.fields.length > FIELDS_SHOWN ? `, +${c.fields.length - FIELDS_SHOWN} more` : '';
  const changed = fields.length > 0 ? `: ${fields.join(', ')}${more}` : '';
  return `- ${c.action} ${c.kind} ${c.fullName}${restarts}${changed}`;
}

/** Summary, the first changes that do something, and every warning. */
export function renderPlan(plan: Plan): string[] {
  const s = plan.summary;
  const lines = [
    `plan for ${plan.stack} version ${plan.version}: ${s.create} create, ${s.update} update ` +
      `(${s.restarts} restart tasks), ${s.remove} remove, ${s.unchanged} unchanged`,
  ];
  const changes = plan.changes.filter((c) => c.action !== 'unchanged');
  lines.push(...changes.slice(0, PLAN_CHANGES_SHOWN).map(renderChange));
  if (changes.length > PLAN_CHANGES_SHOWN) {
    lines.push(`… ${changes.length - PLAN_CHANGES_SHOWN} more changes in structuredContent`);
  }
  if (plan.warnings.length > 0) {
    lines.push(`warnings (${plan.warnings.length}):`);
    lines.push(...plan.warnings.map((w) => `! ${w.code} ${w.path}: ${w.message}`));
  }
  return lines;
}

/** What to do next with a deployment that is still running. */
export function followUp(status: string, deploymentId: string): string[] {
  return status === 'running'
    ? [`Still running: call get_deployment { id: "${deploymentId}" } to follow it.`]
    : [];
}

/** A stack deploy or rollback: status, version, replicas, the error, and the plan when there is one. */
export function renderStackDeployment(verb: string, d: DeployStackData): string {
  const lines = [`${verb} ${d.stack} version ${d.version}: ${d.status} (deployment ${d.deploymentId})`];
  if (d.error !== undefined) lines.push(`error: ${d.error}`);
  lines.push(...renderServices(d.services));
  if (d.plan !== undefined) lines.push(...renderPlan(d.plan));
  lines.push(...followUp(d.status, d.deploymentId));
  return bound(lines.join('\n'));
}
