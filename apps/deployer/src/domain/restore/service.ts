import type Dockerode from 'dockerode';
import { normalizeServiceSpec } from '@swarmops/contracts';
import type { PlanFieldChange } from '@swarmops/contracts';
import { diffSpecs } from '../spec-diff.js';

/** What a restore does to one service. */
export type ServiceRestore =
  { action: 'create' } | { action: 'unchanged' } | { action: 'update'; changes: PlanFieldChange[] };

/**
 * Compares the live service (its network ids named through `networkNames`) with the archived spec by name,
 * both in `normalizeServiceSpec`'s comparable form: equal is `unchanged`, so a second restore changes nothing.
 */
export function planServiceRestore(
  live: Dockerode.ServiceSpec | null,
  desired: Dockerode.ServiceSpec,
  networkNames: Record<string, string>,
): ServiceRestore {
  if (live === null) return { action: 'create' };
  const a = normalizeServiceSpec(live, { networkNames });
  const b = normalizeServiceSpec(desired, {});
  if (JSON.stringify(a) === JSON.stringify(b)) return { action: 'unchanged' };
  return { action: 'update', changes: diffSpecs(a, b) };
}

/** Whether two base64 payloads hold the same bytes. */
export function sameData(a: string, b: string): boolean {
  return Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
}
