import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/pipeline/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The real-data pipeline tests share one build; running files in one worker keeps memory and time down.
    fileParallelism: false,
  },
});
