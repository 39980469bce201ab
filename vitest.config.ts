import { defineConfig } from 'vitest/config';

/** Integration (the PWA test) and browser tests need the built client; unit tests do not wait for it. */
const needsClient = ['tests/support/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: needsClient },
      },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], globalSetup: needsClient } },
    ],
  },
});
