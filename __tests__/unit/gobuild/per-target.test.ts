import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { perTargetGenerate, type PerTargetOptions } from '../../../src/gobuild/per-target.js';
import type { BuildTask } from '../../../src/gobuild/tasks.js';
import type { Target } from '../../../src/targets/target.js';
import { t } from '../helpers.js';

/**
 * A stand-in `go` for `go generate`: says its arguments, working directory and GOROOT, counts its
 * runs per target in $GEN_COUNT, then does what $GEN_DO lists in the module directory.
 */
const FAKE_GO = `#!/bin/sh
echo "go $*"
echo "in $(pwd) with GOROOT=$GOROOT"
[ -n "$GEN_COUNT" ] && echo "$GO_CROSSBUILD_TARGET" >> "$GEN_COUNT"
for what in $GEN_DO; do
  case "$what" in
    write) printf 'package main\\n\\nconst arch = "%s"\\n' "$GOARCH" > "gen_$GOARCH.go" ;;
    rewrite) cat main.go > main.go.new && mv main.go.new main.go ;;
    remove) rm old.go ;;
    fail) echo 'main.go:3: running "stringer": exit status 1' >&2; exit 1 ;;
  esac
done
`;

describe('perTargetGenerate', () => {
  let base: string;
  let root: string;
  let module: string;
  let o: PerTargetOptions;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'gcb-per-target-'));
    root = join(base, 'checkout');
    module = join(root, 'app');
    mkdirSync(join(root, 'dist'), { recursive: true });
    mkdirSync(module, { recursive: true });
    writeFileSync(join(module, 'main.go'), 'package main\n');
    writeFileSync(join(module, 'old.go'), 'package main\n// old\n');
    writeFileSync(join(root, 'dist', 'previous-build'), 'x');
    const go = join(base, 'bin', 'go');
    mkdirSync(join(base, 'bin'));
    writeFileSync(go, FAKE_GO);
    chmodSync(go, 0o755);
    o = {
      go,
      goroot: '/real/goroot',
      packages: ['./...'],
      tags: ['pro', 'netgo'],
      host: { goos: 'linux', goarch: 'amd64' },
      dirs: { shimRoot: join(base, 'shim-goroot'), hostTools: join(base, 'host-tools'), hostGocache: join(base, 'host-gocache') },
      trees: join(base, 'trees'),
      root,
      skip: [join(root, 'dist')],
      workingDirectory: module,
    };
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const task = (target: Target, env: Record<string, string>, pkg = './...'): BuildTask => ({
    id: pkg === './...' ? `${target.goos}/${target.goarch}` : `${target.goos}/${target.goarch} ${pkg}`,
    target,
    pkg,
    name: 'app',
    binary: join(base, 'staging', 'app'),
    artifact: 'app',
    archive: null,
    files: [],
    gocache: join(base, 'gocache'),
    args: ['build', '-o', join(base, 'staging', 'app'), pkg],
    env: { PATH: '/usr/bin:/bin', GOOS: target.goos, GOARCH: target.goarch, ...env },
  });

  it("runs each target's generate in its own copy and hands its build what it wrote as an overlay", async () => {
    const arm = task(t('linux/arm64'), { GEN_DO: 'write remove' });
    const amd = task(t('linux/amd64'), { GEN_DO: 'write' });
    const gen = perTargetGenerate(o, [arm, amd]);
    const [a, b] = await Promise.all([gen.prepare(arm), gen.prepare(amd)]);

    const armTree = join(o.trees, 'linux-arm64');
    const overlayFile = `${armTree}.overlay.json`;
    expect(a).toEqual({ ok: true, log: expect.any(String) as unknown, flags: [`-overlay=${overlayFile}`] });
    expect(JSON.parse(readFileSync(overlayFile, 'utf8'))).toEqual({
      Replace: { [join(module, 'gen_arm64.go')]: join(armTree, 'app', 'gen_arm64.go'), [join(module, 'old.go')]: '' },
    });
    expect(readFileSync(join(armTree, 'app', 'gen_arm64.go'), 'utf8')).toContain('const arch = "arm64"');
    expect(b.flags).toEqual([`-overlay=${join(o.trees, 'linux-amd64')}.overlay.json`]);
    // Neither target's files reach the other, nor the checkout; the output directory is not copied.
    expect(existsSync(join(o.trees, 'linux-amd64', 'app', 'gen_arm64.go'))).toBe(false);
    expect(existsSync(join(module, 'gen_arm64.go'))).toBe(false);
    expect(existsSync(join(module, 'old.go'))).toBe(true);
    expect(existsSync(join(armTree, 'dist'))).toBe(false);

    // The log: what ran, where (the copy said as the checkout), and what it generated.
    expect(a.log.split('\n')).toEqual([
      'go generate ./... for linux/arm64, in a copy of the sources; generators run on the host linux/amd64',
      'go generate -x -tags=pro,netgo ./...',
      `in ${module} with GOROOT=${o.dirs.shimRoot}`,
      '2 files generated for linux/arm64: app/gen_arm64.go, app/old.go (removed)',
      '',
    ]);
    expect(b.log).toMatch(/\n1 file generated for linux\/amd64: app\/gen_amd64\.go\n$/);
    expect(gen.logs.map((l) => l.id).sort()).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('generates a target once for all its packages, the first task carrying the log', async () => {
    const count = join(base, 'count');
    const target = t('linux/arm64');
    const env = { GEN_DO: 'write', GEN_COUNT: count };
    const first = task(target, env, './cmd/a');
    const second = task(target, env, './cmd/b');
    const gen = perTargetGenerate({ ...o, packages: ['./cmd/a', './cmd/b'] }, [first, second]);
    const [p2, p1] = await Promise.all([gen.prepare(second), gen.prepare(first)]);
    expect(readFileSync(count, 'utf8')).toBe('linux/arm64\n');
    expect(p1.log).toMatch(/^go generate \.\/cmd\/a \.\/cmd\/b for linux\/arm64/);
    expect(p2).toEqual({ ...p1, log: '' });
  });

  it('needs no overlay when nothing changed, a committed file rewritten with the same bytes included', async () => {
    const arm = task(t('linux/arm64'), { GEN_DO: 'rewrite' });
    const p = await perTargetGenerate({ ...o, tags: [] }, [arm]).prepare(arm);
    expect(p).toEqual({ ok: true, log: expect.stringMatching(/\n0 files generated for linux\/arm64\n$/) as unknown });
    expect(p.log).toContain('go generate -x ./...\n');
    expect(existsSync(join(o.trees, 'linux-arm64.overlay.json'))).toBe(false);
  });

  it('fails the target when its generate fails, explaining the directive, and keeps the log for annotations', async () => {
    const arm = task(t('linux/arm64'), { GEN_DO: 'write fail' });
    const gen = perTargetGenerate(o, [arm]);
    const p = await gen.prepare(arm);
    expect(p.ok).toBe(false);
    expect(p.reason).toBe('go generate failed for linux/arm64 at main.go:3 (running "stringer": exit status 1).');
    expect(p.flags).toBeUndefined();
    expect(p.log).toMatch(/^go generate \.\/\.\.\. for linux\/arm64, in a copy .*\ngo generate -x/);
    expect(gen.logs).toEqual([{ id: 'linux/arm64', log: expect.stringContaining(`in ${module} with`) as unknown }]);
    expect(gen.logs[0].log).not.toContain(o.trees);
  });

  it('fails the target, naming the copy, when the sources cannot be copied', async () => {
    const arm = task(t('linux/arm64'), { GEN_DO: 'write' });
    const gone = join(base, 'no-checkout');
    const p = await perTargetGenerate({ ...o, root: gone, workingDirectory: gone }, [arm]).prepare(arm);
    expect(p).toEqual({
      ok: false,
      log: expect.stringMatching(/^go generate \.\/\.\.\. for linux\/arm64/) as unknown,
      reason: expect.stringMatching(
        new RegExp(
          `^could not copy the sources to ${join(o.trees, 'linux-arm64').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} for go generate: .*ENOENT`,
        ),
      ) as unknown,
    });
  });

  it("says a build's paths in the target's copy as the checkout's", () => {
    const arm = task(t('linux/arm64'), {});
    const gen = perTargetGenerate(o, [arm]);
    const tree = join(o.trees, 'linux-arm64');
    expect(gen.inSources(arm, `${join(tree, 'app', 'gen_arm64.go')}:3:1: undefined: x\n`)).toBe(
      `${join(module, 'gen_arm64.go')}:3:1: undefined: x\n`,
    );
  });
});
