// Cache bytes per run (issue 13): 6 targets over 5 commits, each commit changing main.go, each job
// on a fresh runner at the same path against a local Actions cache service.
// - this action: build mode, one GOCACHE per target, keyed by the tree and pruned to what the run used;
// - setup-go's scheme, run for real on the same commits: one entry holding GOMODCACHE and GOCACHE,
//   keyed by the Go version and the dependency file's hash, saved only when that key misses, and a
//   shell loop of `GOOS=… GOARCH=… go build` (the action installs Go with cache: false).
// Reports the bytes saved and restored per run, and the standard-library compiles each run did.
import * as cache from '@actions/cache';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newRunner, runJob, startCacheService, type Runner } from '../__tests__/support/index.ts';
import { mirroredToolchain, SERVER_FIXTURE } from './setup.ts';
import { table } from './stats.ts';

const TARGETS = ['linux/amd64', 'linux/arm64', 'linux/arm/7', 'windows/amd64', 'darwin/amd64', 'darwin/arm64'];
const COMMITS = 5;

/** The fixture at commit `n`: main.go gains a line that changes its compiled output. */
function checkout(runner: Runner, n: number): void {
  cpSync(SERVER_FIXTURE, runner.workspace, { recursive: true });
  const main = join(runner.workspace, 'main.go');
  writeFileSync(main, `${readFileSync(main, 'utf8')}\nvar commit = ${n}\n\nfunc init() { _ = commit }\n`);
}

/** Standard-library compiles in `go build -x` output (`compile … -p fmt …`). */
function stdCompiles(output: string): number {
  return output.split('\n').filter((l) => l.includes('/compile ') && / -p (fmt|net\/http|encoding\/json) /.test(l)).length;
}

export async function benchCacheBytes() {
  const { mirror, inputs: setup } = await mirroredToolchain();
  const base = newRunner();
  const at = join(base.dir, 'runner');
  const mib = (n: number) => (n / 1048576).toFixed(1);
  const rows: (string | number)[][] = [];
  const totals = { ours: 0, setupGo: 0 };
  try {
    // This action, build mode.
    const ours = await startCacheService();
    for (let n = 1; n <= COMMITS; n++) {
      const runner = newRunner(undefined, at);
      checkout(runner, n);
      const entries = ours.entries.size;
      const downloads = ours.downloads.length;
      const { main, post } = await runJob(runner, {
        inputs: { ...setup, targets: TARGETS.join(','), 'build-flags': '-x' },
        env: ours.env(),
      });
      if (main.code !== 0 || post?.code !== 0) throw new Error(main.stdout.slice(-3000));
      const saved = [...ours.entries.values()].slice(entries).reduce((s, e) => s + e.data.length, 0);
      const restored = ours.downloads.slice(downloads).reduce((s, d) => s + d.bytes, 0);
      totals.ours += saved;
      rows.push(['go-crossbuild', n, mib(saved), mib(restored), stdCompiles(main.stdout)]);
    }
    await ours.close();

    // setup-go's single entry, on the same commits.
    const theirs = await startCacheService();
    for (let n = 1; n <= COMMITS; n++) {
      const runner = newRunner(undefined, at);
      checkout(runner, n);
      const installed = await runJob(runner, { inputs: { ...setup, cache: 'false' } });
      if (installed.main.code !== 0) throw new Error(installed.main.stdout.slice(-3000));
      const env = {
        ...process.env,
        ...installed.main.env,
        HOME: runner.dir,
        PATH: `${installed.main.path.reverse().join(':')}:${process.env.PATH}`,
      };
      const paths = [join(runner.dir, 'go', 'pkg', 'mod'), join(runner.dir, '.cache', 'go-build')];
      const depHash = createHash('sha256')
        .update(readFileSync(join(runner.workspace, 'go.mod')))
        .digest('hex');
      const key = `setup-go-Linux-x64-go-${setup['go-version']}-${depHash}`;
      Object.assign(process.env, theirs.env(), { GITHUB_WORKSPACE: runner.workspace, RUNNER_TEMP: runner.temp });
      const downloads = theirs.downloads.length;
      const entries = theirs.entries.size;
      const hit = await cache.restoreCache([...paths], key);
      let compiles = 0;
      for (const t of TARGETS) {
        const [goos, goarch, arm] = t.split('/');
        const r = spawnSync('go', ['build', '-x', '-o', join(runner.temp, 'out', t.replace(/\//g, '-')), '.'], {
          cwd: runner.workspace,
          env: { ...env, GOOS: goos, GOARCH: goarch, ...(arm ? { GOARM: arm } : {}), CGO_ENABLED: '0' },
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(r.stderr.slice(-3000));
        compiles += stdCompiles(r.stderr);
      }
      if (hit !== key) await cache.saveCache([...paths], key);
      const saved = [...theirs.entries.values()].slice(entries).reduce((s, e) => s + e.data.length, 0);
      const restored = theirs.downloads.slice(downloads).reduce((s, d) => s + d.bytes, 0);
      totals.setupGo += saved;
      rows.push(['setup-go scheme', n, mib(saved), mib(restored), compiles]);
    }
    await theirs.close();

    console.log(`\n## Cache bytes per run (${TARGETS.length} targets, ${COMMITS} commits each changing main.go, net/http fixture)`);
    table([['scheme', 'commit', 'saved MiB', 'restored MiB', 'std compiles (fmt, net/http, encoding/json)'], ...rows]);
    console.log(
      `saved over ${COMMITS} runs: go-crossbuild ${mib(totals.ours)} MiB (${mib(totals.ours / COMMITS)} per run), setup-go scheme ${mib(totals.setupGo)} MiB (${mib(totals.setupGo / COMMITS)} per run); ratio ${(totals.ours / totals.setupGo).toFixed(2)}`,
    );
    return totals;
  } finally {
    await mirror.close();
    rmSync(base.dir, { recursive: true, force: true });
  }
}
