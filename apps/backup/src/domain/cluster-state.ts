import type {
  ArchivedConfig,
  ArchivedNetwork,
  ArchivedNode,
  ArchivedSecret,
  ArchivedService,
  ArchivedStack,
  ArchivedSwarm,
} from '@swarmops/contracts';

/**
 * The declared state of a swarm as backup sees it. `capture` reads it from the live cluster; an archive holds
 * one (plus the database dump); the restore plan compares the archive's against the live one.
 */
export interface ClusterState {
  clusterId: string;
  swarm: ArchivedSwarm | null;
  nodes: ArchivedNode[];
  networks: ArchivedNetwork[];
  configs: ArchivedConfig[];
  secrets: ArchivedSecret[];
  services: ArchivedService[];
  stacks: ArchivedStack[];
}

/** What an archive holds: the cluster state plus the custom-format pg_dump of the Swarmops database. */
export interface ArchiveContents extends ClusterState {
  database: Buffer | null;
}

/** File names inside the tar. Stacks are one file each: `stacks/<name>.json`. */
export const ARCHIVE_PATHS = {
  manifest: 'manifest.json',
  swarm: 'swarm.json',
  nodes: 'nodes.json',
  networks: 'networks.json',
  configs: 'configs.json',
  secrets: 'secrets.json',
  services: 'services.json',
  stackDir: 'stacks/',
  database: 'database.pgdump',
} as const;

/** The label Docker's stack deploy (and the deployer) put on every object of a stack. */
export const STACK_LABEL = 'com.docker.stack.namespace';
