import type {
  BackupSummary,
  RestorePlan,
  RestorePlanItem,
  RestoreResult,
  VerifyResult,
} from '@swarmops/contracts';
import { bound } from './render.js';

/** Plan items (other than `unchanged`) and problems a rendering lists before pointing at structuredContent. */
export const ITEMS_SHOWN = 12;
const FIELDS_SHOWN = 4;

/** Bytes in the largest unit that keeps the number at least 1, one decimal. */
export function size(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

/** The counts every backup rendering shows. */
type Counts = Pick<BackupSummary['counts'], 'stacks' | 'services' | 'networks' | 'configs' | 'secrets'>;

/** `3 stacks, 12 services, 4 networks, 2 configs, 1 secrets`. */
export function renderCounts(c: Counts): string {
  return `${c.stacks} stacks, ${c.services} services, ${c.networks} networks, ${c.configs} configs, ${c.secrets} secrets`;
}

/** The fixed backup_configs fields, as one short paragraph. */
export function renderBackup(
  b: Pick<BackupSummary, 'backupId' | 'createdAt' | 'location' | 'sizeBytes' | 'sha256'> & {
    counts: Counts;
  },
): string {
  return bound(
    [
      `backup ${b.backupId} created at ${b.createdAt}: ${renderCounts(b.counts)}`,
      `${size(b.sizeBytes)} at ${b.location} (sha256 ${b.sha256})`,
      `Check it with verify_backup { backupId: "${b.backupId}" }.`,
    ].join('\n'),
  );
}

/** One line of list_backups. */
export function renderBackupLine(b: BackupSummary): string {
  const scope = b.stacks === null ? 'whole cluster' : `stacks ${b.stacks.join(', ')}`;
  const encrypted = b.encrypted ? ', encrypted' : '';
  return `${b.backupId} ${b.createdAt} ${b.trigger}, ${scope}: ${renderCounts(b.counts)}, ${size(b.sizeBytes)}${encrypted}`;
}

function renderItem(item: RestorePlanItem): string {
  const stack = item.stack === null ? '' : ` (stack ${item.stack})`;
  const fields = (item.changes ?? []).slice(0, FIELDS_SHOWN).map((c) => c.path);
  const more =
    (item.changes?.length ?? 0) > FIELDS_SHOWN ? `, +${(item.changes?.length ?? 0) - FIELDS_SHOWN} more` : '';
  const changed = fields.length > 0 ? `: ${fields.join(', ')}${more}` : '';
  const reason = item.reason === undefined ? '' : ` — ${item.reason}`;
  return `- ${item.action} ${item.kind} ${item.name}${stack}${changed}${reason}`;
}

/** The plan's counts, where it restores from and into, and the items that do something (or are skipped). */
export function renderRestorePlan(plan: RestorePlan): string[] {
  const c = plan.counts;
  const into =
    plan.sourceClusterId === plan.targetClusterId
      ? `into the same cluster ${plan.targetClusterId}`
      : `from cluster ${plan.sourceClusterId} into another cluster ${plan.targetClusterId}`;
  const filters = [
    plan.stacks === null ? '' : `stacks ${plan.stacks.join(', ')}`,
    plan.services === null ? '' : `services ${plan.services.join(', ')}`,
  ].filter((f) => f !== '');
  const lines = [
    `restore plan of ${plan.backupId} ${into}${filters.length > 0 ? ` (only ${filters.join('; ')})` : ''}: ` +
      `${c.create} create, ${c.update} update, ${c.unchanged} unchanged, ${c.skip} skip`,
  ];
  const acting = plan.items.filter((i) => i.action !== 'unchanged');
  lines.push(...acting.slice(0, ITEMS_SHOWN).map(renderItem));
  if (acting.length > ITEMS_SHOWN)
    lines.push(`… ${acting.length - ITEMS_SHOWN} more items in structuredContent.plan`);
  if (acting.length === 0) lines.push('Nothing to change: the cluster already matches the backup.');
  return lines;
}

/** The problems of an invalid archive, one line each. */
export function renderProblems(problems: VerifyResult['problems']): string[] {
  const lines = problems
    .slice(0, ITEMS_SHOWN)
    .map((p) => `- ${p.code}${p.part === null ? '' : ` ${p.part}`}: ${p.message}`);
  if (problems.length > ITEMS_SHOWN)
    lines.push(`… ${problems.length - ITEMS_SHOWN} more problems in structuredContent`);
  return lines;
}

/** verify_backup: valid or not, the problems, and the plan of a valid archive. */
export function renderVerify(v: VerifyResult): string {
  const lines = v.valid
    ? [`backup ${v.backupId} is valid (every checksum and spec checked in ${v.durationMs} ms)`]
    : [`backup ${v.backupId} is NOT valid: ${v.problems.length} problems; restore would refuse it`];
  lines.push(...renderProblems(v.problems));
  if (v.plan !== null) lines.push(...renderRestorePlan(v.plan));
  const limitations = v.manifest?.limitations ?? [];
  if (limitations.length > 0) lines.push(`cannot restore: ${limitations.join('; ')}`);
  return bound(lines.join('\n'));
}

/** restore_backup: status, the outcome counts, the failures, and the deployments that applied it. */
export function renderRestore(r: RestoreResult): string {
  const lines = [`restore ${r.restoreId} of ${r.backupId}: ${r.status}`];
  if (r.error !== null) lines.push(`error: ${r.error}`);
  if (r.applied.length > 0) {
    const counts = new Map<string, number>();
    for (const a of r.applied) counts.set(a.outcome, (counts.get(a.outcome) ?? 0) + 1);
    lines.push(`applied: ${[...counts].map(([o, n]) => `${n} ${o}`).join(', ')}`);
    const failed = r.applied.filter((a) => a.outcome === 'failed');
    lines.push(...failed.slice(0, ITEMS_SHOWN).map((a) => `! ${a.kind} ${a.name}: ${a.error ?? 'failed'}`));
    const skipped = r.plan.items.filter((i) => i.action === 'skip');
    lines.push(...skipped.slice(0, ITEMS_SHOWN).map(renderItem));
  } else {
    lines.push(...renderRestorePlan(r.plan));
  }
  if (r.deploymentIds.length > 0) {
    lines.push(`deployments: ${r.deploymentIds.join(', ')} (see get_deployment)`);
  }
  return bound(lines.join('\n'));
}
