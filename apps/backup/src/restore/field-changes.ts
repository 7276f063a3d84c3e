import type { PlanFieldChange } from '@swarmops/contracts';
import { isObject } from './json.js';

/**
 * The fields that differ between two normalized specs, by dotted path (`TaskTemplate.ContainerSpec.Image`):
 * objects are walked, arrays and scalars compared whole. `old` is the live value, `new` the archive's.
 */
export function fieldChanges(live: unknown, archived: unknown, path = ''): PlanFieldChange[] {
  if (isObject(live) && isObject(archived)) {
    const keys = [...new Set([...Object.keys(live), ...Object.keys(archived)])].sort();
    return keys.flatMap((key) =>
      fieldChanges(live[key], archived[key], path === '' ? key : `${path}.${key}`),
    );
  }
  if (JSON.stringify(live) === JSON.stringify(archived)) return [];
  const change: PlanFieldChange = { path: path === '' ? '(root)' : path };
  if (live !== undefined) change.old = live;
  if (archived !== undefined) change.new = archived;
  return [change];
}
