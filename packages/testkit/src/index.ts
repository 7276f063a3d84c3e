export {};
export { createTestDocker, testDockerHost } from './docker-client.js';
export { uniqueName } from './docker-names.js';
export { requireDocker } from './docker-require.js';
export { removeLabeled, TEST_LABEL, withDockerCleanup, type DockerTestScope } from './docker-cleanup.js';
export { ensureTestImage, TEST_IMAGE, type TestImageOptions } from './image-busybox.js';
export { findRepoRoot, labDir } from './lab-paths.js';
export { findLabLeftovers, type LabLeftovers, type LabLocation } from './lab-leftovers.js';
export { parseEnvFile, startLab, type Lab, type LabChaosAction, type LabNode, type LabOptions } from './lab.js';
