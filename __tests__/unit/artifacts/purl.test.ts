import { golangPurl } from '../../../src/artifacts/purl.js';

describe('golangPurl', () => {
  it('splits the module path into namespace and name, lowercased, as the golang type says', () => {
    expect(golangPurl('github.com/Azure/azure-sdk-for-go/sdk/azcore', 'v1.11.1')).toBe(
      'pkg:golang/github.com/azure/azure-sdk-for-go/sdk/azcore@v1.11.1',
    );
    expect(golangPurl('stdlib', '1.24.4')).toBe('pkg:golang/stdlib@1.24.4');
  });

  it("percent-encodes what purl does not keep, and leaves out a version Go's (devel) or '' stands for", () => {
    expect(golangPurl('example.com/m', 'v2.0.0+incompatible')).toBe('pkg:golang/example.com/m@v2.0.0%2Bincompatible');
    expect(golangPurl('example.com/m', 'v0.0.0-20231114221320-f1f42fbb1c56+dirty')).toBe(
      'pkg:golang/example.com/m@v0.0.0-20231114221320-f1f42fbb1c56%2Bdirty',
    );
    expect(golangPurl('example.com/m', '(devel)')).toBe('pkg:golang/example.com/m');
    expect(golangPurl('example.com/m', '')).toBe('pkg:golang/example.com/m');
  });

  it('writes qualifiers sorted and a main package below the module root as the subpath', () => {
    expect(golangPurl('example.com/hello', 'v1.2.3', 'cmd/helper', { goos: 'linux', goarch: 'arm64' })).toBe(
      'pkg:golang/example.com/hello@v1.2.3?goarch=arm64&goos=linux#cmd/helper',
    );
    expect(golangPurl('example.com/hello', undefined, '../x/./y')).toBe('pkg:golang/example.com/hello#x/y');
  });
});
