#!/usr/bin/env node
// npm run demo: the main job, as the runner runs the bundled action. A small program whose
// generator writes different code for each target is cross-built with `generate: per-target` for
// four targets from a local mirror's verified Go; then the arm64 binary runs under qemu and prints
// what was generated for it, and the same generate done the naive way fails.
// With GO_CROSSBUILD_DEMO_SUMMARY=FILE, the action's job summary (GITHUB_STEP_SUMMARY) is copied
// to FILE (npm run screenshot renders it).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findToolchains, newRunner, repack, runAction, startMirror } from '../__tests__/support/index.ts';

const APP = fileURLToPath(new URL('./demo-app', import.meta.url));
const TARGETS = ['linux/amd64', 'linux/arm64', 'windows/amd64', 'darwin/arm64'];
const started = Date.now();
let step = 0;
const say = (what) => console.log(`\n[${++step}/6 ${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);

const [tc] = findToolchains();
if (!tc) {
  console.error('No Go toolchain found: run `bash scripts/install-demo-deps.sh` first (Debian), or set GO_CROSSBUILD_TEST_GOROOTS.');
  process.exit(1);
}
say(`Repacking ${tc.goroot} (${tc.goName}) as an official-layout archive, served by a local mirror`);
const archive = await repack(tc);
const mirror = await startMirror([
  { version: tc.goName, stable: true, files: [{ filename: archive.fileName, sha256: archive.sha256, path: archive.path }] },
]);
// The runner's directories on tmpfs where there is one, as in the e2e tests: the same work, without
// the disk's time to write and then remove the installed Go and the four GOCACHEs (~10 s here).
const runner = newRunner(existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
let failed = false;
try {
  cpSync(APP, runner.workspace, { recursive: true });
  say(`Running the action: ${TARGETS.join(', ')} with generate: per-target (a cold build of each)`);
  const res = await runAction(runner, {
    inputs: {
      'go-version': tc.version,
      'go-download-base-url': mirror.url,
      // The archive is a repack, not Go's bytes: pinned, as a private mirror's build is.
      'go-sha256': `${archive.sha256}  ${archive.fileName}`,
      targets: TARGETS.join(', '),
      generate: 'per-target',
      archive: 'auto',
      cache: 'false',
    },
  });
  for (const line of res.stdout.split('\n'))
    if (/^(::error|::warning|Verified|Building|Generators:|Wrote)/.test(line) || /^\S+\/\S+: ok /.test(line)) console.log(`  ${line}`);
  if (res.code !== 0) throw new Error(`the action exited ${res.code}:\n${res.stdout.slice(-3000)}`);
  if (process.env.GO_CROSSBUILD_DEMO_SUMMARY) writeFileSync(process.env.GO_CROSSBUILD_DEMO_SUMMARY, res.summary);

  say('The artifacts (outputs.artifacts) and SHA256SUMS');
  const artifacts = JSON.parse(res.outputs.artifacts);
  for (const a of artifacts)
    console.log(`  ${a.target.padEnd(14)} ${a.name.padEnd(28)} ${String(a.size).padStart(9)} B  ${a.sha256.slice(0, 16)}…`);
  console.log(readFileSync(res.outputs['checksums-file'], 'utf8').replace(/^/gm, '  ').trimEnd());

  say('The linux/arm64 binary, under qemu-aarch64-static');
  const staging = join(runner.dir, 'extract');
  mkdirSync(staging);
  const arm64 = artifacts.find((a) => a.target === 'linux/arm64');
  spawnSync('tar', ['-xzf', join(runner.workspace, arm64.path), '-C', staging]);
  const run = spawnSync('qemu-aarch64-static', [join(staging, 'demo')], { encoding: 'utf8' });
  console.log(`  $ qemu-aarch64-static ./demo\n  ${(run.stdout || run.stderr || String(run.error)).trim()}`);

  say('The same generate the naive way: GOARCH=arm64 go generate ./... on this amd64 host');
  const naiveDir = join(runner.dir, 'naive');
  cpSync(APP, naiveDir, { recursive: true });
  // With the GOCACHE and -trimpath of the action's linux/arm64 build, so that the arm64 packages are
  // compiled already: on an empty GOCACHE the failure is the same, after a cold build (~20 s).
  const arm64Cache = join(runner.temp, 'go-crossbuild', 'gocache', 'linux-arm64');
  const naive = spawnSync(join(res.outputs['go-root'], 'bin', 'go'), ['generate', './...'], {
    cwd: naiveDir,
    encoding: 'utf8',
    env: { ...process.env, GOARCH: 'arm64', GOTOOLCHAIN: 'local', GOFLAGS: '-trimpath', HOME: runner.dir, GOCACHE: arm64Cache },
  });
  console.log(`  exit ${naive.status}: ${(naive.stderr || naive.stdout).trim().split('\n').join('\n  ')}`);

  say(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (e) {
  failed = true;
  console.error(`demo failed: ${e.message}`);
} finally {
  await mirror.close();
  rmSync(runner.dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
