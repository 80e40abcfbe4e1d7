import { binaryNames, groupBuilt, type Groupable } from '../../../src/artifacts/artifact-groups.js';
import { t } from '../helpers.js';

const built = (target: string, binary: string, artifact: string, archive: Groupable['archive']): Groupable => ({
  target: t(target),
  binary: `/s/${target.replace(/\//g, '-')}-${binary}/${binary}`,
  artifact,
  archive,
  files: archive ? [{ name: 'LICENSE', source: '/w/LICENSE', mode: 0o644 }] : [],
});

describe('groupBuilt', () => {
  it("puts a target's binaries in its one archive, in the order built, and keeps archives in target order", () => {
    const groups = groupBuilt([
      built('linux/amd64', 'server', 'relay-linux-amd64.tar.gz', 'tar.gz'),
      built('linux/amd64', 'client', 'relay-linux-amd64.tar.gz', 'tar.gz'),
      built('windows/amd64', 'server.exe', 'relay-windows-amd64.zip', 'zip'),
      built('windows/amd64', 'client.exe', 'relay-windows-amd64.zip', 'zip'),
    ]);
    expect(groups.map((g) => [g.artifact, g.archive, g.files.map((f) => f.name), binaryNames(g)])).toEqual([
      ['relay-linux-amd64.tar.gz', 'tar.gz', ['LICENSE'], ['server', 'client']],
      ['relay-windows-amd64.zip', 'zip', ['LICENSE'], ['server.exe', 'client.exe']],
    ]);
  });

  it('keeps each bare binary its own artifact, listed under its own file name', () => {
    const groups = groupBuilt([
      built('linux/amd64', 'server', 'server-linux-amd64', null),
      built('linux/amd64', 'client', 'client-linux-amd64', null),
    ]);
    expect(groups.map((g) => [g.artifact, g.builds.length, binaryNames(g)])).toEqual([
      ['server-linux-amd64', 1, ['server-linux-amd64']],
      ['client-linux-amd64', 1, ['client-linux-amd64']],
    ]);
  });

  it('refuses a name two targets or two bare binaries would write, which the name check should have stopped', () => {
    expect(() => groupBuilt([built('linux/amd64', 'a', 'x.tar.gz', 'tar.gz'), built('linux/arm64', 'b', 'x.tar.gz', 'tar.gz')])).toThrow(
      'x.tar.gz would be written twice (linux/amd64, linux/arm64)',
    );
    expect(() => groupBuilt([built('linux/amd64', 'a', 'x', null), built('linux/amd64', 'b', 'x', null)])).toThrow(
      'x would be written twice',
    );
  });
});
