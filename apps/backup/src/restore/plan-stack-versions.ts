import type { ArchivedStack, RestorePlanItem } from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';

/** `<stack>@<version>`: the plan item name of a recorded stack version. */
export function stackVersionName(stack: string, version: number): string {
  return `${stack}@${version}`;
}

/**
 * Recorded stack versions: create when the deployer's history lacks that version, unchanged when it holds
 * the same compose file, skipped (history is never rewritten) when it holds another one.
 */
export function planStackVersions(stacks: ArchivedStack[], live: ClusterState): RestorePlanItem[] {
  return [...stacks]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((stack) =>
      [...stack.versions]
        .sort((a, b) => a.version - b.version)
        .map((version): RestorePlanItem => {
          const name = stackVersionName(stack.name, version.version);
          const base = { kind: 'stack-version', name, stack: stack.name } as const;
          const current = live.stacks
            .find((s) => s.name === stack.name)
            ?.versions.find((v) => v.version === version.version);
          if (current === undefined) return { ...base, action: 'create' };
          if (current.compose === version.compose) return { ...base, action: 'unchanged' };
          return {
            ...base,
            action: 'skip',
            reason: `${name} is recorded with another compose file here; the deployer's history is kept as it is`,
          };
        }),
    );
}
