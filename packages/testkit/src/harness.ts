// The vitest-free part of the testkit, for scripts outside a test run (bench/): every fixture except
// the `test.extend` ones, which load vitest.
export { createTestDocker, testDockerHost } from './docker-client.js';
export { uniqueName } from './docker-names.js';
export { requireDocker } from './docker-require.js';
export { removeLabeled, TEST_LABEL, withDockerCleanup, type DockerTestScope } from './docker-cleanup.js';
export { ensureTestImage, TEST_IMAGE, type TestImageOptions } from './image-busybox.js';
export { findRepoRoot, labDir } from './lab-paths.js';
export { findLabLeftovers, type LabLeftovers, type LabLocation } from './lab-leftovers.js';
export {
  parseEnvFile,
  startLab,
  type Lab,
  type LabChaosAction,
  type LabNode,
  type LabOptions,
} from './lab.js';
export { requireEnv, testDatabaseUrl, testNatsUrl } from './env.js';
export { uniqueStreamName, uniqueSubject } from './nats-names.js';
export { natsFixture, type NatsFixture } from './nats-fixture.js';
export { pgFixture, type PgFixture, type PgFixtureOptions } from './pg-fixture.js';
export { freePort } from './free-port.js';
export { NATS_SERVER_BIN, startPrivateNats, type PrivateNats } from './private-nats.js';
export {
  PROMETHEUS_BIN,
  renderTestPrometheusConfig,
  startPrometheus,
  type PrivatePrometheus,
  type PrometheusOptions,
  type PrometheusTarget,
} from './prometheus.js';
