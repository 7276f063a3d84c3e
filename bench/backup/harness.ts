// What bench/backup needs without vitest: testkit's vitest-free fixtures and the built apps as child
// processes (bench/health's `startApp`).
export {
  ensureTestImage,
  pgFixture,
  removeLabeled,
  startPrivateNats,
  TEST_LABEL,
  uniqueName,
} from '@swarmops/testkit/harness';
export { startApp, waitFor } from '../health/harness.js';
export type { BenchProcess } from '../health/harness.js';
