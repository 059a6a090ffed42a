import { defineConfig } from 'vitest/config'

// One config, one project per package (filter with `--project`). Tests live in test/<package>/
// mirroring the package paths. The browser suite (test/e2e) is its own project because it needs a
// built studio and Chromium; `pnpm test` runs it too when Chromium is installed.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'engine', include: ['test/engine/**/*.test.ts', 'test/rules/**/*.test.ts'] } },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts', 'test/migrations/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'studio', include: ['test/studio/**/*.test.ts'] } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
