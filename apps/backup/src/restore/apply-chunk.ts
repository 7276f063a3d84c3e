import type { RestoreApplyItem } from '@swarmops/contracts';

/** restore.apply takes at most this many items per request. */
export const MAX_GROUP_ITEMS = 2000;

/** Apply order of the kinds (the plan's order), for the items a group gains from its services. */
const KIND_ORDER: readonly RestoreApplyItem['kind'][] = [
  'swarm',
  'node',
  'network',
  'config',
  'secret',
  'service',
  'stack-version',
];
const rank = (i: RestoreApplyItem) => KIND_ORDER.indexOf(i.kind);

/**
 * Splits `items` into groups of at most {@link MAX_GROUP_ITEMS}, each item with the unchanged objects it
 * `needs` in the same group (once per group), in kind order.
 */
export function chunk(
  stack: string | null,
  items: RestoreApplyItem[],
  needs: (item: RestoreApplyItem) => RestoreApplyItem[],
): { stack: string | null; items: RestoreApplyItem[] }[] {
  const groups: { stack: string | null; items: RestoreApplyItem[] }[] = [];
  let current: RestoreApplyItem[] = [];
  let keys = new Set<string>();
  const key = (i: RestoreApplyItem) => `${i.kind}:${i.name}`;
  const flush = () => {
    if (current.length === 0) return;
    // Array sort is stable: within a kind, the order the items came in.
    groups.push({ stack, items: current.sort((a, b) => rank(a) - rank(b)) });
    current = [];
    keys = new Set();
  };
  for (const item of items) {
    const added = () => needs(item).filter((i) => !keys.has(key(i)));
    if (current.length + 1 + added().length > MAX_GROUP_ITEMS) flush();
    for (const extra of [...added(), item]) {
      current.push(extra);
      keys.add(key(extra));
    }
  }
  flush();
  return groups;
}
