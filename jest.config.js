/** Test tiers: unit (pure, no servers), integration (real PostgreSQL and the Temporal
 * time-skipping server), e2e (the started app over HTTP), browser (the started app in Chromium),
 * cluster (the real Temporal server on PostgreSQL with worker and API processes, killed and
 * restarted under load), fault (`npm start` itself, its processes killed, paused and brought
 * back under load). */
const transform = { '^.+\\.(t|j)s$': ['@swc/jest'] };
// The path aliases of tsconfig.json (`@ttg/policy` → libs/policy/src, `@ttg/policy/x` → libs/policy/src/x).
const { paths } = require('./tsconfig.json').compilerOptions;
const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias.replace('/*', '/(.*)')}$`, `<rootDir>/${target.replace('/*', '/$1')}`]),
);
const base = { transform, moduleNameMapper, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    { ...base, displayName: 'cluster', testMatch: ['<rootDir>/test/cluster/**/*.test.ts'], globalSetup: '<rootDir>/test/cluster/global-setup.ts' },
    { ...base, displayName: 'fault', testMatch: ['<rootDir>/test/fault/**/*.test.ts'], globalSetup: '<rootDir>/test/fault/global-setup.ts' },
  ],
};
