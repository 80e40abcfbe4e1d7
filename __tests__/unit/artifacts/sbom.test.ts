import { renderSbom, sbomFileName } from '../../../src/artifacts/sbom.js';
import { armInfo, armSubject } from './sbom-fixtures.js';

const info = armInfo;
const subject = armSubject;

describe('sbomFileName', () => {
  it("puts the format's suffix after the artifact's whole name", () => {
    expect(sbomFileName('hello-linux-amd64', 'spdx')).toBe('hello-linux-amd64.spdx.json');
    expect(sbomFileName('hello-windows-amd64.zip', 'cyclonedx')).toBe('hello-windows-amd64.zip.cdx.json');
  });
});

describe('renderSbom', () => {
  it.each(['spdx', 'cyclonedx'] as const)('%s: the same build gives the same bytes, another artifact other ids', (format) => {
    const a = renderSbom(format, info, subject);
    expect(renderSbom(format, structuredClone(info), { ...subject, time: new Date(1_700_000_000_000) })).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    const other = renderSbom(format, info, { ...subject, artifact: { ...subject.artifact, sha256: 'c'.repeat(64) } });
    expect(other).not.toBe(a);
    // No clock, no randomness: nothing but the build's time stamps the document.
    expect(a.match(/20\d\d-\d\d-\d\dT[\d:]+Z/g)!.every((d) => d === '2023-11-14T22:13:20Z')).toBe(true);
  });
});
