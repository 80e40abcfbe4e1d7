/** Jest in ESM mode (the @actions/* packages are ESM-only): ts-jest compiles the tests and sources. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: { ignoreCodes: ['TS151001'] } }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // e2e tests share a mirror build and the machine's two cores.
  maxWorkers: 2,
  testTimeout: 120_000,
};
