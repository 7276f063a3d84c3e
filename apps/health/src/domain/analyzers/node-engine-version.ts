import type { Node } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import { nodeFacts, nodeSubject, okResult } from './cluster-results.js';

const ID = 'node.engine-version';

/** Nodes whose Docker Engine version differs from the one most nodes run (ties: the newest). */
export const nodeEngineVersionAnalyzer: Analyzer = {
  id: ID,
  title: 'Docker Engine version skew between nodes',
  subjectKind: 'node',
  analyze(snapshot) {
    const known = snapshot.nodes.filter(
      (n): n is Node & { engineVersion: string } => typeof n.engineVersion === 'string',
    );
    const versions = new Map<string, string[]>();
    for (const n of known)
      versions.set(n.engineVersion, [...(versions.get(n.engineVersion) ?? []), n.hostname]);
    if (versions.size <= 1) {
      const only = [...versions.keys()][0];
      return [
        okResult(
          ID,
          only
            ? `all ${known.length} nodes run Docker Engine ${only}`
            : 'no node reported its engine version',
          { versions: Object.fromEntries(versions) },
        ),
      ];
    }
    const reference = [...versions.entries()].sort(
      (a, b) => b[1].length - a[1].length || compareVersions(b[0], a[0]),
    )[0]![0];
    const all = Object.fromEntries(versions);
    return known
      .filter((n) => n.engineVersion !== reference)
      .map((n) => ({
        id: ID,
        status: 'warn' as const,
        severity: major(n.engineVersion) !== major(reference) ? ('medium' as const) : ('low' as const),
        subject: nodeSubject(n),
        message: `${n.hostname} runs Docker Engine ${n.engineVersion} while most nodes run ${reference}`,
        evidence: { ...nodeFacts(n), engineVersion: n.engineVersion, reference, versions: all },
        fix:
          compareVersions(n.engineVersion, reference) < 0
            ? `upgrade Docker Engine on ${n.hostname} to ${reference} (drain it first: docker node update --availability drain ${n.hostname})`
            : `finish the upgrade: bring the other nodes to ${n.engineVersion}, managers first, one at a time`,
      }));
  },
};

function major(version: string): string {
  return version.split('.')[0] ?? version;
}

/** Compares the numeric parts of two engine versions (`20.10.24+dfsg1` < `24.0.7`). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[^0-9]+/)
      .filter(Boolean)
      .map(Number);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
