import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/pipeline/**/*.test.ts'],
    globalSetup: ['tests/pipeline/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
