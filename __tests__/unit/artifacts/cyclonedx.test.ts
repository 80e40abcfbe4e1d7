import { cyclonedxBom } from '../../../src/artifacts/cyclonedx.js';
import { schemaErrors } from '../../support/sbom-schemas.ts';
import { armInfo, armSubject, capturedInfo } from './sbom-fixtures.js';

const read = capturedInfo;
const arm = armInfo;
const subject = armSubject;

interface Component {
  'bom-ref': string;
  name: string;
  version?: string;
  purl?: string;
  hashes?: { alg: string; content: string }[];
  properties?: { name: string; value: string }[];
  pedigree?: { ancestors: { name: string; version: string; purl: string }[] };
}
interface Bom {
  serialNumber: string;
  metadata: { timestamp: string; component: Component };
  components: Component[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

describe('cyclonedxBom', () => {
  it("is valid CycloneDX 1.6 for every captured build info, by the format's own schema", () => {
    for (const info of [arm, read('sbomapp-go1.23.5-dirty-cgo.txt')])
      expect(schemaErrors('cyclonedx', cyclonedxBom(info, subject))).toEqual([]);
    // The check can fail: a random-looking serial in capitals, a hash that is not hex.
    const bom = cyclonedxBom(arm, subject) as unknown as Bom;
    bom.serialNumber = bom.serialNumber.toUpperCase();
    bom.components[1].hashes = [{ alg: 'SHA-256', content: 'h1:7/NyXxWP4mUS9Mw9UnuM2UDYhsrmomLoazArZ4faV84=' }];
    expect(schemaErrors('cyclonedx', bom)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/serialNumber must match pattern/),
        expect.stringMatching(/^\/components\/1\/hashes\/0\/content must match pattern/),
      ]),
    );
  });

  it('describes the artifact with its hash, the cdx:gomod properties and every build setting', () => {
    const bom = cyclonedxBom(arm, subject) as unknown as Bom;
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5/);
    expect(bom.metadata.timestamp).toBe('2023-11-14T22:13:20Z');
    const c = bom.metadata.component;
    expect(c).toMatchObject({
      name: 'example.com/sbomapp',
      version: 'v0.0.0-20231114221320-f1f42fbb1c56',
      purl: 'pkg:golang/example.com/sbomapp@v0.0.0-20231114221320-f1f42fbb1c56?goarch=arm&goos=linux',
      hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }],
    });
    const props = c.properties!.map((p) => `${p.name}=${p.value}`);
    expect(props).toEqual(
      expect.arrayContaining([
        'cdx:gomod:build:env:GOOS=linux',
        'cdx:gomod:build:env:GOARCH=arm',
        'cdx:gomod:build:env:CGO_ENABLED=0',
        'cdx:gomod:build:env:GOVERSION=go1.24.4',
        'cdx:gomod:build:tag=pro',
        'cdx:gomod:build:tag=netgo',
        'cdx:gomod:binary:name=sbomapp',
        'go-crossbuild:target=linux/arm/7',
        'go-crossbuild:build:GOARM=7',
        'go-crossbuild:build:-trimpath=true',
        'go-crossbuild:build:vcs.modified=false',
      ]),
    );
  });

  it('lists every module with version, purl and h1 sum, a fork with its ancestor, all as dependencies of the artifact', () => {
    const bom = cyclonedxBom(arm, subject) as unknown as Bom;
    expect(bom.components.map((c) => [c.name, c.version])).toEqual([
      ['stdlib', '1.24.4'],
      ['example.com/greetlib', 'v1.0.0'],
      ['example.com/locallib', '(devel)'],
      ['example.com/shoutfork', 'v1.2.1'],
    ]);
    const greet = bom.components[1];
    expect(greet.hashes).toEqual([{ alg: 'SHA-256', content: 'eff3725f158fe26512f4cc3d527b8cd940d886cae6a262e86b302b6787da57ce' }]);
    expect(greet.properties).toEqual([{ name: 'go-crossbuild:module:sum', value: 'h1:7/NyXxWP4mUS9Mw9UnuM2UDYhsrmomLoazArZ4faV84=' }]);
    expect(bom.components[3].pedigree).toEqual({
      ancestors: [{ type: 'library', name: 'example.com/shoutlib', version: 'v1.2.0', purl: 'pkg:golang/example.com/shoutlib@v1.2.0' }],
    });
    expect(bom.components[2].properties).toEqual([{ name: 'go-crossbuild:module:directory', value: './locallib' }]);
    expect(bom.dependencies).toEqual([{ ref: bom.metadata.component['bom-ref'], dependsOn: bom.components.map((c) => c['bom-ref']) }]);
    expect(new Set(bom.components.map((c) => c['bom-ref'])).size).toBe(bom.components.length);
  });
});
