/**
 * Jest in native-ESM mode (NestJS 12 is ESM-only): ts-jest transpiles each file
 * on its own (isolatedModules); `npm run typecheck` does the type checking.
 */
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }] },
};

export default {
  // testTimeout is a global option (projects ignore it): e2e tests start servers and move real data.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // The partner SDK's own unit tests (its e2e tests drive a hub, so they live with the hub's, in test/e2e).
    { ...common, displayName: 'sdk', testMatch: ['<rootDir>/partner-sdk/test/**/*.test.ts'] },
    { ...common, displayName: 'tlog', testMatch: ['<rootDir>/transparency-log/test/**/*.test.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
