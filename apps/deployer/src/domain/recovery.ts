import type { Convergence } from './convergence.js';

/** What a deployer does with a deployment another (dead) deployer left running. */
export type RecoveryAction =
  | { action: 'succeed'; reason: string }
  | { action: 'wait'; reason: string }
  | { action: 'rollback'; reason: string };

/** One target service as recovery finds it: missing, on another spec, or judged. */
export type RecoveredService =
  { name: string; found: false } | { name: string; found: true; onTarget: boolean; convergence: Convergence };

/**
 * Decides how to finish an orphaned deployment. A blue-green or canary switch left half-way (a
 * temporary service still exists) is rolled back: the canonical services still serve the old
 * version, so that is the safe end. Otherwise: every target service on its target spec and converged
 * → succeeded; some still progressing → keep waiting; anything missing, on another spec, failed or
 * rolled back by Swarm → roll back.
 */
export function decideRecovery(input: {
  services: RecoveredService[];
  temporaryLeft: string[];
}): RecoveryAction {
  if (input.temporaryLeft.length > 0) {
    return {
      action: 'rollback',
      reason: `interrupted while ${input.temporaryLeft.join(', ')} still existed`,
    };
  }
  const missing = input.services.filter((s) => !s.found || !s.onTarget).map((s) => s.name);
  if (missing.length > 0) return { action: 'rollback', reason: `not applied to ${missing.join(', ')}` };
  const judged = input.services.flatMap((s) => (s.found ? [{ name: s.name, c: s.convergence }] : []));
  const bad = judged.find((s) => s.c.state === 'failed' || s.c.state === 'rolled-back');
  if (bad !== undefined) return { action: 'rollback', reason: bad.c.reason };
  const waiting = judged.filter((s) => s.c.state === 'progressing');
  if (waiting.length > 0) {
    return { action: 'wait', reason: `still converging: ${waiting.map((s) => s.name).join(', ')}` };
  }
  return { action: 'succeed', reason: 'every service had converged to the target' };
}
