// The action's main step: thin orchestration. inputs → merge (no Go), or toolchain → plan, or
// toolchain → environment → cross-build → outputs.
import * as core from '@actions/core';
import { exec } from '@actions/exec';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { crossBuild, generateOnHost, type JobContext } from './build/crossbuild.js';
import { exactHit, type Restored } from './cache/keys.js';
import { restoreForJob } from './cache/select.js';
import { SUMS_FILE } from './artifacts.js';
import { ActionError } from './errors.js';
import { readTextFile } from './files.js';
import { newHttpClient, stallTimeoutMs } from './http.js';
import { readInputs, urlSecrets } from './inputs.js';
import { runMerge } from './modes/merge.js';
import { runPlan } from './modes/plan.js';
import { reportFailure } from './report.js';
import { toolchainEnv } from './toolchain/environment.js';
import { hostPlatform } from './toolchain/platform.js';
import { setupToolchain, type Toolchain } from './toolchain/setup.js';
import { describeSpec, displayVersion } from './toolchain/version.js';

async function main(): Promise<void> {
  // Cache entries older than this were not used by the run: the post step prunes them.
  const jobStart = Date.now();
  const host = hostPlatform(process.platform, process.arch);
  const cpus = availableParallelism();
  // Credentials in a URL of any input are masked in every log line from here on.
  const withUrls = [core.getInput('go-download-base-url'), process.env.GO_DOWNLOAD_BASE_URL ?? '', core.getInput('env')];
  for (const secret of urlSecrets(withUrls.join('\n'))) core.setSecret(secret);
  const inputs = readInputs({
    get: (name) => core.getInput(name),
    env: process.env,
    cwd: process.cwd(),
    host,
    readText: readTextFile,
    isDirectory: (p) => {
      try {
        return statSync(p).isDirectory();
      } catch {
        return false;
      }
    },
    cpus,
  });
  inputs.warnings.forEach((w) => core.warning(w));
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  if (inputs.mode === 'merge') return runMerge(inputs, workspace);
  const toolCache = process.env.RUNNER_TOOL_CACHE;
  if (!toolCache)
    throw new ActionError(
      'Not on a runner',
      'RUNNER_TOOL_CACHE is not set: run the action from a workflow step, or set it to a writable directory.',
    );
  if (existsSync(toolCache) && !statSync(toolCache).isDirectory())
    throw new ActionError('Not on a runner', `RUNNER_TOOL_CACHE (${toolCache}) is not a directory: set it to a writable directory.`);

  core.info(`Go ${describeSpec(inputs.spec)} from ${inputs.specInput}: ${inputs.specValue}`);
  const setup = {
    client: newHttpClient(stallTimeoutMs(process.env)),
    toolCache,
    env: process.env,
    log: { info: core.info, warning: core.warning, debug: core.debug },
  };
  if (inputs.plan) return runPlan(inputs, inputs.plan, { ...setup, pathSep: delimiter });
  const tc = await setupToolchain(inputs, setup);
  const goEnv = toolchainEnv(process.env, tc.goroot, delimiter) as Record<string, string>;
  await core.group('go env', () => exec(tc.go, ['env'], { env: goEnv }));
  await writeSummary(tc);

  const job: JobContext = {
    env: process.env,
    workspace,
    workingDirectory: inputs.workingDirectory,
    temp: process.env.RUNNER_TEMP || tmpdir(),
    cpus,
    pathSep: delimiter,
    host,
  };
  const cacheCtx = { env: process.env, workspace: job.workspace, temp: job.temp, jobStart };
  let caches: Restored[] | undefined;
  if (!inputs.build) {
    caches = await restoreForJob(inputs, tc, goEnv, undefined, cacheCtx);
    if (inputs.generate.mode === 'once') await generateOnHost(tc, inputs.generate.packages, [], job);
  } else {
    const b = inputs.build;
    const built = await crossBuild(b, inputs.generate, tc, job, (targets, gocache, hostGocache) =>
      restoreForJob(inputs, tc, goEnv, { targets, settings: b.settings, outputDir: b.outputDir, gocache, hostGocache }, cacheCtx),
    );
    caches = built.caches;
    core.setOutput('artifacts', JSON.stringify(built.artifacts));
    core.setOutput('checksums-file', join(b.outputDir, SUMS_FILE));
  }
  core.setOutput('cache-hit', String(caches !== undefined && caches.every(exactHit)));
  // Last: a step that failed on the way (a target that is no port, a failed build) exports nothing.
  core.setOutput('go-version', displayVersion(tc.version));
  core.setOutput('go-root', tc.goroot);
  core.setOutput('go-sha256', tc.sha256);
  core.setOutput('go-archive-url', tc.url);
  exportToolchain(tc);
}

function exportToolchain(tc: Toolchain): void {
  core.exportVariable('GOROOT', tc.goroot);
  core.exportVariable('GOTOOLCHAIN', 'local');
  // addPath prepends: GOROOT/bin last, so the pinned go wins over any `go` in GOPATH/bin.
  core.addPath(join(tc.gopath, 'bin'));
  core.addPath(join(tc.goroot, 'bin'));
  core.info(`${tc.goName} ready: GOROOT=${tc.goroot}, GOTOOLCHAIN=local`);
}

async function writeSummary(tc: Toolchain): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary
    .addHeading('Go toolchain', 3)
    .addTable([
      [
        { data: 'Go', header: true },
        { data: 'Archive', header: true },
        { data: 'SHA-256', header: true },
        { data: 'Verified against', header: true },
        { data: 'Source', header: true },
      ],
      [displayVersion(tc.version), tc.file, `<code>${tc.sha256}</code>`, tc.hashSource, tc.fromToolCache ? 'tool cache' : 'download'],
    ])
    .write();
}

// Exit explicitly: a timed-out cache request of @actions/cache may keep retrying in the background.
main()
  .catch(reportFailure)
  .finally(() => process.exit());
