import { defineConfig } from 'vitest/config';

// Tests run straight from TypeScript sources through the `@stacks-ts/source` export condition.
const conditions = ['@stacks-ts/source', 'node', 'import', 'module', 'default'];

const shared = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
};

export default defineConfig({
  ...shared,
  test: {
    pool: 'forks',
    projects: [
      {
        ...shared,
        // CI runs all projects side by side on two cores: a property test that takes 1 s alone can take 10.
        test: { name: 'unit', include: ['packages/*/test/unit/**/*.test.ts', 'scripts/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        ...shared,
        test: { name: 'vectors', include: ['test-vectors/runner/vectors.test.ts', 'packages/*/test/vectors/**/*.test.ts', 'packages/*/test/conformance/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        ...shared,
        test: { name: 'differential', include: ['packages/*/test/differential/**/*.test.ts'], testTimeout: 120_000 },
      },
      {
        ...shared,
        test: { name: 'fuzz', include: ['packages/*/test/fuzz/**/*.test.ts'], testTimeout: 600_000 },
      },
      {
        ...shared,
        test: { name: 'e2e', include: ['packages/*/test/e2e/**/*.test.ts', 'apps/*/test/e2e/**/*.test.ts'], testTimeout: 120_000 },
      },
      {
        ...shared,
        test: { name: 'perf', include: [], benchmark: { include: ['packages/*/test/perf/**/*.bench.ts'] } },
      },
    ],
  },
});
