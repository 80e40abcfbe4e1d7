// The one place a mode's result becomes step outputs, exported variables, PATH and saved state.
// Written only when the mode succeeded: a step that failed on the way exports nothing.
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { join } from 'node:path';
import { exactHit, STATE_KEY } from '../cache/keys.js';
import type { RunnerEnv } from '../lib/runner-env.js';
import type { ModeResult, ToolchainResult } from '../modes/result.js';
import { GO_MATCHERS } from '../toolchain/matchers.js';
import { displayVersion } from '../toolchain/version.js';

export function writeResult(result: ModeResult, runner: RunnerEnv): void {
  switch (result.mode) {
    case 'merge':
      core.setOutput('artifacts', JSON.stringify(result.artifacts));
      core.setOutput('checksums-file', result.checksumsFile);
      return;
    case 'plan':
      core.setOutput('matrix', JSON.stringify(result.matrix));
      core.setOutput('toolchain', JSON.stringify(result.toolchain));
      core.setOutput('targets', result.targets.join(','));
      core.setOutput('go-version', result.toolchain.version);
      return;
    default:
      writeToolchain(result, runner);
  }
}

function writeToolchain(r: ToolchainResult, runner: RunnerEnv): void {
  if (r.cache) core.saveState(STATE_KEY, JSON.stringify(r.cache));
  if (r.artifacts) {
    core.setOutput('artifacts', JSON.stringify(r.artifacts));
    core.setOutput('checksums-file', r.checksumsFile);
  }
  // Empty when caching is off; true only when the job needed caches and every one matched its key.
  const caches = r.cache?.caches;
  core.setOutput('cache-hit', caches === undefined ? '' : String(caches.length > 0 && caches.every(exactHit)));
  const tc = r.toolchain;
  core.setOutput('go-version', displayVersion(tc.version));
  core.setOutput('go-root', tc.goroot);
  // The Go on PATH came from no archive and was checked against no hash: both stay empty.
  core.setOutput('go-sha256', tc.verified ? tc.sha256 : '');
  core.setOutput('go-archive-url', tc.verified ? tc.url : '');
  // As setup-go does, GOROOT is left to go, which finds it from its own path: a later step that
  // switches Go then runs with its own. Only a GOROOT the job already has is replaced, since the
  // pinned go would otherwise run with that other tree.
  if (runner.env.GOROOT && runner.env.GOROOT !== tc.goroot) core.exportVariable('GOROOT', tc.goroot);
  // Also for the Go on PATH: the job's go is the one this step reported (go-version), and without
  // local a go.mod toolchain line would have it download and run another release. setup-go, too,
  // exports GOTOOLCHAIN=local whether or not it installed Go.
  core.exportVariable('GOTOOLCHAIN', 'local');
  if (r.gocache) core.exportVariable('GOCACHE', r.gocache);
  // The credential's header among them reaches later steps as actions/checkout's persisted one
  // does; the runner masks it in their logs (main.ts and the mode registered every form).
  for (const [name, value] of Object.entries(r.privateEnv ?? {})) core.exportVariable(name, value);
  // addPath prepends: GOROOT/bin last, so the pinned go wins over any `go` in GOPATH/bin.
  core.addPath(join(tc.gopath, 'bin'));
  core.addPath(join(tc.goroot, 'bin'));
  const what = tc.verified ? tc.goName : `${tc.goName} (the go on PATH, ${tc.go}, unverified)`;
  core.info(`${what} ready: GOROOT=${tc.goroot}, GOTOOLCHAIN=local`);
  if (r.problemMatchers) addMatchers(runner.temp);
}

/** Registers the Go problem matchers for the job's later steps (`problem-matchers: false` does not). */
function addMatchers(temp: string): void {
  const dir = join(temp, 'go-crossbuild');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'problem-matchers.json');
  writeFileSync(file, JSON.stringify(GO_MATCHERS, null, 2) + '\n');
  process.stdout.write(`::add-matcher::${file}${EOL}`);
}
