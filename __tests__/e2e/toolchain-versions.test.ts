// Which Go the bundled action installs, against a local mirror: versions, ranges, aliases and version
// files; renamed and unlisted files; a revision build (go1.25.0-1); the index as go.dev serves it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveLikeReleases, newRunner, startMirror, toolCacheTree, type Fixture } from '../support/fixtures.ts';
import { goVersionOf, toolchainSuite } from '../support/toolchain-e2e.ts';

const { f, mirror, run, itSentNoCredentials } = await toolchainSuite();

describe('resolution', () => {
  const runner = newRunner();
  it.each([
    ['1.23 style range', () => f.older.version.split('.').slice(0, 2).join('.'), () => f.older.version],
    ['^ range', () => `^${f.older.version.split('.').slice(0, 2).join('.')}`, () => f.newer.version],
    ['stable', () => 'stable', () => f.newer.version],
    ['oldstable', () => 'oldstable', () => f.older.version],
    ['go-prefixed exact', () => f.older.goName, () => f.older.version],
  ])('%s', async (_name, spec, expected) => {
    const res = await run(runner, { 'go-version': spec(), 'go-sha256': f.pins, 'check-latest': 'true' });
    expect(res.errors).toEqual([]);
    expect(res.outputs['go-version']).toBe(expected());
  });

  it('takes a range from the tool cache without the index, unless check-latest', async () => {
    const r = newRunner();
    await run(r, { 'go-version': f.older.version, 'go-sha256': f.pins });
    const before = mirror.indexRequests().length;
    const cached = await run(r, { 'go-version': '>=1.16', 'go-sha256': f.pins });
    expect(cached.outputs['go-version']).toBe(f.older.version);
    expect(mirror.indexRequests().length).toBe(before);
    const latest = await run(r, { 'go-version': '>=1.16', 'go-sha256': f.pins, 'check-latest': 'true' });
    expect(latest.outputs['go-version']).toBe(f.newer.version);
    expect(mirror.indexRequests().length).toBe(before + 1);
  });

  describe('version files', () => {
    const minor = (v: string) => v.split('.').slice(0, 2).join('.');
    it.each([
      ['go.mod', () => `module example.com/m\n\ngo ${minor(f.older.version)}.0\n\ntoolchain ${f.older.goName}\n`, () => f.older.version],
      ['go.mod', () => `module example.com/m\n\ngo ${minor(f.older.version)}\n`, () => f.older.version],
      ['go.work', () => `go ${f.newer.version}\n\nuse .\n`, () => f.newer.version],
      ['.go-version', () => `${f.older.version}\n`, () => f.older.version],
      ['.tool-versions', () => `nodejs 20.1.0\ngolang ${f.newer.version}\n`, () => f.newer.version],
    ])('%s', async (name, text, expected) => {
      const dir = join(runner.workspace, `case-${Math.random().toString(36).slice(2)}`);
      mkdirSync(dir);
      writeFileSync(join(dir, name), text());
      const res = await run(runner, {
        'go-version-file': `${dir.slice(runner.workspace.length + 1)}/${name}`,
        'go-sha256': f.pins,
        'working-directory': dir,
      });
      expect(res.errors).toEqual([]);
      expect(res.outputs['go-version']).toBe(expected());
    });
  });

  it('warns when both go-version and go-version-file are set, and uses go-version', async () => {
    writeFileSync(join(runner.workspace, '.go-version'), f.newer.version);
    const res = await run(runner, { 'go-version': f.older.version, 'go-version-file': '.go-version', 'go-sha256': f.pins });
    expect(res.warnings.join('\n')).toContain('using go-version');
    expect(res.outputs['go-version']).toBe(f.older.version);
  });

  // A mirror that renames an official archive cannot get other bytes past the shipped table.
  const renamedMirror = () => {
    const fileName = `${f.older.goName}.linux-amd64.mirror-build.tar.gz`;
    return startMirror([
      {
        version: f.older.goName,
        stable: true,
        files: [{ filename: fileName, sha256: f.older.archive.sha256, path: f.older.archive.path }],
      },
    ]).then((m) => ({ m, fileName }));
  };

  it('rejects an official release that the mirror renamed and rebuilt, before downloading', async () => {
    const { m, fileName } = await renamedMirror();
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': minor(f.older.version) }, m);
      expect(res.code).toBe(1);
      expect(res.errors).toHaveLength(1);
      expect(res.errors[0]).toContain('title=Release index disagrees with the official checksum::');
      expect(res.errors[0]).toContain(
        `lists ${fileName} (Go's ${f.older.goName}.linux-amd64.tar.gz) with SHA-256 ${f.older.archive.sha256}`,
      );
      expect(m.downloads()).toEqual([]);
      expect(toolCacheTree(runner)).toEqual([]);
    } finally {
      await m.close();
    }
  });

  it("installs the mirror's renamed file when go-sha256 pins it by that name", async () => {
    const { m, fileName } = await renamedMirror();
    try {
      const res = await run(
        newRunner(),
        { 'go-version': minor(f.older.version), 'go-sha256': `${f.older.archive.sha256}  ${fileName}` },
        m,
      );
      expect(res.errors).toEqual([]);
      expect(res.outputs['go-archive-url']).toBe(`${m.url}/${fileName}`);
      expect(res.summary).toContain('go-sha256');
    } finally {
      await m.close();
    }
  });

  it('verifies a release the table does not cover against the index, and says so', async () => {
    // go1.99.0 is in no table: the index hash vouches for the bytes (here the repacked newer Go, so
    // the self-check then refuses the version, and nothing stays installed).
    const m = await startMirror([
      {
        version: 'go1.99.0',
        stable: true,
        files: [{ filename: 'go1.99.0.linux-amd64.tar.gz', sha256: f.newer.archive.sha256, path: f.newer.archive.path }],
      },
    ]);
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': '1.99' }, m);
      expect(res.warnings).toContainEqual(
        expect.stringContaining('go1.99.0.linux-amd64.tar.gz is not in the checksum table shipped with this action'),
      );
      expect(m.downloads()).toHaveLength(1);
      expect(res.errors).toEqual([expect.stringMatching(/title=Toolchain mismatch::/)]);
      expect(toolCacheTree(runner)).toEqual([]);
    } finally {
      await m.close();
    }
  });

  function minor(v: string) {
    return v.split('.').slice(0, 2).join('.');
  }
});

describe('a revision build (the Microsoft build of Go: go1.25.0-1)', () => {
  // The repacked test toolchain served under a revision build's name. Its VERSION file stays the
  // upstream release, as in Microsoft's archives (they keep the revision in MICROSOFT_REVISION).
  const revision = () => `${f.newer.version}-1`;
  const revisionFile = () => `go${revision()}.linux-amd64.tar.gz`;
  // Like https://aka.ms/golang/release/latest, the mirror has archives and no release index.
  const noIndexMirror = () =>
    startMirror(
      [
        {
          version: `go${revision()}`,
          stable: true,
          files: [{ filename: revisionFile(), sha256: 'f'.repeat(64), path: f.newer.archive.path }],
        },
      ],
      { indexBody: '<html>Not Found</html>' },
    );

  it('installs the revision pinned by go-sha256 into its own tool-cache slot, and proves it is the upstream release', async () => {
    const m = await noIndexMirror();
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': revision(), 'go-sha256': `${f.newer.archive.sha256}  ${revisionFile()}` }, m);
      expect(res.errors).toEqual([]);
      expect(res.code).toBe(0);
      const goroot = join(runner.toolCache, 'go', revision(), 'x64');
      expect(res.outputs).toEqual({
        'go-version': revision(),
        'go-root': goroot,
        'go-sha256': f.newer.archive.sha256,
        'go-archive-url': `${m.url}/${revisionFile()}`,
        'cache-hit': '',
      });
      // An exact version with a pin needs no index: one request, the revision's own archive.
      expect(m.requests.map((r) => r.url)).toEqual([`/${revisionFile()}`]);
      expect(toolCacheTree(runner).filter((p) => !p.startsWith(`go/${revision()}/x64/`))).toEqual([
        'go',
        `go/${revision()}`,
        `go/${revision()}/x64`,
        `go/${revision()}/x64.complete`,
        `go/${revision()}/x64.go-crossbuild.json`,
      ]);
      // The self-check expected the upstream GOVERSION, which is what this go says.
      expect(goVersionOf(goroot)).toBe(f.newer.goName);
      expect(res.stdout).toContain(`go${revision()} ready: GOROOT=${goroot}`);
      expect(res.summary).toContain(`<td>${revision()}</td>`);

      // A second run: the verified tool-cache slot, no request.
      const before = m.requests.length;
      const again = await run(runner, { 'go-version': `go${revision()}`, 'go-sha256': f.newer.archive.sha256 }, m);
      expect([again.code, again.outputs['go-version'], again.outputs['go-root']]).toEqual([0, revision(), goroot]);
      expect(m.requests.length).toBe(before);
    } finally {
      await m.close();
    }
  });

  it('fails closed without go-sha256 when the mirror has no index, naming the exact file to pin', async () => {
    const m = await noIndexMirror();
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': revision() }, m);
      expect(res.code).toBe(1);
      expect(res.errors).toHaveLength(1);
      expect(res.errors[0]).toContain(`title=No checksum to verify against::Nothing vouches for ${revisionFile()}: `);
      expect(res.errors[0]).toContain(`Pin it with go-sha256 ("HASH  ${revisionFile()}")`);
      expect(m.downloads()).toEqual([]);
      expect(toolCacheTree(runner)).toEqual([]);
      expect(res.env).toEqual({});
    } finally {
      await m.close();
    }
  });
});

describe('the index as go.dev serves it', () => {
  // Unstable releases first, source and installer files, releases before Go 1.6 with empty hashes
  // and zero sizes, and a release named go1: none of it may stop a lookup.
  it.each([
    ['a minor range', (t: Fixture) => t.newer.version.split('.').slice(0, 2).join('.'), 'newer'],
    ['stable', () => 'stable', 'newer'],
    ['oldstable', () => 'oldstable', 'older'],
  ] as const)('resolves %s', async (_, spec, want) => {
    const m = await startMirror(liveLikeReleases(f));
    try {
      const res = await run(newRunner(), { 'go-version': spec(f), 'go-sha256': f.pins }, m);
      expect(res.errors).toEqual([]);
      expect(res.outputs['go-version']).toBe(f[want].version);
      expect(m.indexRequests()).toHaveLength(1);
    } finally {
      await m.close();
    }
  });

  it('fails closed when the chosen release lists no hash, and downloads nothing', async () => {
    const m = await startMirror([
      ...liveLikeReleases(f),
      { version: 'go1.98.0', stable: true, files: [{ filename: 'go1.98.0.linux-amd64.tar.gz', sha256: '', path: f.newer.archive.path }] },
    ]);
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': '1.98' }, m);
      expect(res.code).toBe(1);
      expect(res.errors).toHaveLength(1);
      expect(res.errors[0]).toMatch(/title=No checksum to verify against::Nothing vouches for go1\.98\.0\.linux-amd64\.tar\.gz/);
      expect(m.downloads()).toEqual([]);
      expect(toolCacheTree(runner)).toEqual([]);
    } finally {
      await m.close();
    }
  });
});

itSentNoCredentials();
