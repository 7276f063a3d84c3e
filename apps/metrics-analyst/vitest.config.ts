import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // Integration tests share one Docker engine: run files one at a time.
    fileParallelism: false,
  },
});
