import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseSetupGocache, setupGocache } from '../../../src/cache/setup-gocache.js';

const TEMP = '/runner/_temp';
const OURS = '/runner/_temp/go-crossbuild/gocache/host';

describe('chooseSetupGocache', () => {
  it("exports one under RUNNER_TEMP on a hosted runner, Go's own cache or not", () => {
    expect(chooseSetupGocache({ jobGocache: '', selfHosted: false, temp: TEMP })).toEqual({ dir: OURS });
    expect(
      chooseSetupGocache({ jobGocache: '', selfHosted: false, goOwn: { dir: '/home/r/.cache/go-build', kept: true }, temp: TEMP }),
    ).toEqual({
      dir: OURS,
    });
  });

  it('leaves a GOCACHE the job set alone, on any runner', () => {
    for (const selfHosted of [false, true])
      expect(chooseSetupGocache({ jobGocache: '/cache/go', selfHosted, temp: TEMP })).toEqual({
        note: 'GOCACHE is set by the job (/cache/go): the build cache is left to it, only modules are cached.',
      });
  });

  it("leaves a self-hosted runner's own build cache alone when it kept one, and caches through RUNNER_TEMP when it did not", () => {
    const own = '/home/runner/.cache/go-build';
    expect(chooseSetupGocache({ jobGocache: '', selfHosted: true, goOwn: { dir: own, kept: true }, temp: TEMP })).toEqual({
      note: `This self-hosted runner kept Go's own build cache (${own}) from earlier jobs: it is used as it is, not exported, restored or saved; only modules are cached.`,
    });
    // An ephemeral runner starts without one every job: the Actions cache is what keeps it warm.
    const fresh = chooseSetupGocache({ jobGocache: '', selfHosted: true, goOwn: { dir: own, kept: false }, temp: TEMP });
    expect(fresh).toEqual({ dir: OURS, note: expect.stringContaining(`no build cache of Go's own yet (${own} is empty)`) });
    // GOCACHE=off (no home directory): nothing of its own to keep.
    expect(chooseSetupGocache({ jobGocache: '', selfHosted: true, temp: TEMP }).dir).toBe(OURS);
  });
});

describe('setupGocache', () => {
  let dir: string;
  let go: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gcb-setup-gocache-'));
    go = join(dir, 'go');
    // Says the GOCACHE that FAKE_GOCACHE names, as `go env GOCACHE` would.
    writeFileSync(go, '#!/bin/sh\n[ "$1 $2" = "env GOCACHE" ] && echo "$FAKE_GOCACHE"\n');
    chmodSync(go, 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('asks Go where its own cache is only on a self-hosted runner, and looks whether it holds anything', async () => {
    const own = join(dir, 'go-build');
    const goEnv = { PATH: '/usr/bin:/bin', FAKE_GOCACHE: own };
    const selfHosted = { RUNNER_ENVIRONMENT: 'self-hosted' };
    const ours = join(dir, 'go-crossbuild', 'gocache', 'host');
    expect((await setupGocache(selfHosted, go, goEnv, dir)).dir).toBe(ours);
    mkdirSync(own);
    expect((await setupGocache(selfHosted, go, goEnv, dir)).dir).toBe(ours);
    writeFileSync(join(own, 'README'), 'This directory holds cached build artifacts from the Go build system.\n');
    expect(await setupGocache(selfHosted, go, goEnv, dir)).toEqual({ note: expect.stringContaining(`kept Go's own build cache (${own})`) });
    expect((await setupGocache({ RUNNER_ENVIRONMENT: 'github-hosted' }, go, goEnv, dir)).dir).toBe(ours);
    expect((await setupGocache({}, go, goEnv, dir)).dir).toBe(ours);
    expect((await setupGocache(selfHosted, go, { ...goEnv, FAKE_GOCACHE: 'off' }, dir)).dir).toBe(ours);
  });
});
