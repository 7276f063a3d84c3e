import { AppError, ErrorCode } from '@swarmops/contracts';
import type { CheckResult, HealthScope } from '@swarmops/contracts';
import type { ClusterSnapshot } from './snapshot.js';

/** A run's scope, resolved against the snapshot: the subjects whose results belong to it. */
export interface ResolvedScope {
  scope: HealthScope;
  /** The canonical target: a hostname, a service name or a stack name; null for `cluster`. */
  target: string | null;
  /** Null for `cluster` (every subject). */
  subjects: ReadonlySet<string> | null;
}

/**
 * Resolves `target` (a node id or hostname, a service id or name, a stack name) against the snapshot, or
 * throws NOT_FOUND naming it. A stack covers `stack:<name>` and every `service:<name>` of the stack.
 */
export function resolveScope(
  snapshot: ClusterSnapshot,
  scope: HealthScope,
  target: string | undefined,
): ResolvedScope {
  if (scope === 'cluster') return { scope, target: null, subjects: null };
  const missing = () =>
    new AppError(ErrorCode.NOT_FOUND, `${scope} \`${target ?? ''}\` not found`, {
      details: { kind: scope, target },
    });
  if (scope === 'node') {
    const node = snapshot.nodes.find((n) => n.id === target || n.hostname === target);
    if (node === undefined) throw missing();
    return { scope, target: node.hostname, subjects: new Set([`node:${node.hostname}`]) };
  }
  if (scope === 'service') {
    const service = snapshot.services.find((s) => s.id === target || s.name === target);
    if (service === undefined) throw missing();
    return { scope, target: service.name, subjects: new Set([`service:${service.name}`]) };
  }
  const services = snapshot.services.filter((s) => s.stack === target);
  if (services.length === 0) throw missing();
  return {
    scope,
    target: target ?? null,
    subjects: new Set([`stack:${target}`, ...services.map((s) => `service:${s.name}`)]),
  };
}

/** Whether a result belongs to the scope. */
export function inScope(resolved: ResolvedScope, check: CheckResult): boolean {
  return resolved.subjects === null || resolved.subjects.has(check.subject);
}
