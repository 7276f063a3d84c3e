import type { ServiceReplicas } from '@swarmops/contracts';
import { judgeService } from '../domain/convergence.js';
import type { Convergence } from '../domain/convergence.js';
import type { LiveService } from '../domain/live.js';
import { sleep } from './bounded.js';
import type { Run } from './run.js';
import { DeployFailure } from './types.js';
import type { EngineDeps } from './types.js';

/** Options of {@link waitConverged}. */
export interface WaitOptions {
  since: Date;
  deadline: Date;
  /** A Swarm rollback is the goal (rollback-service), not a failure. */
  expectRollback?: boolean;
  /** Failed tasks of the current spec that fail the wait (default: the judge's 3). A canary gets 1. */
  failureLimit?: number;
}

/** The verdict on each watched service, by name. */
export type Verdicts = Map<string, { service: LiveService; convergence: Convergence }>;

/** Reads the named services and their tasks once and judges each. A missing service is `null`. */
export async function judgeNow(
  deps: EngineDeps,
  names: readonly string[],
  options: WaitOptions,
): Promise<Map<string, { service: LiveService; convergence: Convergence } | null>> {
  const services = await Promise.all(names.map((n) => deps.docker.findService(n)));
  const found = services.filter((s): s is LiveService => s !== null);
  const tasks = await deps.docker.tasks(found.map((s) => s.id));
  const out = new Map<string, { service: LiveService; convergence: Convergence } | null>();
  names.forEach((name, i) => {
    const service = services[i] ?? null;
    if (service === null) return out.set(name, null);
    let convergence = judgeService(service, tasks, {
      since: options.since,
      failureLimit: options.failureLimit,
    });
    if (options.expectRollback === true) convergence = acceptRollback(service, convergence);
    return out.set(name, { service, convergence });
  });
  return out;
}

function acceptRollback(service: LiveService, c: Convergence): Convergence {
  const state = service.updateStatus?.state;
  if (state === 'rollback_started') return { ...c, state: 'progressing', reason: 'Swarm is rolling back' };
  if (state !== 'rollback_completed' || c.state !== 'rolled-back') return c;
  return c.running >= c.desired
    ? { ...c, state: 'converged', reason: 'rolled back to the previous spec' }
    : { ...c, state: 'progressing' };
}

/**
 * Waits until every named service converged. Throws DeployFailure when one fails, is rolled back by
 * Swarm, disappears, or the deadline passes first. Reports progress as running/desired replicas.
 */
export async function waitConverged(
  deps: EngineDeps,
  run: Run | null,
  names: readonly string[],
  options: WaitOptions,
): Promise<Verdicts> {
  const pollMs = deps.pollMs ?? 500;
  let lastDone = -1;
  for (;;) {
    const verdicts = await judgeNow(deps, names, options);
    const out: Verdicts = new Map();
    let done = 0;
    let total = 0;
    const waiting: string[] = [];
    for (const [name, v] of verdicts) {
      if (v === null)
        throw new DeployFailure(`service ${name} disappeared while the deployment waited for it`);
      const c = v.convergence;
      if (c.state === 'failed' || c.state === 'rolled-back') throw new DeployFailure(c.reason);
      done += Math.min(c.running, c.desired);
      total += c.desired;
      if (c.state !== 'converged') waiting.push(`${name}: ${c.reason}`);
      out.set(name, v);
    }
    if (waiting.length === 0) return out;
    if (run !== null && done !== lastDone) {
      lastDone = done;
      await run.progress(done, total, `${done}/${total} tasks running`);
    }
    if (deps.now() >= options.deadline) {
      throw new DeployFailure(`timed out waiting for convergence (${waiting.join('; ')})`);
    }
    await sleep(pollMs);
  }
}

/** Desired and running replicas of each service, as the records show them. */
export function replicasOf(verdicts: Verdicts): ServiceReplicas[] {
  return [...verdicts].map(([name, v]) => ({
    name,
    replicas: { desired: v.convergence.desired, running: v.convergence.running },
  }));
}
