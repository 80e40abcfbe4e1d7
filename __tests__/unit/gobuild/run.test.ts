import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Verified } from '../../../src/gobuild/buildinfo-verifier.js';
import { runBuilds, type BuildResult, type RunOptions } from '../../../src/gobuild/run.js';
import type { BuildTask } from '../../../src/gobuild/tasks.js';
import { targetSlug } from '../../../src/targets/target.js';
import { t } from '../helpers.js';

/**
 * A stand-in `go build … -o BINARY …`: says its arguments, directory and GOARCH (on stderr), needs
 * its GOCACHE to exist, records its start and end in $EVENTS, then does what $FAKE_DO says or copies
 * $FAKE_OUTPUT to BINARY.
 */
const FAKE_GO = `#!/bin/sh
echo "go $* in $(pwd)"
echo "GOARCH=$GOARCH" >&2
[ -d "$GOCACHE" ] || { echo "no GOCACHE $GOCACHE" >&2; exit 3; }
[ -n "$EVENTS" ] && echo "start $GOARCH" >> "$EVENTS"
out=
while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
case "$FAKE_DO" in
  fail) echo './main.go:3:2: undefined: x' >&2; exit 2 ;;
  hang) exec sleep 20 ;;
  slow) sleep 0.1 ;;
esac
cp "$FAKE_OUTPUT" "$out"
[ -n "$EVENTS" ] && echo "end $GOARCH" >> "$EVENTS"
exit 0
`;

/** The first bytes of a little-endian ELF64 executable for this e_machine (62 x86-64, 183 AArch64). */
function elf(machine: number): Buffer {
  const b = Buffer.alloc(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  b.writeUInt16LE(2, 16);
  b.writeUInt16LE(machine, 18);
  return b;
}

describe('runBuilds', () => {
  let base: string;
  let go: string;
  let outputs: { amd64: string; arm64: string };
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'gcb-run-'));
    go = join(base, 'go');
    writeFileSync(go, FAKE_GO);
    chmodSync(go, 0o755);
    outputs = { amd64: join(base, 'elf-amd64'), arm64: join(base, 'elf-arm64') };
    writeFileSync(outputs.amd64, elf(62));
    writeFileSync(outputs.arm64, elf(183));
    mkdirSync(join(base, 'module'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const task = (target: string, env: Record<string, string> = {}): BuildTask => {
    const tg = t(target);
    const slug = targetSlug(tg);
    const binary = join(base, 'staging', slug, 'app');
    const gocache = join(base, 'gocache', slug);
    return {
      id: target,
      target: tg,
      pkg: '.',
      name: 'app',
      binary,
      artifact: `app-${slug}`,
      archive: null,
      files: [],
      gocache,
      args: ['build', '-o', binary, '-trimpath', '.'],
      env: { PATH: '/usr/bin:/bin', GOOS: tg.goos, GOARCH: tg.goarch, GOCACHE: gocache, FAKE_OUTPUT: outputs.amd64, ...env },
    };
  };

  const options = (o: Partial<RunOptions> = {}) => {
    const done: BuildResult[] = [];
    const opts: RunOptions = { go, cwd: join(base, 'module'), parallel: 2, failFast: false, onDone: (r) => void done.push(r), ...o };
    return { opts, done };
  };

  it('builds each task in the module directory with its own environment, keeps its whole output, and checks the header', async () => {
    const amd = task('linux/amd64');
    const arm = task('linux/arm64', { FAKE_OUTPUT: outputs.arm64 });
    const { opts, done } = options();
    const results = await runBuilds([amd, arm], opts);
    expect(results.map((r) => [r.task.id, r.status, r.built, r.checked, r.reason])).toEqual([
      ['linux/amd64', 'ok', true, true, undefined],
      ['linux/arm64', 'ok', true, true, undefined],
    ]);
    expect(results[1].log).toBe(`go build -o ${arm.binary} -trimpath . in ${join(base, 'module')}\nGOARCH=arm64\n`);
    expect(results[1].prepareLog).toBe('');
    expect(readFileSync(arm.binary).equals(elf(183))).toBe(true);
    expect(done.map((r) => r.task.id).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(results.every((r) => r.seconds >= 0 && r.verified === undefined)).toBe(true);
  });

  it('runs no more builds at once than asked', async () => {
    const events = join(base, 'events');
    const tasks = ['linux/amd64', 'linux/arm64', 'linux/386'].map((x) => task(x, { FAKE_DO: 'slow', EVENTS: events }));
    await runBuilds(tasks, options({ parallel: 1 }).opts);
    expect(readFileSync(events, 'utf8')).toBe('start amd64\nend amd64\nstart arm64\nend arm64\nstart 386\nend 386\n');
  });

  it("fails a build that exits non-zero, with go's own words in its log", async () => {
    const [r] = await runBuilds([task('linux/amd64', { FAKE_DO: 'fail' })], options().opts);
    expect(r).toMatchObject({ status: 'failed', built: true, checked: false, reason: 'go build exited with 2' });
    expect(r.log).toContain('./main.go:3:2: undefined: x\n');
  });

  it('fails a binary whose header is for another platform, and reads no header of a port it cannot tell', async () => {
    const [wrong, plan9] = await runBuilds(
      [task('linux/arm64'), task('plan9/amd64', { FAKE_OUTPUT: go }) /* a shell script: no header at all */],
      options().opts,
    );
    expect(wrong).toMatchObject({ status: 'failed', checked: true, reason: 'binary check: ELF header says amd64, not arm64' });
    expect(plan9).toMatchObject({ status: 'ok', checked: false });
  });

  it('runs what comes before a build first: its flags go after the verb, and its failure stops the build', async () => {
    const amd = task('linux/amd64');
    const arm = task('linux/arm64', { FAKE_OUTPUT: outputs.arm64 });
    const prepare = (x: BuildTask) =>
      Promise.resolve(
        x === amd
          ? { ok: true, log: 'generated 1 file\n', flags: ['-overlay=/t/linux-amd64.overlay.json'] }
          : { ok: false, log: 'go generate said no\n', reason: 'go generate failed for linux/arm64' },
      );
    const [a, b] = await runBuilds([amd, arm], options({ prepare }).opts);
    expect(a.status).toBe('ok');
    expect(a.prepareLog).toBe('generated 1 file\n');
    expect(a.log).toMatch(/^go build -overlay=\/t\/linux-amd64\.overlay\.json -o /);
    expect(b).toMatchObject({
      status: 'failed',
      built: false,
      log: '',
      prepareLog: 'go generate said no\n',
      reason: 'go generate failed for linux/arm64',
      checked: false,
    });
    expect(existsSync(arm.binary)).toBe(false);
  });

  it('fails a target whose build info has problems, after its header passed, and keeps what was verified', async () => {
    const verified = (problems: string[]): Verified => ({ problems, notes: [], compared: ['GOARCH'], seconds: 0 });
    const asked: string[] = [];
    const verify = (x: BuildTask) => {
      asked.push(x.id);
      return Promise.resolve(x.id === 'linux/amd64' ? verified([]) : verified(['GOAMD64 is v1, not v3', 'built without -trimpath']));
    };
    const [ok, bad, wrongHeader] = await runBuilds(
      [task('linux/amd64'), task('linux/amd64/v3'), task('linux/arm64')],
      options({ verify, parallel: 1 }).opts,
    );
    expect(ok).toMatchObject({ status: 'ok', verified: verified([]) });
    expect(bad).toMatchObject({ status: 'failed', reason: 'GOAMD64 is v1, not v3; built without -trimpath', checked: true });
    expect(bad.verified?.problems).toHaveLength(2);
    expect(wrongHeader.status).toBe('failed');
    expect(asked).toEqual(['linux/amd64', 'linux/amd64/v3']);
  });

  it('with fail-fast, stops the builds running and skips those not started', async () => {
    const tasks = [task('linux/arm64', { FAKE_DO: 'hang' }), task('linux/amd64', { FAKE_DO: 'fail' }), task('linux/386')];
    const { opts, done } = options({ failFast: true });
    const [hung, failed, later] = await runBuilds(tasks, opts);
    expect(failed).toMatchObject({ status: 'failed', reason: 'go build exited with 2' });
    // Started, then killed because another target failed.
    expect(hung).toMatchObject({ status: 'skipped', built: true, reason: 'fail-fast: linux/amd64 failed' });
    expect(later).toMatchObject({ status: 'skipped', built: false, reason: 'fail-fast: linux/amd64 failed', log: '' });
    expect(done.map((r) => r.task.id).sort()).toEqual(['linux/386', 'linux/amd64', 'linux/arm64']);
  });

  it('without fail-fast, builds every target whatever another did', async () => {
    const results = await runBuilds(
      [task('linux/amd64', { FAKE_DO: 'fail' }), task('linux/386'), task('linux/amd64')],
      options({ parallel: 1 }).opts,
    );
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'ok']); // 386 got an amd64 header
    expect(results[1].reason).toBe('binary check: ELF header says amd64, not 386');
  });

  it('fails, saying so, when go cannot be started', async () => {
    const [r] = await runBuilds([task('linux/amd64')], options({ go: join(base, 'no-such-go') }).opts);
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/^go build .*ENOENT/);
  });
});
