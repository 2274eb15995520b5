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
};
