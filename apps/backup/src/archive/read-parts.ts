import type { BackupManifest, BackupProblem } from '@swarmops/contracts';
import {
  ArchivedConfigSchema,
  ArchivedNetworkSchema,
  ArchivedNodeSchema,
  ArchivedSecretSchema,
  ArchivedServiceSchema,
  ArchivedStackSchema,
  ArchivedSwarmSchema,
} from '@swarmops/contracts';
import { z } from 'zod';
import { ARCHIVE_PATHS } from '../domain/cluster-state.js';
import type { ArchiveContents } from '../domain/cluster-state.js';
import { stackNameOfPath } from './archive-layout.js';
import { issueProblems, problem } from './problems.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: BackupProblem[] };

function parseJsonPart<T>(path: string, data: Buffer, schema: z.ZodType<T>): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (error) {
    return {
      ok: false,
      problems: [problem('invalid-spec', path, `${path}: not valid JSON (${String(error)})`)],
    };
  }
  const result = schema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: issueProblems('invalid-spec', path, result.error) };
}

function duplicateNames(path: string, names: readonly string[]): BackupProblem[] {
  const seen = new Set<string>();
  const problems: BackupProblem[] = [];
  names.forEach((name, index) => {
    if (seen.has(name))
      problems.push(problem('invalid-spec', path, `${path}[${index}].name: ${name} appears twice`));
    seen.add(name);
  });
  return problems;
}

const LIST_PARTS = {
  nodes: ArchivedNodeSchema,
  networks: ArchivedNetworkSchema,
  configs: ArchivedConfigSchema,
  secrets: ArchivedSecretSchema,
  services: ArchivedServiceSchema,
} as const;

/**
 * Parses every part whose checksum matched against the contracts' Archived* schemas. Returns the contents
 * only when every part is valid; otherwise the problems, each naming the part and the field path.
 */
export function readParts(
  manifest: BackupManifest,
  verified: ReadonlyMap<string, Buffer>,
): { contents: ArchiveContents | null; problems: BackupProblem[] } {
  const problems: BackupProblem[] = [];
  const take = <T>(path: string, schema: z.ZodType<T>): T | undefined => {
    const data = verified.get(path);
    if (data === undefined) return undefined;
    const parsed = parseJsonPart(path, data, schema);
    if (parsed.ok) return parsed.value;
    problems.push(...parsed.problems);
    return undefined;
  };
  const swarm = take(ARCHIVE_PATHS.swarm, ArchivedSwarmSchema.nullable());
  const lists = {
    nodes: take(ARCHIVE_PATHS.nodes, z.array(LIST_PARTS.nodes)),
    networks: take(ARCHIVE_PATHS.networks, z.array(LIST_PARTS.networks)),
    configs: take(ARCHIVE_PATHS.configs, z.array(LIST_PARTS.configs)),
    secrets: take(ARCHIVE_PATHS.secrets, z.array(LIST_PARTS.secrets)),
    services: take(ARCHIVE_PATHS.services, z.array(LIST_PARTS.services)),
  };
  for (const kind of ['networks', 'configs', 'secrets', 'services'] as const) {
    const items = lists[kind];
    if (items !== undefined)
      problems.push(
        ...duplicateNames(
          `${kind}.json`,
          items.map((item) => item.name),
        ),
      );
  }
  const stacks = manifest.parts
    .filter((part) => part.kind === 'stack')
    .flatMap((part) => {
      const stack = take(part.path, ArchivedStackSchema);
      if (stack === undefined) return [];
      if (stack.name !== stackNameOfPath(part.path)) {
        problems.push(
          problem('invalid-spec', part.path, `${part.path}.name: ${stack.name} does not match the file name`),
        );
      }
      return [stack];
    });
  const database = verified.get(ARCHIVE_PATHS.database) ?? null;
  const { nodes, networks, configs, secrets, services } = lists;
  if (
    problems.length > 0 ||
    swarm === undefined ||
    nodes === undefined ||
    networks === undefined ||
    configs === undefined ||
    secrets === undefined ||
    services === undefined
  ) {
    return { contents: null, problems };
  }
  const contents = {
    clusterId: manifest.clusterId,
    swarm,
    nodes,
    networks,
    configs,
    secrets,
    services,
    stacks,
    database,
  };
  return { contents, problems };
}
