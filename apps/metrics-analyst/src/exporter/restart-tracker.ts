/**
 * Counts failed tasks per service, monotonically: each failed task id adds 1 once. Docker keeps only a few
 * old tasks per slot (task history), so ids drop out of the list; an id that is gone never comes back, so
 * only the ids of the latest list are remembered and the count keeps the rest. Tasks already failed when the
 * exporter starts are counted too (a restart before the first scrape is still a restart).
 */
export interface RestartTracker {
  /** Takes one full list (every service, its failed task ids) and returns the count per service id. */
  observe(services: readonly { serviceId: string; failedTaskIds: readonly string[] }[]): Map<string, number>;
}

export function createRestartTracker(): RestartTracker {
  let known = new Map<string, { count: number; ids: ReadonlySet<string> }>();
  return {
    observe(services) {
      const next = new Map<string, { count: number; ids: ReadonlySet<string> }>();
      const counts = new Map<string, number>();
      for (const { serviceId, failedTaskIds } of services) {
        const before = known.get(serviceId);
        const ids = new Set(failedTaskIds);
        let count = before?.count ?? 0;
        for (const id of ids) if (before?.ids.has(id) !== true) count += 1;
        next.set(serviceId, { count, ids });
        counts.set(serviceId, count);
      }
      // A removed service is forgotten: its series disappears with it.
      known = next;
      return counts;
    },
  };
}
