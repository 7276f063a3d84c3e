export { captureCluster, type CaptureOptions } from './capture-cluster.js';
export { buildClusterState, type CaptureReads } from './build-cluster-state.js';
export { pgDump, splitPassword, type PgDumpOptions } from './pg-dump.js';
export { findPgDump, PG_LIB_DIR, type PgDumpLookup } from './find-pg-dump.js';
export { DEFAULT_NETWORKS } from './archive-network.js';
