import type { CheckResult, ConfigMeta } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import { okResult, secondsSince } from './cluster-results.js';

const ID = 'object.age';

/** Secrets and configs older than `objectMaxAgeDays` (the seed asks for rotation). */
export const objectAgeAnalyzer: Analyzer = {
  id: ID,
  title: 'secret and config age',
  subjectKind: 'object',
  analyze(snapshot, { now, settings }) {
    const objects = [
      ...snapshot.secrets.map((o) => ({ kind: 'secret' as const, o })),
      ...snapshot.configs.map((o) => ({ kind: 'config' as const, o })),
    ].map((x) => ({ ...x, ageDays: Math.floor((secondsSince(x.o.createdAt, now) ?? 0) / 86_400) }));
    const results: CheckResult[] = objects
      .filter((x) => x.ageDays > settings.objectMaxAgeDays)
      .map(({ kind, o, ageDays }) => ({
        id: ID,
        status: 'warn',
        severity: kind === 'secret' ? 'medium' : 'low',
        subject: `${kind}:${o.name}`,
        message: `${kind} ${o.name} was created ${ageDays} days ago, more than the ${settings.objectMaxAgeDays} days allowed before rotation`,
        evidence: {
          id: o.id,
          name: o.name,
          stack: o.stack,
          createdAt: o.createdAt,
          ageDays,
          maxAgeDays: settings.objectMaxAgeDays,
        },
        fix: rotation(kind, o),
      }));
    if (results.length > 0) return results;
    const oldest = objects.sort((a, b) => b.ageDays - a.ageDays)[0];
    return [
      okResult(
        ID,
        `all ${snapshot.secrets.length} secret(s) and ${snapshot.configs.length} config(s) are younger than ${settings.objectMaxAgeDays} days`,
        oldest ? { oldest: { kind: oldest.kind, name: oldest.o.name, ageDays: oldest.ageDays } } : undefined,
      ),
    ];
  },
};

function rotation(kind: 'secret' | 'config', o: ConfigMeta): string {
  if (o.stack !== null) {
    return `redeploy stack ${o.stack} with the new ${kind} content: the deployer creates a new versioned ${kind}, moves the services to it and removes the old one`;
  }
  return `docker ${kind} create ${o.name}-v2 <file>; docker service update --${kind}-rm ${o.name} --${kind}-add source=${o.name}-v2,target=<same target> <each service>; then docker ${kind} rm ${o.name}`;
}
