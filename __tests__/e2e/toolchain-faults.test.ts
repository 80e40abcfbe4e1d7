// The toolchain set-up through the bundled action against a faulty or lying local mirror: it fails
// closed, in one clean error, and leaves nothing behind: wrong bytes, a lying index, broken, stalled,
// trickling or hanging downloads, a step killed mid-download, an index that fails.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newRunner, releases, runAction, startMirror, toolCacheTree, type Runner } from '../support/fixtures.ts';
import { SECRETS, toolchainSuite } from '../support/toolchain-e2e.ts';

const { f, mirror, run, itSentNoCredentials } = await toolchainSuite();

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

itSentNoCredentials();
