import type { Analyzer } from '../analyzer.js';
import { managerLeaderAnalyzer } from './manager-leader.js';
import { managerQuorumAnalyzer } from './manager-quorum.js';
import { nodeAvailabilityAnalyzer } from './node-availability.js';
import { nodeDiskAnalyzer } from './node-disk.js';
import { nodeEngineVersionAnalyzer } from './node-engine-version.js';
import { nodeFlappingAnalyzer } from './node-flapping.js';
import { nodeReservationsAnalyzer } from './node-reservations.js';
import { nodeStatusAnalyzer } from './node-status.js';
import { objectAgeAnalyzer } from './object-age.js';
import {
  platformJetstreamAnalyzer,
  platformNatsAnalyzer,
  platformPostgresAnalyzer,
} from './platform-core.js';
import { platformInventoryAnalyzer } from './platform-inventory.js';
import { platformServiceAnalyzer } from './platform-service.js';
import { swarmCaExpiryAnalyzer } from './swarm-ca-expiry.js';
import { swarmNodeCertAnalyzer } from './swarm-node-cert.js';

/** Node, manager, swarm certificate, resource, object-age and platform analyzers. */
export const NODE_ANALYZERS: Analyzer[] = [
  nodeStatusAnalyzer,
  nodeAvailabilityAnalyzer,
  nodeFlappingAnalyzer,
  managerQuorumAnalyzer,
  managerLeaderAnalyzer,
  nodeEngineVersionAnalyzer,
  nodeReservationsAnalyzer,
  nodeDiskAnalyzer,
  swarmCaExpiryAnalyzer,
  swarmNodeCertAnalyzer,
  objectAgeAnalyzer,
  platformNatsAnalyzer,
  platformJetstreamAnalyzer,
  platformPostgresAnalyzer,
  platformInventoryAnalyzer,
  platformServiceAnalyzer,
];
