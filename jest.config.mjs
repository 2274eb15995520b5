// Jest, as the product's design names it. TypeScript is transformed by esbuild (test/support/jest-transform.cjs)
// without type checking — `npm run typecheck` does that. Run with --experimental-vm-modules so a native
// `import()` (the sandbox host loads the app's handlers that way) works inside Jest's module registry.
// One Chromium is shared by the browser tests, so two workers suit the 2-core machines this runs on.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.(ts|tsx)$': '<rootDir>/test/support/jest-transform.cjs' },
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
  // Used when run with --coverage (`npm test` does): one summary of src/ over the tests run in this process.
  // V8's own counters need no instrumenting transform, so they work with the esbuild one above. Code that runs
  // elsewhere (the built CLI in child processes, the Custom UI in Chromium) is not counted: a figure, not a gate.
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/*.d.ts'],
  coverageReporters: ['text-summary'],
  coverageDirectory: '<rootDir>/test-results/coverage',
};
