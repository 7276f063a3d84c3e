import type { RestoreApplyData, RestoreApplyOutcome, RestorePlan } from '@swarmops/contracts';
import type { ApplyGroup } from './apply-groups.js';

export interface RunRestoreInput {
  plan: RestorePlan;
  groups: ApplyGroup[];
  /** `swarmops.deployer.restore.apply` for one group, the restore's own fields (restoreId, wait, ...) bound. */
  deployer: (group: ApplyGroup) => Promise<RestoreApplyData>;
  /** After each group: items done so far, items in all groups, what happened. */
  onProgress: (done: number, total: number, message: string) => void | Promise<void>;
}

export interface RunRestoreResult {
  /** One per item of every group: the deployer's outcomes, `failed` for a group whose call failed, `skipped` after a failure. */
  outcomes: RestoreApplyOutcome[];
  deploymentIds: string[];
  /** Why the restore stopped, or null when every group was applied without a failed item. */
  error: string | null;
}

/**
 * Applies the groups through the deployer one at a time, in order, and stops at the first group that fails
 * (a failed reply, a failed item, or a call that throws): the later groups are not sent, and their items are
 * reported `skipped`. Never throws for a deployer failure; the result says what happened.
 */
export async function runRestore(input: RunRestoreInput): Promise<RunRestoreResult> {
  const { groups } = input;
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const outcomes: RestoreApplyOutcome[] = [];
  const deploymentIds: string[] = [];
  let done = 0;
  for (const [index, group] of groups.entries()) {
    const label = groupLabel(group);
    let failure: string | null;
    try {
      const reply = await input.deployer(group);
      deploymentIds.push(reply.deploymentId);
      outcomes.push(...reply.outcomes);
      failure = groupFailure(reply);
    } catch (err) {
      failure = errorText(err);
      outcomes.push(...group.items.map((i) => outcome(i, 'failed', `restore.apply failed: ${failure}`)));
    }
    done += group.items.length;
    const message = failure === null ? `applied ${label}` : `${label} failed: ${failure}`;
    await input.onProgress(done, total, message);
    if (failure !== null) {
      const notSent = groups.slice(index + 1).flatMap((g) => g.items);
      outcomes.push(...notSent.map((i) => outcome(i, 'skipped', `not applied: ${label} failed first`)));
      return { outcomes, deploymentIds, error: `${label} failed: ${failure}` };
    }
  }
  return { outcomes, deploymentIds, error: null };
}

function groupLabel(group: ApplyGroup): string {
  return group.stack === null ? 'cluster-wide objects' : `stack ${group.stack}`;
}

function groupFailure(reply: RestoreApplyData): string | null {
  const failed = reply.outcomes.find((o) => o.outcome === 'failed');
  if (failed !== undefined) return `${failed.kind} ${failed.name}: ${failed.error ?? 'failed'}`;
  return reply.status === 'failed' ? `deployment ${reply.deploymentId} failed` : null;
}

function outcome(
  item: ApplyGroup['items'][number],
  result: 'failed' | 'skipped',
  error: string,
): RestoreApplyOutcome {
  return { kind: item.kind, name: item.name, outcome: result, error };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
