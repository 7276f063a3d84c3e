import type { Stack } from '@swarmops/contracts';
import type { Entry } from './entry.js';

/** What the deployer records on a stack; inventory keeps it and never invents it. */
const DEPLOYER_FIELDS = ['composeFile', 'version', 'deployTime'] as const;

/**
 * Stacks derived from the services' stack label: id = name, services = service names sorted.
 * `composeFile`, `version` and `deployTime` are null unless `previous` (the stored stacks) has them.
 */
export function deriveStacks(
  services: Iterable<Entry>,
  previous: ReadonlyMap<string, Entry> = new Map(),
): Entry[] {
  const members = new Map<string, string[]>();
  for (const service of services) {
    const stack = service.doc.stack;
    if (typeof stack !== 'string' || stack === '') continue;
    const names = members.get(stack) ?? [];
    names.push(service.name);
    members.set(stack, names);
  }
  return [...members.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, names]) => {
      const before = previous.get(name)?.doc ?? {};
      const doc: Stack = { id: name, name, services: names.sort() };
      for (const field of DEPLOYER_FIELDS) doc[field] = (before[field] ?? null) as never;
      return { id: name, name, doc };
    });
}
