// The test harness for code that runs outside jest (bench/, scripts/demo.mjs and the scripts that
// look for local toolchains): everything but fixtures.ts and toolchain-e2e.ts, which register jest
// hooks. Node 24 loads these files as they are, by type stripping: relative imports name the .ts
// file, and only erasable TypeScript is used (tsconfig.strip.json checks both).
export * from './cache-service.ts';
export * from './goproxy.ts';
export * from './mirror.ts';
export * from './preinstalled.ts';
export * from './runner.ts';
export * from './toolchains.ts';
