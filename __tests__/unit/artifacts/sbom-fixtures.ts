// What the SBOM tests share: captured `go version -m` output, parsed, and a raw linux/arm/7 artifact.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBuildInfoText, type BuildInfo } from '../../../src/binaries/buildinfo.js';
import type { SbomSubject } from '../../../src/artifacts/sbom-model.js';

/** A capture from __tests__/fixtures/buildinfo, parsed. */
export const capturedInfo = (name: string) =>
  parseBuildInfoText(readFileSync(fileURLToPath(new URL(`../../fixtures/buildinfo/${name}`, import.meta.url)), 'utf8')) as BuildInfo;

/** sbomapp built for linux/arm/7 by Go 1.24.4. */
export const armInfo = capturedInfo('sbomapp-go1.24.4-linux-arm-7.txt');

/** That binary published as it is (no archive). */
export const armSubject: SbomSubject = {
  artifact: { name: 'sbomapp-linux-arm-7', sha256: 'a'.repeat(64), archive: null },
  binary: { name: 'sbomapp', sha256: 'a'.repeat(64) },
  target: { id: 'linux/arm/7', goos: 'linux', goarch: 'arm' },
  time: new Date(1_700_000_000_000),
};
