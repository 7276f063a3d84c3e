import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration tests share one Docker engine and one inventory per cluster: run files one at a time.
    fileParallelism: false,
  },
});
