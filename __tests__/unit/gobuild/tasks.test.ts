import { DEFAULT_ARTIFACT_NAME } from '../../../src/gobuild/artifact-names.js';
import { makeTasks } from '../../../src/gobuild/tasks.js';
import { settings, stamp, t } from '../helpers.js';

// Artifact names are checked before tasks are planned: build/names.test.ts has collisions and unusable names.

describe('makeTasks', () => {
  const base = {
    project: 'app',
    template: DEFAULT_ARTIFACT_NAME,
    archive: 'auto' as const,
    archiveFiles: [{ name: 'LICENSE', source: '/w/LICENSE', mode: 0o644 }],
    settings,
    stamp,
    procs: 1,
    baseEnv: { PATH: '/bin' },
    stagingDir: '/s',
    gocacheRoot: '/c',
  };

  it('gives every target its own binary, GOCACHE and artifact', () => {
    const jobs = makeTasks({ ...base, targets: [t('linux/arm/7'), t('windows/amd64')], packages: [{ pkg: '.', name: 'app' }] });
    expect(jobs.map((j) => [j.id, j.binary, j.gocache, j.artifact, j.archive, j.env.GOCACHE])).toEqual([
      ['linux/arm/7', '/s/linux-arm-7/app', '/c/linux-arm-7', 'app-linux-arm-7.tar.gz', 'tar.gz', '/c/linux-arm-7'],
      ['windows/amd64', '/s/windows-amd64/app.exe', '/c/windows-amd64', 'app-windows-amd64.zip', 'zip', '/c/windows-amd64'],
    ]);
    expect(jobs.map((j) => j.files.map((f) => f.name))).toEqual([['LICENSE'], ['LICENSE']]);
    const bare = makeTasks({ ...base, archive: 'none', targets: [t('linux/amd64')], packages: [{ pkg: '.', name: 'app' }] });
    expect(bare[0].files).toEqual([]);
  });

  it('keeps several packages of one target apart', () => {
    const jobs = makeTasks({
      ...base,
      targets: [t('linux/amd64')],
      packages: [
        { pkg: '.', name: 'a' },
        { pkg: './cmd/b', name: 'b' },
      ],
    });
    expect(jobs.map((j) => [j.id, j.binary])).toEqual([
      ['linux/amd64 .', '/s/linux-amd64-a/a'],
      ['linux/amd64 ./cmd/b', '/s/linux-amd64-b/b'],
    ]);
  });

  it("names a target's archive after the project, which every binary of the target shares; a bare binary after itself", () => {
    const packages = [
      { pkg: './cmd/server', name: 'server' },
      { pkg: './cmd/client', name: 'client' },
    ];
    const targets = [t('linux/amd64'), t('windows/amd64')];
    const archived = makeTasks({ ...base, project: 'relay', targets, packages });
    expect(archived.map((j) => [j.id, j.artifact, j.files.length])).toEqual([
      ['linux/amd64 ./cmd/server', 'relay-linux-amd64.tar.gz', 1],
      ['linux/amd64 ./cmd/client', 'relay-linux-amd64.tar.gz', 1],
      ['windows/amd64 ./cmd/server', 'relay-windows-amd64.zip', 1],
      ['windows/amd64 ./cmd/client', 'relay-windows-amd64.zip', 1],
    ]);
    const bare = makeTasks({ ...base, archive: 'none', project: 'relay', targets, packages });
    expect(bare.map((j) => j.artifact)).toEqual([
      'server-linux-amd64',
      'client-linux-amd64',
      'server-windows-amd64.exe',
      'client-windows-amd64.exe',
    ]);
  });

  it('hands each task the go build arguments and environment of its target', () => {
    const jobs = makeTasks({ ...base, targets: [t('linux/arm/7')], packages: [{ pkg: './cmd/app', name: 'app' }] });
    expect(jobs.map((j) => [j.pkg, j.name, j.args, j.env])).toEqual([
      [
        './cmd/app',
        'app',
        [
          'build',
          '-o',
          '/s/linux-arm-7/app',
          '-trimpath',
          '-p',
          '1',
          '-ldflags=-s -w -X main.version=1.2.3',
          '-tags=pro,netgo',
          './cmd/app',
        ],
        { PATH: '/bin', GOOS: 'linux', GOARCH: 'arm', GOARM: '7', CGO_ENABLED: '0', GOCACHE: '/c/linux-arm-7' },
      ],
    ]);
  });
});
