// The toolchain set-up through the bundled action, as the runner runs it, against a local mirror.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fixture,
  liveLikeReleases,
  newRunner,
  releases,
  runAction,
  startMirror,
  toolCacheTree,
  type Fixture,
  type Mirror,
  type Runner,
} from '../support/fixtures.ts';
import { preinstall, toolchainModuleH1 } from '../support/preinstalled.ts';
import { startCacheService } from '../support/cache-service.ts';

// Every run carries tokens; the last test checks that none reached the mirror.
// The runner's own credentials: none of them is ever sent to a mirror (the token input is tested apart).
const SECRETS = { GITHUB_TOKEN: 'ghs_neverSendMe', ACTIONS_RUNTIME_TOKEN: 'rt_neverSendMe' };
const allRequests: Mirror['requests'] = [];

let f: Fixture;
let mirror: Mirror;

beforeAll(async () => {
  f = await fixture();
  mirror = await startMirror(releases(f));
});
afterAll(async () => {
  allRequests.push(...mirror.requests);
  await mirror.close();
});

async function run(runner: Runner, inputs: Record<string, string>, m: Mirror = mirror, env: Record<string, string> = {}) {
  const res = await runAction(runner, { inputs: { 'go-download-base-url': m.url, ...inputs }, env: { ...SECRETS, ...env } });
  if (m !== mirror) allRequests.push(...m.requests);
  return res;
}

function goVersionOf(goroot: string): string {
  return execFileSync(join(goroot, 'bin', 'go'), ['env', 'GOVERSION'], { env: { ...process.env, GOROOT: goroot, GOTOOLCHAIN: 'local' } })
    .toString()
    .trim();
}

describe('a verified install', () => {
  it('installs an exact version, proves it and exports the environment', async () => {
    const runner = newRunner();
    const before = mirror.requests.length;
    const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': f.pins });
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);

    const goroot = join(runner.toolCache, 'go', f.newer.version, 'x64');
    expect(res.outputs).toEqual({
      'go-version': f.newer.version,
      'go-root': goroot,
      'go-sha256': f.newer.archive.sha256,
      'go-archive-url': `${mirror.url}/${f.newer.archive.fileName}`,
      // No cache service in these runs: set-up only, nothing restored.
      'cache-hit': '',
    });
    // GOROOT is left to go, as setup-go leaves it: the job had none to replace, and go finds its own.
    expect(res.env).toEqual({ GOTOOLCHAIN: 'local' });
    const withoutGoroot = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'GOROOT'));
    const found = execFileSync(join(goroot, 'bin', 'go'), ['env', 'GOROOT'], { env: { ...withoutGoroot, GOTOOLCHAIN: 'local' } });
    expect(found.toString().trim()).toBe(goroot);
    expect(res.path).toEqual([join(runner.dir, 'go', 'bin'), join(goroot, 'bin')]);
    expect(goVersionOf(goroot)).toBe(f.newer.goName);
    // setup-go's layout plus our record of the verified hash; no staging left over.
    expect(toolCacheTree(runner)).toEqual([
      'go',
      `go/${f.newer.version}`,
      `go/${f.newer.version}/x64`,
      `go/${f.newer.version}/x64.complete`,
      `go/${f.newer.version}/x64.go-crossbuild.json`,
      ...toolCacheTree(runner).filter((p) => p.startsWith(`go/${f.newer.version}/x64/`)),
    ]);
    expect(JSON.parse(readFileSync(join(runner.toolCache, 'go', f.newer.version, 'x64.go-crossbuild.json'), 'utf8')).sha256).toBe(
      f.newer.archive.sha256,
    );
    // An exact version with a pin needs no index: one request, the archive.
    expect(mirror.requests.slice(before).map((r) => r.url)).toEqual([`/${f.newer.archive.fileName}`]);
    // The repacked bytes are not Go's: the pin wins, with a warning naming the official hash.
    expect(res.warnings.join('\n')).toContain('installing the pinned bytes');
    expect(res.stdout).toContain('::group::go env');
    expect(res.summary).toContain(f.newer.archive.sha256);
  });

  it('serves a second run from the tool cache without any request', async () => {
    const runner = newRunner();
    await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    const before = mirror.requests.length;
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    expect(res.code).toBe(0);
    expect(mirror.requests.length).toBe(before);
    expect(res.stdout).toContain('from the tool cache');
    expect(res.summary).toContain('tool cache');
  });

  it('replaces a GOROOT the job already has, which would make the pinned go run another tree', async () => {
    const runner = newRunner();
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins }, mirror, { GOROOT: f.newer.goroot() });
    expect(res.code).toBe(0);
    expect(res.env).toEqual({ GOROOT: res.outputs['go-root'], GOTOOLCHAIN: 'local' });
    expect(goVersionOf(res.outputs['go-root'])).toBe(f.older.goName);
  });

  it('registers the Go problem matchers for later steps, unless problem-matchers is false', async () => {
    const runner = newRunner();
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    const added = res.stdout.split('\n').filter((l) => l.startsWith('::add-matcher::'));
    expect(added).toHaveLength(1);
    const matchers = JSON.parse(readFileSync(added[0].slice('::add-matcher::'.length).trim(), 'utf8'));
    expect(matchers.problemMatcher.map((m: { owner: string }) => m.owner)).toEqual(['go-crossbuild-go', 'go-crossbuild-go-test']);
    const off = await run(newRunner(), { 'go-version': f.older.version, 'go-sha256': f.pins, 'problem-matchers': 'false' });
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('::add-matcher::');
  });

  it('never trusts a tool-cache directory without a matching record or module hash', async () => {
    const runner = newRunner();
    // What setup-go (or anyone) leaves: a tree and a .complete marker, no verified hash, and no
    // toolchain module hash known for it (go-sha256 has none, nor has the table for this release).
    const planted = join(runner.toolCache, 'go', f.older.version, 'x64');
    mkdirSync(join(planted, 'bin'), { recursive: true });
    writeFileSync(join(planted, 'bin', 'go'), '#!/bin/sh\necho planted\n', { mode: 0o755 });
    writeFileSync(`${planted}.complete`, '');
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Preinstalled Go ${f.older.version} at ${planted} cannot be verified: no toolchain module hash is known`);
    expect(res.stdout).toContain('Downloading');
    expect(goVersionOf(planted)).toBe(f.older.goName);

    // A record for other bytes is no better.
    const record = join(runner.toolCache, 'go', f.older.version, 'x64.go-crossbuild.json');
    writeFileSync(record, JSON.stringify({ ...JSON.parse(readFileSync(record, 'utf8')), sha256: 'e'.repeat(64) }));
    const again = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Downloading');
  });
});

describe('a Go tree preinstalled in the tool cache', () => {
  // Laid out as the runner images and setup-go lay it out, from the archive the mirror serves, and
  // its toolchain module hash computed by the test harness on its own.
  const moduleLine = (t: Fixture['newer'], h1: string) => `golang.org/toolchain v0.0.1-${t.goName}.linux-amd64 ${h1}`;
  const record = (runner: Runner, version: string) => join(runner.toolCache, 'go', version, 'x64.go-crossbuild.json');
  let h1: { newer: string; older: string };
  beforeAll(() => {
    const r = newRunner();
    h1 = {
      newer: toolchainModuleH1(preinstall(r.toolCache, f.newer.archive, f.newer.version), `v0.0.1-${f.newer.goName}.linux-amd64`),
      older: toolchainModuleH1(preinstall(r.toolCache, f.older.archive, f.older.version), `v0.0.1-${f.older.goName}.linux-amd64`),
    };
    rmSync(r.dir, { recursive: true, force: true });
  });

  it('is used in place, with no download, when its files match the h1 that go-sha256 pins', async () => {
    const runner = newRunner();
    const dir = preinstall(runner.toolCache, f.newer.archive, f.newer.version);
    const before = mirror.requests.length;
    // The h1 line alone: the shipped table still vouches for the archive, which is not needed.
    const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': moduleLine(f.newer, h1.newer) });
    expect([res.code, res.errors]).toEqual([0, []]);
    // No warning about the toolchain (the job has no cache service, which is said once).
    expect(res.warnings.filter((w) => !w.includes('cache service'))).toEqual([]);
    expect(mirror.requests.slice(before)).toEqual([]);
    const used = res.stdout.split('\n').filter((l) => l.includes('verified against the toolchain module hash'));
    expect(used).toHaveLength(1);
    expect(used[0]).toContain(
      `Using preinstalled ${f.newer.goName} at ${dir}: verified against the toolchain module hash ${h1.newer} of golang.org/toolchain@v0.0.1-${f.newer.goName}.linux-amd64 (from go-sha256;`,
    );
    expect(res.outputs).toMatchObject({ 'go-version': f.newer.version, 'go-root': dir, 'go-sha256': '', 'go-archive-url': '' });
    expect(res.summary).toContain('toolchain module hash (go-sha256)');
    expect(res.summary).toContain(h1.newer);
    expect(res.summary).toContain('tool cache (preinstalled)');
    expect(goVersionOf(dir)).toBe(f.newer.goName);
    // Used as found: no record of ours is written, so the next run checks it again.
    expect(existsSync(record(runner, f.newer.version))).toBe(false);
    expect(existsSync(`${dir}.complete`)).toBe(true);
  });

  it.each([
    ['one changed byte of src/fmt/print.go', (dir: string) => appendFileSync(join(dir, 'src', 'fmt', 'print.go'), ' ')],
    ['a file added to bin/', (dir: string) => writeFileSync(join(dir, 'bin', 'go-helper'), '#!/bin/sh\n', { mode: 0o755 })],
  ])('is refused with %s, and replaced by the verified archive', async (_name, tamper) => {
    const runner = newRunner();
    const dir = preinstall(runner.toolCache, f.newer.archive, f.newer.version);
    tamper(dir);
    const before = mirror.downloads().length;
    const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': `${f.pins}\n${moduleLine(f.newer, h1.newer)}` });
    expect([res.code, res.errors]).toEqual([0, []]);
    const refused = res.warnings.filter((w) => w.includes('cannot be verified'));
    expect(refused).toHaveLength(1);
    const [head, tail] = refused[0].split(' its files hash to ');
    expect(head).toBe(`::warning::Preinstalled Go ${f.newer.version} at ${dir} cannot be verified:`);
    expect(tail).toMatch(/^h1:[A-Za-z0-9+/]{43}=, not /);
    expect(tail.endsWith(`, not ${h1.newer}; installing the verified archive`)).toBe(true);
    expect(mirror.downloads().length).toBe(before + 1);
    expect(res.stdout).toContain(`Verified SHA-256 ${f.newer.archive.sha256} of ${f.newer.archive.fileName}`);
    expect(res.outputs).toMatchObject({ 'go-root': dir, 'go-sha256': f.newer.archive.sha256 });
    // The slot holds the archive's tree now, recorded, and nothing else is left.
    expect(toolchainModuleH1(dir, `v0.0.1-${f.newer.goName}.linux-amd64`)).toBe(h1.newer);
    expect(existsSync(join(dir, 'bin', 'go-helper'))).toBe(false);
    expect(JSON.parse(readFileSync(record(runner, f.newer.version), 'utf8')).sha256).toBe(f.newer.archive.sha256);
    expect(toolCacheTree(runner).filter((p) => !p.startsWith(`go/${f.newer.version}/x64/`))).toEqual([
      'go',
      `go/${f.newer.version}`,
      `go/${f.newer.version}/x64`,
      `go/${f.newer.version}/x64.complete`,
      `go/${f.newer.version}/x64.go-crossbuild.json`,
    ]);
    expect(goVersionOf(dir)).toBe(f.newer.goName);
  });

  it('says it cannot be verified when no h1 is known, and installs the archive', async () => {
    const runner = newRunner();
    const dir = preinstall(runner.toolCache, f.older.archive, f.older.version);
    const before = mirror.downloads().length;
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    expect([res.code, res.errors]).toEqual([0, []]);
    const lines = res.stdout.split('\n').filter((l) => l.includes('cannot be verified'));
    expect(lines).toEqual([
      `Preinstalled Go ${f.older.version} at ${dir} cannot be verified: no toolchain module hash is known for it (go-sha256 has no "golang.org/toolchain v0.0.1-${f.older.goName}.linux-amd64 h1:…" line, and the checksum table shipped with this action has none); installing the verified archive`,
    ]);
    expect(mirror.downloads().length).toBe(before + 1);
    expect(existsSync(record(runner, f.older.version))).toBe(true);
    expect(res.summary).toContain('download');
  });

  it('lets a range settle on it only when a hash can verify it', async () => {
    const runner = newRunner();
    preinstall(runner.toolCache, f.older.archive, f.older.version);
    preinstall(runner.toolCache, f.newer.archive, f.newer.version);
    // Only the older tree has a known h1: the range takes it from the tool cache, without the index.
    const before = mirror.requests.length;
    const res = await run(runner, { 'go-version': '>=1.16', 'go-sha256': `${f.pins}\n${moduleLine(f.older, h1.older)}` });
    expect([res.code, res.errors]).toEqual([0, []]);
    expect(res.outputs['go-version']).toBe(f.older.version);
    expect(mirror.requests.slice(before)).toEqual([]);
    expect(res.stdout).toContain(`>=1.16 matches ${f.older.version} in the tool cache`);
    expect(res.stdout.split('\n').filter((l) => l.includes('preinstalled') || l.includes('Preinstalled'))).toHaveLength(1);
    // Without a hash for either, the trees are no candidates: the index decides, and the newest is installed.
    const fresh = newRunner();
    preinstall(fresh.toolCache, f.older.archive, f.older.version);
    const res2 = await run(fresh, { 'go-version': '>=1.16', 'go-sha256': f.pins });
    expect(res2.outputs['go-version']).toBe(f.newer.version);
    expect(res2.stdout).not.toContain('Preinstalled');
  });

  it('is left as it was when the archive that would replace it fails its hash', async () => {
    const m = await startMirror(releases(f), { flipByteOf: f.newer.archive.fileName });
    try {
      const runner = newRunner();
      const dir = preinstall(runner.toolCache, f.newer.archive, f.newer.version);
      appendFileSync(join(dir, 'src', 'fmt', 'print.go'), ' ');
      const tampered = toolchainModuleH1(dir, `v0.0.1-${f.newer.goName}.linux-amd64`);
      const treeBefore = toolCacheTree(runner);
      const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': `${f.pins}\n${moduleLine(f.newer, h1.newer)}` }, m);
      expect(res.code).toBe(1);
      expect(res.errors).toEqual([expect.stringContaining('title=SHA-256 mismatch::')]);
      expect(toolCacheTree(runner)).toEqual(treeBefore);
      expect(toolchainModuleH1(dir, `v0.0.1-${f.newer.goName}.linux-amd64`)).toBe(tampered);
    } finally {
      await m.close();
    }
  });
});

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

describe('where from and for what', () => {
  it('takes the mirror from env GO_DOWNLOAD_BASE_URL when the input is empty', async () => {
    const before = mirror.downloads().length;
    const res = await runAction(newRunner(), {
      inputs: { 'go-version': f.older.version, 'go-sha256': f.pins },
      env: { ...SECRETS, GO_DOWNLOAD_BASE_URL: `${mirror.url}/` },
    });
    expect(res.errors).toEqual([]);
    expect(res.outputs['go-archive-url']).toBe(`${mirror.url}/${f.older.archive.fileName}`);
    expect(mirror.downloads().length).toBe(before + 1);
  });

  it('follows the mirror to another host for the archive, as go.dev/dl redirects to its download host', async () => {
    const files = await startMirror(releases(f));
    const front = await startMirror(releases(f), { redirectTo: files.url });
    try {
      const res = await run(newRunner(), { 'go-version': f.older.version, 'go-sha256': f.pins }, front);
      allRequests.push(...files.requests);
      expect([res.code, res.errors]).toEqual([0, []]);
      expect(front.downloads().map((r) => r.url)).toEqual([`/${f.older.archive.fileName}`]);
      expect(files.downloads().map((r) => r.url)).toEqual([`/${f.older.archive.fileName}`]);
      expect(res.outputs['go-archive-url']).toBe(`${front.url}/${f.older.archive.fileName}`);
    } finally {
      await files.close();
      await front.close();
    }
  });

  it('architecture picks the archive and the tool-cache slot', async () => {
    // The host's own bytes under the arm64 name, so that the self-check can still run them here.
    const file = `${f.newer.goName}.linux-arm64.tar.gz`;
    const m = await startMirror([
      {
        version: f.newer.goName,
        stable: true,
        files: [{ filename: file, arch: 'arm64', sha256: f.newer.archive.sha256, path: f.newer.archive.path }],
      },
    ]);
    try {
      const runner = newRunner();
      const res = await run(
        runner,
        { 'go-version': 'stable', architecture: 'aarch64', 'go-sha256': `${f.newer.archive.sha256}  ${file}` },
        m,
      );
      expect(res.errors).toEqual([]);
      expect(m.downloads().map((r) => r.url)).toEqual([`/${file}`]);
      expect(res.outputs['go-root']).toBe(join(runner.toolCache, 'go', f.newer.version, 'arm64'));
    } finally {
      await m.close();
    }
  });
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

describe('no version: the Go on PATH, as setup-go uses it', () => {
  it('uses the go it finds, unverified, says so once, asks no mirror, and keys its own module cache', async () => {
    const runner = newRunner();
    writeFileSync(join(runner.workspace, 'go.sum'), '');
    const goroot = f.older.goroot();
    const withoutGoroot = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'GOROOT'));
    const reported = execFileSync(join(goroot, 'bin', 'go'), ['env', 'GOROOT'], { env: { ...withoutGoroot, GOTOOLCHAIN: 'local' } })
      .toString()
      .trim();
    const service = await startCacheService();
    const before = mirror.requests.length;
    try {
      // No go-version, no go-version-file; a mirror in the environment that must not be asked.
      const res = await runAction(runner, {
        env: { ...SECRETS, ...service.env(), PATH: [join(goroot, 'bin'), '/usr/bin', '/bin'].join(':'), GO_DOWNLOAD_BASE_URL: mirror.url },
      });
      expect(res.errors).toEqual([]);
      expect(res.code).toBe(0);
      expect(res.outputs).toEqual({
        'go-version': f.older.version,
        'go-root': reported,
        // No archive, no hash.
        'go-sha256': '',
        'go-archive-url': '',
        'cache-hit': 'false',
      });
      const unverified = res.warnings.filter((w) => w.includes('unverified'));
      expect(unverified).toEqual([
        `::warning::Using the Go on PATH, ${join(goroot, 'bin', 'go')} (${f.older.goName}), unverified: no version was pinned and no checksum was checked. Set go-version or go-version-file (and go-sha256 to pin the archive's hash) to install a verified toolchain.`,
      ]);
      expect(mirror.requests.length).toBe(before);
      expect(toolCacheTree(runner)).toEqual([]);
      // As for a verified toolchain: GOTOOLCHAIN=local, the cached GOCACHE, GOPATH/bin and GOROOT/bin on PATH, matchers.
      expect(res.env).toEqual({ GOTOOLCHAIN: 'local', GOCACHE: join(runner.temp, 'go-crossbuild', 'gocache', 'host') });
      expect(res.path).toEqual([join(runner.dir, 'go', 'bin'), join(reported, 'bin')]);
      expect(res.stdout).toContain('::add-matcher::');
      expect(res.summary).toContain('unverified (Go on PATH)');
      // No hash in the toolchain's table: none vouched for this go.
      expect(res.summary.split('<h3>Caches restored</h3>')[0]).not.toContain('<code>');
      // Its caches are keyed by this go's version, apart from verified toolchains' caches.
      const caches = JSON.parse(res.state['go-crossbuild-caches']).caches as { name: string; key: string }[];
      expect(caches.map((c) => [c.name, c.key.replace(/[0-9a-f]{16}$/, 'HASH')])).toEqual([
        ['modules', `go-crossbuild-v1-Linux-X64-go${f.older.version}-unverified-gomod-HASH`],
        [
          'GOCACHE',
          expect.stringMatching(new RegExp(`^go-crossbuild-v1-Linux-X64-go${f.older.version}-unverified-gocache-host-[0-9a-f]{16}-HASH$`)),
        ],
      ]);
    } finally {
      await service.close();
    }
  });
});

describe('fail closed, leave nothing behind', () => {
  function expectFailure(res: Awaited<ReturnType<typeof run>>, runner: Runner, message: RegExp) {
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(message);
    expect(toolCacheTree(runner)).toEqual([]);
    expect(res.env).toEqual({});
    expect(res.path).toEqual([]);
  }

  it('rejects a download that does not match the pinned hash', async () => {
    const runner = newRunner();
    const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': '0'.repeat(64) });
    expectFailure(res, runner, /title=SHA-256 mismatch::.*has SHA-256 [0-9a-f]{64}, expected 0{64}/);
  });

  it('rejects a tampered archive (one flipped byte)', async () => {
    const m = await startMirror(releases(f), { flipByteOf: f.newer.archive.fileName });
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': f.pins }, m);
      expectFailure(res, runner, /SHA-256 mismatch/);
    } finally {
      await m.close();
    }
  });

  it('rejects a truncated download after retrying it', async () => {
    const m = await startMirror(releases(f), { truncate: f.older.archive.fileName });
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins }, m);
      expectFailure(res, runner, /download ended after \d+/);
      expect(m.downloads()).toHaveLength(3);
    } finally {
      await m.close();
    }
  });

  it('rejects a mirror whose index lies about an official file, before downloading', async () => {
    // The repacked archive carries an official name; its index hash contradicts the shipped table.
    const m = await startMirror(releases(f));
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': 'stable' }, m);
      expectFailure(
        res,
        runner,
        /title=Release index disagrees with the official checksum::.*official hash shipped with this action is [0-9a-f]{64}/,
      );
      expect(m.downloads()).toEqual([]);
    } finally {
      await m.close();
    }
  });

  it('rejects a mirror serving other bytes under an official name (index agrees with the table)', async () => {
    const official = JSON.parse(readFileSync('src/toolchain/checksums.json', 'utf8')).files[f.newer.archive.fileName]?.sha256;
    expect(official).toMatch(/^[0-9a-f]{64}$/);
    const honestLooking = releases(f).map((r) =>
      r.version === f.newer.goName ? { ...r, files: [{ ...r.files[0], sha256: official }] } : r,
    );
    const m = await startMirror(honestLooking);
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': 'stable' }, m);
      expectFailure(res, runner, /SHA-256 mismatch.*expected [0-9a-f]{64}/);
      expect(m.downloads()).toHaveLength(1);
    } finally {
      await m.close();
    }
  });

  it('removes a fresh install whose go is not the pinned version (toolchain mismatch)', async () => {
    // The older toolchain's bytes served under the newer one's name, pinned: the hash passes, the proof does not.
    const m = await startMirror([
      {
        version: f.newer.goName,
        stable: true,
        files: [{ filename: f.newer.archive.fileName, sha256: f.older.archive.sha256, path: f.older.archive.path }],
      },
    ]);
    try {
      const runner = newRunner();
      const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': f.older.archive.sha256 }, m);
      expectFailure(res, runner, new RegExp(`title=Toolchain mismatch::.*GOVERSION is "${f.older.goName}", expected ${f.newer.goName}`));
    } finally {
      await m.close();
    }
  });

  it('refuses a go.mod that needs a newer Go than the pinned one, before downloading', async () => {
    const runner = newRunner();
    writeFileSync(join(runner.workspace, 'go.mod'), 'module example.com/m\n\ngo 1.99.0\n');
    const before = mirror.downloads().length;
    const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': f.pins });
    expectFailure(res, runner, /Invalid input go-version::.*go\.mod says "go 1\.99\.0"; with GOTOOLCHAIN=local/);
    expect(mirror.downloads().length).toBe(before);
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

describe('a failing mirror ends in one clean error', () => {
  // Each names the URL, the version, the platform and the attempts, with no stack, and leaves nothing.
  async function failing(faults: Parameters<typeof startMirror>[1], env: Record<string, string> = {}, closed = false) {
    const m = await startMirror(releases(f), faults);
    if (closed) await m.close();
    const runner = newRunner();
    const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': f.pins }, m, env);
    if (!closed) await m.close();
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toContain('title=Download failed::Could not download Go ');
    expect(res.errors[0]).toContain(`Go ${f.newer.version} for linux/amd64 from ${m.url}/${f.newer.archive.fileName}`);
    expect(res.errors[0]).not.toMatch(/\bat .*\.js:\d+/);
    expect(toolCacheTree(runner)).toEqual([]);
    return { res, m };
  }

  it('a 404, at once', async () => {
    const { res, m } = await failing({ missing: [f.newer.archive.fileName] });
    expect(res.errors[0]).toContain('(1 attempt): ');
    expect(res.errors[0]).toContain('answered HTTP 404');
    expect(m.downloads()).toHaveLength(1);
  });

  it('a refused connection, after 3 attempts', async () => {
    const { res } = await failing({}, {}, true);
    expect(res.errors[0]).toMatch(/\(3 attempts\): .*ECONNREFUSED/);
  });

  it('a mirror that stops sending, after 3 stalls', async () => {
    const started = Date.now();
    const { res, m } = await failing({ stall: f.newer.archive.fileName }, { GO_CROSSBUILD_STALL_TIMEOUT_SECONDS: '1' });
    expect(res.errors[0]).toMatch(/\(3 attempts\): download ended after \d+ bytes: (nothing|only \d+ bytes) received (for|in) 1 s/);
    expect(m.downloads()).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('a mirror that trickles, after 3 windows below the low-speed limit', async () => {
    const { res, m } = await failing({ trickle: f.newer.archive.fileName }, { GO_CROSSBUILD_STALL_TIMEOUT_SECONDS: '1' });
    expect(res.errors[0]).toMatch(
      /\(3 attempts\): download ended after \d+ bytes: only \d+ bytes received in 1 s \(at least 102400 expected\)/,
    );
    expect(m.downloads()).toHaveLength(3);
  });

  it('a mirror that takes the request and never answers, after 3 attempts', async () => {
    const { res, m } = await failing({ hang: f.newer.archive.fileName }, { GO_CROSSBUILD_STALL_TIMEOUT_SECONDS: '1' });
    expect(res.errors[0]).toContain('(3 attempts): Request timeout: /');
    expect(m.downloads()).toHaveLength(3);
  });
});

it('leaves no staging behind when the step is killed during a stalled download', async () => {
  const m = await startMirror(releases(f), { stall: f.newer.archive.fileName });
  try {
    const runner = newRunner();
    const staging = () =>
      existsSync(runner.toolCache) ? readdirSync(runner.toolCache).filter((n) => n.startsWith('.go-crossbuild-staging-')) : [];
    const res = await runAction(runner, {
      inputs: { 'go-version': f.newer.version, 'go-sha256': f.pins, 'go-download-base-url': m.url },
      env: { GO_CROSSBUILD_STALL_TIMEOUT_SECONDS: '120' },
      onSpawn: (child) => {
        // Kill it (as timeout-minutes or a cancelled run does) once the download has begun.
        const poll = setInterval(() => {
          if (m.downloads().length && staging().length) {
            clearInterval(poll);
            child.kill('SIGTERM');
          }
        }, 50);
        child.on('exit', () => clearInterval(poll));
      },
    });
    expect(res.code).not.toBe(0);
    expect(m.downloads()).toHaveLength(1);
    expect(staging()).toEqual([]);
    expect(toolCacheTree(runner)).toEqual([]);
  } finally {
    await m.close();
  }
});

it('says so in one clean error when the tool cache path is a file', async () => {
  const runner = newRunner();
  rmSync(runner.toolCache, { recursive: true });
  writeFileSync(runner.toolCache, 'not a directory');
  const res = await runAction(runner, {
    inputs: { 'go-version': f.newer.version, 'go-sha256': f.pins, 'go-download-base-url': mirror.url },
  });
  expect(res.code).toBe(1);
  expect(res.errors).toEqual([expect.stringMatching(/^::error title=Not on a runner::RUNNER_TOOL_CACHE \(.*\) is not a directory/)]);
  expect(res.env).toEqual({});
});

describe('an unreliable index', () => {
  it('retries 500s with backoff and then succeeds', async () => {
    const m = await startMirror(releases(f), { indexFailures: 2 });
    try {
      const res = await run(newRunner(), { 'go-version': 'oldstable', 'go-sha256': f.pins }, m);
      expect(res.code).toBe(0);
      expect(m.indexRequests()).toHaveLength(3);
      expect(res.warnings.filter((w) => w.includes('HTTP 500; retrying') || w.includes('answered HTTP 500'))).toHaveLength(2);
    } finally {
      await m.close();
    }
  });

  it('fails clearly when the index is down', async () => {
    const m = await startMirror(releases(f));
    const url = m.url;
    await m.close();
    const runner = newRunner();
    const res = await runAction(runner, { inputs: { 'go-version': 'stable', 'go-download-base-url': url }, env: SECRETS });
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(
      /title=Release index unavailable::Could not read the Go release index at http:\/\/127\.0\.0\.1:\d+\/\?mode=json&include=all \(3 attempts\): .*ECONNREFUSED/,
    );
    expect(toolCacheTree(runner)).toEqual([]);
  });
});

describe('credentials', () => {
  it('never sends a token to the mirror, nor to the host it redirects to', async () => {
    const files = await startMirror(releases(f));
    const front = await startMirror(releases(f), { redirectTo: files.url });
    try {
      const res = await run(newRunner(), { 'go-version': 'oldstable', 'go-sha256': f.pins }, front);
      expect([res.code, res.errors]).toEqual([0, []]);
      expect(front.indexRequests()).toHaveLength(1);
      expect(files.downloads()).toHaveLength(1);
      // Every request this suite made, this one's included.
      const seen = [...allRequests, ...mirror.requests, ...files.requests];
      expect(seen.length).toBeGreaterThan(3);
      for (const r of seen) {
        expect(r.headers.authorization).toBeUndefined();
        expect(JSON.stringify(r.headers)).not.toContain('neverSendMe');
      }
    } finally {
      await files.close();
      await front.close();
    }
  });

  it('sends the token input to the mirror it was given for, never to the host it redirects to, and never says it', async () => {
    const files = await startMirror(releases(f));
    const front = await startMirror(releases(f), { redirectTo: files.url });
    try {
      const res = await run(newRunner(), { 'go-version': 'oldstable', 'go-sha256': f.pins, token: 'tok_s3cr3t' }, front);
      expect([res.code, res.errors]).toEqual([0, []]);
      expect(front.requests.length).toBeGreaterThanOrEqual(2);
      for (const r of front.requests) expect(r.headers.authorization).toBe('Bearer tok_s3cr3t');
      expect(files.requests).toHaveLength(1);
      expect(files.requests[0].headers.authorization).toBeUndefined();
      const said = `${res.stdout}\n${res.stderr}`.split('\n').filter((l) => !l.startsWith('::add-mask::'));
      expect(said.filter((l) => l.includes('tok_s3cr3t'))).toEqual([]);
      expect(res.stdout).toContain('::add-mask::tok_s3cr3t');
    } finally {
      await files.close();
      await front.close();
    }
  });

  it('sends the token nowhere when go-download-base-url is not set, and says so', async () => {
    const res = await runAction(newRunner(), {
      inputs: { 'go-version': f.older.version, 'go-sha256': f.pins, token: 'tok_unused' },
      env: { GO_DOWNLOAD_BASE_URL: mirror.url },
    });
    expect(res.code).toBe(0);
    expect(res.warnings).toContain(
      '::warning::token is ignored: it is sent only to the host of go-download-base-url, and that input is not set.',
    );
    for (const r of mirror.requests) expect(JSON.stringify(r.headers)).not.toContain('tok_unused');
  });
});
