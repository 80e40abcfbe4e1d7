#!/usr/bin/env node
// npm run demo: the bundled action, run as the runner runs it, installs a Go toolchain from a local
// mirror into a temporary tool cache, then shows what a workflow's later steps would see.
import { rmSync } from 'node:fs';
import { findToolchains, newRunner, repack, runAction, startMirror } from '../__tests__/support/index.ts';

const [tc] = findToolchains();
if (!tc) {
  console.error('No Go toolchain found: run `bash scripts/install-test-deps.sh` first (Debian), or set GO_CROSSBUILD_TEST_GOROOTS.');
  process.exit(1);
}
console.log(`Repacking ${tc.goroot} as an official-layout archive (cached after the first run)...`);
const archive = await repack(tc);
const mirror = await startMirror([
  { version: tc.goName, stable: true, files: [{ filename: archive.fileName, sha256: archive.sha256, path: archive.path }] },
]);
const runner = newRunner();
const bare = newRunner();
const show = (title, res) => {
  console.log(`\n=== ${title}: exit ${res.code} in ${res.seconds.toFixed(2)} s`);
  for (const line of res.stdout.split('\n'))
    if (/^(::error|::warning|Downloading|Verified|Using|go1|Go )/.test(line)) console.log(`  ${line}`);
  if (Object.keys(res.outputs).length) console.log('  outputs:', res.outputs);
  if (Object.keys(res.env).length) console.log('  exported env:', res.env);
  if (res.path.length) console.log('  PATH +=', res.path);
};

try {
  // The archive is a repack, not Go's bytes: it is pinned, as a user pins a private mirror's build.
  const pin = `${archive.sha256}  ${archive.fileName}`;
  const inputs = { 'go-version': 'stable', 'go-download-base-url': mirror.url, 'go-sha256': pin };
  show('1. stable from the mirror, verified against go-sha256', await runAction(runner, { inputs }));
  show(
    '2. again: the verified tool-cache install, no download',
    await runAction(runner, { inputs: { ...inputs, 'go-version': tc.version } }),
  );
  show(
    '3. the same mirror without the pin: its index contradicts the official hash shipped with the action',
    await runAction(bare, { inputs: { 'go-version': 'stable', 'go-download-base-url': mirror.url } }),
  );
  console.log(`\nMirror requests: ${mirror.requests.map((r) => r.url).join(', ')}`);
} finally {
  await mirror.close();
  for (const r of [runner, bare]) rmSync(r.dir, { recursive: true, force: true });
}
