// Where the bundled action downloads Go from, and for what architecture, against local mirrors; and
// which credentials it sends to them: none of the runner's, and the token input only to its own mirror.
import { join } from 'node:path';
import { newRunner, releases, runAction, startMirror, toolCacheTree } from '../support/fixtures.ts';
import { SECRETS, toolchainSuite } from '../support/toolchain-e2e.ts';

const { f, mirror, allRequests, run } = await toolchainSuite();

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

describe('architecture: x32 (386) when the newest release has no linux-386 archive', () => {
  // The newer release lists linux-amd64 only; the older one also lists linux-386, served with the
  // host's own bytes so that the self-check can run them here. setup-go then installs the older
  // one for stable, 1 and a range: the newest release that has the platform's archive.
  const x32File = () => `${f.older.goName}.linux-386.tar.gz`;
  const x32Mirror = () =>
    startMirror([
      {
        version: f.newer.goName,
        stable: true,
        files: [{ filename: f.newer.archive.fileName, sha256: f.newer.archive.sha256, path: f.newer.archive.path }],
      },
      {
        version: f.older.goName,
        stable: true,
        files: [
          { filename: f.older.archive.fileName, sha256: f.older.archive.sha256, path: f.older.archive.path },
          { filename: x32File(), arch: '386', sha256: f.older.archive.sha256, path: f.older.archive.path },
        ],
      },
    ]);

  it.each(['stable', '1', '>=1.16'])('go-version %s installs the newest release with a linux-386 archive', async (spec) => {
    const m = await x32Mirror();
    try {
      const runner = newRunner();
      const res = await run(
        runner,
        { 'go-version': spec, architecture: 'x32', 'check-latest': 'true', 'go-sha256': `${f.older.archive.sha256}  ${x32File()}` },
        m,
      );
      expect(res.errors).toEqual([]);
      expect(res.outputs['go-version']).toBe(f.older.version);
      expect(m.downloads().map((r) => r.url)).toEqual([`/${x32File()}`]);
      expect(res.outputs['go-root']).toBe(join(runner.toolCache, 'go', f.older.version, 'ia32'));
    } finally {
      await m.close();
    }
  });

  it('refuses a range that only releases without the archive match, naming the input and what has one, before downloading', async () => {
    const m = await x32Mirror();
    try {
      const runner = newRunner();
      const minor = f.newer.version.split('.').slice(0, 2).join('.');
      const res = await run(runner, { 'go-version': minor, architecture: 'x32', 'go-sha256': f.pins }, m);
      expect(res.code).toBe(1);
      expect(res.errors).toEqual([
        expect.stringContaining(
          `Input go-version = "${minor}": no Go release that matches it has a linux/386 archive in the release index (the newest that matches, ${f.newer.version}, has none). ` +
            `Allowed: a version with a linux/386 archive, such as ${f.older.version}, or another architecture`,
        ),
      ]);
      expect(m.downloads()).toEqual([]);
      expect(toolCacheTree(runner)).toEqual([]);
    } finally {
      await m.close();
    }
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
