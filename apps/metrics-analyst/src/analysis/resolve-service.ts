import { AppError, ErrorCode } from '@swarmops/contracts';
import type { PromClient } from '../ports.js';
import { resolveServiceQuery, type Scope } from './promql.js';

export interface ResolvedService {
  readonly service: string;
  readonly stack: string;
  readonly promql: string;
}

/**
 * The service a name or id refers to, as Prometheus knows it within the window and the scope's stacks;
 * NOT_FOUND when it has no series there.
 */
export async function resolveService(
  prom: PromClient,
  ref: string,
  scope: Omit<Scope, 'service'>,
  window: string,
  at: number,
): Promise<ResolvedService> {
  const promql = resolveServiceQuery(ref, scope, window);
  const samples = await prom.instant(promql, at);
  const exact = samples.find((s) => s.labels['service'] === ref) ?? samples[0];
  const service = exact?.labels['service'];
  if (service === undefined)
    throw new AppError(
      ErrorCode.NOT_FOUND,
      `no metrics for service ${ref} in Prometheus; is it running and is the exporter scraped?`,
      { details: { field: 'service', service: ref } },
    );
  return { service, stack: exact?.labels['stack'] ?? '', promql };
}
