import { z } from 'zod';
import { LabelsSchema, TimestampSchema } from '../model/common.js';

/** The archive layout this code writes and reads. A reader refuses any other version with a clear error. */
export const BACKUP_FORMAT_VERSION = 1;

/** A backup's name: its UTC start time then 8 random hex digits, e.g. `20261127T224100Z-3f9a1c2b`. Sorts by time. */
export const BackupIdSchema = z
  .string()
  .regex(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/, 'expected a backup id such as 20261127T224100Z-3f9a1c2b');
export type BackupId = z.infer<typeof BackupIdSchema>;

/** How many objects of each kind a backup holds (the fixed `backup_configs` reply field). */
export const BackupCountsSchema = z.object({
  stacks: z.number().int().nonnegative(),
  services: z.number().int().nonnegative(),
  networks: z.number().int().nonnegative(),
  configs: z.number().int().nonnegative(),
  secrets: z.number().int().nonnegative(),
  nodes: z.number().int().nonnegative().default(0),
  stackVersions: z.number().int().nonnegative().default(0),
});
export type BackupCounts = z.infer<typeof BackupCountsSchema>;

/** What a part of the archive holds. */
export const ArchivePartKind = {
  swarm: 'swarm',
  nodes: 'nodes',
  networks: 'networks',
  configs: 'configs',
  secrets: 'secrets',
  services: 'services',
  stack: 'stack',
  database: 'database',
} as const;
export type ArchivePartKind = (typeof ArchivePartKind)[keyof typeof ArchivePartKind];
export const ArchivePartKindSchema = z.enum(
  Object.values(ArchivePartKind) as [ArchivePartKind, ...ArchivePartKind[]],
);

/** One file inside the archive, with the checksum verify recomputes. */
export const ManifestPartSchema = z.object({
  /** Path inside the tar, e.g. `services.json`, `stacks/shop.json`, `database.pgdump`. */
  path: z.string().min(1),
  kind: ArchivePartKindSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
});
export type ManifestPart = z.infer<typeof ManifestPartSchema>;

/** `manifest.json`, the first entry of every archive. */
export const BackupManifestSchema = z.object({
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  backupId: BackupIdSchema,
  clusterId: z.string().min(1),
  createdAt: TimestampSchema,
  swarmopsVersion: z.string().min(1),
  /** The stacks asked for, or null for everything. */
  stacks: z.array(z.string()).nullable(),
  counts: BackupCountsSchema,
  parts: z.array(ManifestPartSchema).min(1),
  /** What this archive cannot restore, said plainly (e.g. secret values). */
  limitations: z.array(z.string()).default([]),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/**
 * A Docker object spec exactly as the engine returns it, validated for the fields restore relies on and
 * otherwise kept whole (unknown fields pass through untouched).
 */
const DockerSpecSchema = z.looseObject({ Name: z.string().min(1), Labels: LabelsSchema.optional() });

/** A service spec as `docker service inspect` shows `.Spec`. References to networks, configs and secrets keep their names. */
export const ArchivedServiceSpecSchema = DockerSpecSchema.extend({
  TaskTemplate: z.looseObject({
    ContainerSpec: z.looseObject({ Image: z.string().min(1) }).optional(),
  }),
  Mode: z.looseObject({}).optional(),
});

/** `services.json` items. `networkNames` maps each network id in the spec to its name at backup time. */
export const ArchivedServiceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  stack: z.string().nullable(),
  spec: ArchivedServiceSpecSchema,
  networkNames: z.record(z.string(), z.string()).default({}),
  createdAt: TimestampSchema.nullable().default(null),
});
export type ArchivedService = z.infer<typeof ArchivedServiceSchema>;

/** `networks.json` items: every network that is not a Docker default (`ingress`, `bridge`, `host`, `none`, `docker_gwbridge`). */
export const ArchivedNetworkSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  stack: z.string().nullable(),
  /** Fields of `docker network inspect` that create it again: Driver, Scope, Attachable, Internal, Ingress, IPAM, Options, Labels, EnableIPv6, ConfigOnly, ConfigFrom. */
  spec: z.looseObject({ Name: z.string().min(1), Driver: z.string().min(1) }),
});
export type ArchivedNetwork = z.infer<typeof ArchivedNetworkSchema>;

/** `configs.json` items: the config spec with its data (base64, as Docker returns it). */
export const ArchivedConfigSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  stack: z.string().nullable(),
  spec: DockerSpecSchema.extend({ Data: z.string() }),
  createdAt: TimestampSchema.nullable().default(null),
});
export type ArchivedConfig = z.infer<typeof ArchivedConfigSchema>;

/** `secrets.json` items: metadata only. Docker never returns a secret's value. */
export const ArchivedSecretSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  stack: z.string().nullable(),
  /** The spec without data: Name, Labels, Driver, Templating. */
  spec: DockerSpecSchema,
  createdAt: TimestampSchema.nullable().default(null),
});
export type ArchivedSecret = z.infer<typeof ArchivedSecretSchema>;

/** `nodes.json` items: what restore can set again on a node with the same hostname. */
export const ArchivedNodeSchema = z.object({
  id: z.string().min(1),
  hostname: z.string().min(1),
  role: z.enum(['manager', 'worker']),
  availability: z.enum(['active', 'pause', 'drain']),
  labels: LabelsSchema,
});
export type ArchivedNode = z.infer<typeof ArchivedNodeSchema>;

/** `swarm.json`: the swarm's settings (`docker info` / swarm inspect `.Spec`), without join tokens or keys. */
export const ArchivedSwarmSchema = z.object({
  clusterId: z.string().min(1),
  createdAt: TimestampSchema.nullable(),
  spec: z.looseObject({}),
});
export type ArchivedSwarm = z.infer<typeof ArchivedSwarmSchema>;

/** One deployed version of a stack, from the deployer's records. */
export const ArchivedStackVersionSchema = z.object({
  version: z.number().int().positive(),
  compose: z.string().min(1),
  /** Interpolation values recorded with the version. */
  env: z.record(z.string(), z.string()).default({}),
  strategy: z.string().min(1),
  deployedAt: TimestampSchema,
});
export type ArchivedStackVersion = z.infer<typeof ArchivedStackVersionSchema>;

/** `stacks/<name>.json`: every recorded version, oldest first, and the names of its live services. */
export const ArchivedStackSchema = z.object({
  name: z.string().min(1),
  versions: z.array(ArchivedStackVersionSchema),
  services: z.array(z.string()),
});
export type ArchivedStack = z.infer<typeof ArchivedStackSchema>;
