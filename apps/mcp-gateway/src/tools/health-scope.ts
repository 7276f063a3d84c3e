import { request } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import type { CheckResult, HealthReport, HealthStatus } from '@swarmops/contracts';
import { busOptions } from './tool.js';
import type { ToolContext } from './tool.js';

/** What a stack-scoped caller may see of health results: its stacks and the services in them. */
export interface StackView {
  stacks: ReadonlySet<string>;
  services: ReadonlySet<string>;
}

/** The services of the caller's stacks, read from inventory (every page); null for an unscoped caller. */
export async function stackView(ctx: ToolContext): Promise<StackView | null> {
  const { stacks } = ctx.principal;
  if (stacks === null) return null;
  const services = new Set<string>();
  for (const stack of stacks) {
    let cursor: string | undefined;
    do {
      const page = await request(
        ctx.nc,
        InventoryRpc.servicesList,
        { stack, limit: 1000, ...(cursor === undefined ? {} : { cursor }) },
        busOptions(ctx),
      );
      for (const s of page.items) services.add(s.name);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }
  return { stacks: new Set(stacks), services };
}

/** Whether a check subject (`stack:<name>`, `service:<name>`, ...) lies in the view; nodes, the cluster and the platform do not. */
export function subjectVisible(view: StackView, subject: string): boolean {
  if (subject.startsWith('stack:')) return view.stacks.has(subject.slice('stack:'.length));
  if (subject.startsWith('service:')) return view.services.has(subject.slice('service:'.length));
  return false;
}

/** Whether a whole report (or its summary) is about the view: a stack or service run on one of its stacks. */
export function reportInView(view: StackView, report: Pick<HealthReport, 'scope' | 'target'>): boolean {
  if (report.target === null) return false;
  if (report.scope === 'stack') return view.stacks.has(report.target);
  if (report.scope === 'service') return view.services.has(report.target);
  return false;
}

/**
 * The verdict over a set of results, the health service's rule (DESIGN, HealthStatus): a critical
 * `fail` → unhealthy; any other `fail` or any `warn` → degraded; else healthy.
 */
export function verdictOf(checks: readonly Pick<CheckResult, 'status' | 'severity'>[]): HealthStatus {
  if (checks.some((c) => c.status === 'fail' && c.severity === 'critical')) return 'unhealthy';
  if (checks.some((c) => c.status !== 'ok')) return 'degraded';
  return 'healthy';
}

/** A report narrowed to the view's checks, its status and counts recomputed over what is left. */
export function narrowReport(view: StackView, report: HealthReport): HealthReport {
  const checks = report.checks.filter((c) => subjectVisible(view, c.subject));
  const counts = { ok: 0, warn: 0, fail: 0 };
  for (const c of checks) counts[c.status] += 1;
  return { ...report, checks, counts, status: verdictOf(checks) };
}
