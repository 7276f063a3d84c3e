import type { ServiceChangeData } from '@swarmops/contracts';
import { followUp } from './render-deployment.js';

/** An image update or service rollback: status, image, replicas, the error. */
export function renderServiceChange(verb: string, d: ServiceChangeData): string {
  const lines = [
    `${verb} ${d.service}: ${d.status} (deployment ${d.deploymentId})`,
    `image ${d.image}; ${d.replicas.running}/${d.replicas.desired} running`,
  ];
  if (d.error !== undefined) lines.push(`error: ${d.error}`);
  lines.push(...followUp(d.status, d.deploymentId));
  return lines.join('\n');
}
